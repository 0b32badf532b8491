// The public form's defences without a captcha service (DOMAIN.md §8): a token the form fetches
// when it opens, signed by the server with the time it was issued and a nonce. A post earlier than
// MIN_FILL_MS after the token was issued was not typed by a person (400 appeal_too_fast); a token
// older than a day, or not the server's, is refused; a nonce is registered once (the appeal keeps
// it, unique), so one form gives one appeal. The key is derived from the server's secret
// (IIN_HASH_KEY), so that every server behind the load balancer reads the tokens of the others.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { refuse } from '../../lib/errors.ts';
import { iinHashKey } from '../volunteers/volunteers.service.ts';

/** The least time from opening the form to posting it. */
export const MIN_FILL_MS = 3_000;
/** How long a form may stay open. */
export const MAX_FORM_AGE_MS = 24 * 3600_000;

const formKey = (secret = iinHashKey()) => createHmac('sha256', secret).update('appeal-form-token').digest();

const sign = (payload: string) => createHmac('sha256', formKey()).update(payload).digest('base64url');

/** A new token: `<issued ms, base 36>.<nonce>.<signature>`. */
export function issueFormToken(now = new Date()): string {
  const payload = `${now.getTime().toString(36)}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

/** The nonce of a token the server issued between a day and MIN_FILL_MS ago; else the refusal. */
export function checkFormToken(token: string, now = new Date()): string {
  const parts = token.split('.');
  const [issued, nonce, signature] = parts;
  const invalid = () =>
    refuse(400, 'appeal_form_invalid', 'The form’s token is not valid: open the form again');
  if (parts.length !== 3 || !issued || !nonce || !signature) throw invalid();
  const expected = Buffer.from(sign(`${issued}.${nonce}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  const age = now.getTime() - Number.parseInt(issued, 36);
  if (!Number.isFinite(age) || age > MAX_FORM_AGE_MS)
    throw refuse(400, 'appeal_form_expired', 'The form was opened more than a day ago: open it again');
  if (age < MIN_FILL_MS)
    throw refuse(400, 'appeal_too_fast', 'The form was sent too fast after it was opened: wait a moment', {
      seconds: Math.ceil(MIN_FILL_MS / 1000),
    });
  return nonce;
}
