// Volunteers of the platform (issue 11 item 2, DOMAIN.md §7). Anyone registers (limited per client
// address); the account is an app_user of role `volunteer` with a profile, signed in at once. The
// e-mail address is confirmed by a one-time link (reminded, not blocking); under 18 a guardian's
// consent comes by a one-time link sent to the guardian. Links keep only the sha256 of their token.
//
// The IIN is optional: checked (check digit, birth date, sex) in domain/volunteer-account.ts, then
// kept only as HMAC-SHA256 under IIN_HASH_KEY (unique: a second account with the same IIN is 409
// iin_taken) and its last 4 digits. No answer, export, audit entry, log or error repeats it.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import {
  ADULT_AGE,
  ageOn,
  CONSENT_VERSION,
  checkIin,
  iinLast4,
  isIsoDate,
  PLATFORM_MIN_AGE,
} from '../../domain/volunteer-account.ts';
import { AppError, badRequest, conflict, type ErrorDetail, validationFailed } from '../../lib/errors.ts';
import { listOwn, withdrawOpenOf } from '../applications/applications.service.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { forgetVolunteerInAwards } from '../awards/awards.book.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import { findRegion } from '../reference/regions.ts';
import { countSignupRequest, type LoginLimit } from '../users/login-limits.ts';
import { hashPassword } from '../users/passwords.ts';
import { createSession } from '../users/sessions.ts';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  revokeSessionsOfUser,
  updateUserRow,
} from '../users/users.repository.ts';
import { checkPassword, emailTaken, normalizeEmail, pendingPasswordHash } from '../users/users.service.ts';
import { platformDataOf } from './volunteer-data.ts';
import { confirmMail, confirmReminderMail, guardianMail } from './volunteers.mail.ts';
import {
  deleteTokensOfUser,
  deleteUnusedTokens,
  findProfile,
  findProfileByIinHash,
  findToken,
  insertProfile,
  insertToken,
  listMessagesTo,
  listTokensOfUser,
  listToRemind,
  listTrailOfVolunteer,
  listUnconfirmedBefore,
  markReminded,
  type NewProfile,
  type ProfileRow,
  spendTokenRow,
  updateProfile,
} from './volunteers.repository.ts';
import type {
  RegisterVolunteerBody,
  UpdateVolunteerBody,
  Volunteer,
  VolunteerExport,
} from './volunteers.schemas.ts';

/** How long the e-mail confirmation link works. */
export const CONFIRM_DAYS = 7;
/** How long the guardian's consent link works. */
export const GUARDIAN_DAYS = 14;

// --- the IIN's key ---------------------------------------------------------------------------------

/** The key outside production when IIN_HASH_KEY is not set. Refused in production. */
export const DEV_IIN_HASH_KEY = 'birgemiz-development-iin-key-do-not-use-in-production';

/**
 * The HMAC key of IINs: IIN_HASH_KEY (at least 32 characters). In production it must be set and not
 * the development default; elsewhere the default stands in. Changing it later breaks the
 * de-duplication of the IINs stored before.
 */
export function iinHashKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.IIN_HASH_KEY ?? '';
  if (env.NODE_ENV === 'production' && (key === '' || key === DEV_IIN_HASH_KEY || key.length < 32))
    throw new AppError(
      503,
      'iin_key_missing',
      'IIN_HASH_KEY must be set to a secret of at least 32 characters in production',
    );
  return key === '' ? DEV_IIN_HASH_KEY : key;
}

export const hashIin = (iin: string, key = iinHashKey()) =>
  createHmac('sha256', key).update(iin).digest('hex');

// --- registration ------------------------------------------------------------------------------------

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Today in Kazakhstan (UTC+5), YYYY-MM-DD. */
const kzToday = (now: Date) => new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);

const link = (baseUrl: string, page: string, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}/platform/${page}?token=${encodeURIComponent(token)}`;

async function issueToken(
  trx: Transaction<DB>,
  userId: number,
  purpose: 'confirm_email' | 'guardian',
  days: number,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertToken(trx, {
    token_hash: sha256(token),
    user_id: userId,
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + days * 24 * 3600_000).toISOString(),
    used_at: null,
  });
  return token;
}

export interface RegisterContext {
  clientAddress: string;
  /** Where the web application is reached: the base of the links in the e-mails. */
  baseUrl: string;
  limit: LoginLimit;
  now?: Date;
}

export type RegisterResult =
  | { volunteer: Volunteer; session: { token: string; csrfToken: string; expiresAt: Date } }
  | { retryAfterSeconds: number };

const problem = (column: string, rule: string, message: string): ErrorDetail => ({ column, rule, message });

/**
 * Registers a volunteer (anyone; counted per client address): checks, then in one transaction the
 * account, its profile, the confirmation link's e-mail (and the guardian's, under 18), the audit
 * entry and a session.
 */
export async function registerVolunteer(
  db: Kysely<DB>,
  input: RegisterVolunteerBody,
  ctx: RegisterContext,
): Promise<RegisterResult> {
  const now = ctx.now ?? new Date();
  const refused = await countSignupRequest(db, ctx.limit, ctx.clientAddress, now.getTime());
  if (refused) return { retryAfterSeconds: refused.retryAfterSeconds };

  if (input.consent?.personalData !== true)
    throw badRequest(
      'Consent to the processing of personal data is required to register',
      [{ column: 'consent.personalData', rule: 'consent_required' }],
      'consent_required',
    );

  // Fields checked against the reference data, every problem at once.
  const problems: ErrorDetail[] = [];
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) problems.push(problem('email', 'email', 'Not an e-mail address'));
  const name = input.name.trim();
  if (name === '') problems.push(problem('name', 'required', 'A name is required'));
  const today = kzToday(now);
  const birthDate = input.birthDate.trim();
  if (!isIsoDate(birthDate) || birthDate > today || ageOn(birthDate, today) > 120)
    problems.push(problem('birthDate', 'date', 'A birth date YYYY-MM-DD in the past'));
  const [genders, employments, region] = await Promise.all([
    activeCodes(db, 'gender'),
    activeCodes(db, 'employment'),
    findRegion(db, input.region),
  ]);
  if (!genders.includes(input.gender))
    problems.push({ ...problem('gender', 'code_list', `One of ${genders.join(', ')}`), value: input.gender });
  if (!employments.includes(input.employment))
    problems.push({
      ...problem('employment', 'code_list', `One of ${employments.join(', ')}`),
      value: input.employment,
    });
  if (!region)
    problems.push({ ...problem('region', 'region_exists', 'Unknown region'), value: input.region });
  if (problems.length > 0)
    throw validationFailed(
      `Invalid registration: ${problems.map((p) => `${p.message} (${p.column})`).join('; ')}`,
      problems,
    );

  const age = ageOn(birthDate, today);
  if (age < PLATFORM_MIN_AGE)
    throw badRequest(
      `Volunteers register from the age of ${PLATFORM_MIN_AGE}`,
      [{ column: 'birthDate', rule: 'too_young', minAge: PLATFORM_MIN_AGE }],
      'too_young',
    );
  const minor = age < ADULT_AGE;
  const guardian = input.guardian
    ? { name: input.guardian.name.trim(), email: normalizeEmail(input.guardian.email) }
    : null;
  if (minor && (!guardian || guardian.name === '' || guardian.email === ''))
    throw badRequest(
      `Under ${ADULT_AGE} a parent or guardian is required: give their name and e-mail`,
      [{ column: 'guardian', rule: 'guardian_required', adultAge: ADULT_AGE }],
      'guardian_required',
    );
  if (!minor && guardian)
    throw badRequest(
      `A guardian is asked for volunteers under ${ADULT_AGE} only`,
      [{ column: 'guardian', rule: 'guardian_not_needed' }],
      'guardian_not_needed',
    );
  if (minor && guardian) {
    if (!EMAIL.test(guardian.email))
      throw validationFailed('Invalid registration: Not an e-mail address (guardian.email)', [
        problem('guardian.email', 'email', 'Not an e-mail address'),
      ]);
    if (guardian.email === email)
      throw badRequest(
        'The guardian’s e-mail must be the guardian’s own, not the volunteer’s',
        [{ column: 'guardian.email', rule: 'guardian_email_own' }],
        'guardian_email_own',
      );
  }

  let iin: { hash: string; last4: string } | null = null;
  if (input.iin !== undefined && input.iin.trim() !== '') {
    const typed = input.iin.replace(/\s+/g, '');
    const wrong = checkIin(typed, { birthDate, gender: input.gender });
    if (wrong) throw badRequest(wrong.message, [{ column: 'iin', rule: wrong.code }], wrong.code);
    iin = { hash: hashIin(typed), last4: iinLast4(typed) };
  }
  checkPassword(input.password);
  if (await findUserByEmail(db, email)) throw emailTaken(email);
  if (iin && (await findProfileByIinHash(db, iin.hash))) throw iinTaken();
  const passwordHash = await hashPassword(input.password);
  const lang: Lang = input.lang ?? 'ru';

  const isUnique = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message));
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email,
      password_hash: passwordHash,
      role: 'volunteer',
      region: null,
      organization_id: null,
      display_name: name,
      disabled: 0,
      is_demo: 0,
      created_at: now.toISOString(),
      lang,
    }).catch((err: unknown) => {
      // Two registrations of one address at once: the unique index refuses the second.
      throw isUnique(err) ? emailTaken(email) : err;
    });
    const profile: NewProfile = {
      user_id: user.id,
      name,
      birth_date: birthDate,
      gender: input.gender,
      region,
      employment: input.employment,
      resident: input.resident === false ? 0 : 1,
      disability: input.disability === true ? 1 : 0,
      skills: JSON.stringify(tidyList(input.skills)),
      languages: JSON.stringify(tidyList(input.languages)),
      iin_hash: iin?.hash ?? null,
      iin_last4: iin?.last4 ?? null,
      consent_version: CONSENT_VERSION,
      consent_at: now.toISOString(),
      email_confirmed_at: null,
      confirm_reminded_at: null,
      guardian_name: guardian?.name ?? null,
      guardian_email: guardian?.email ?? null,
      guardian_status: minor ? 'pending' : 'not_required',
      guardian_confirmed_at: null,
      lang,
      created_at: now.toISOString(),
      erased_at: null,
    };
    await insertProfile(trx, profile).catch((err: unknown) => {
      throw isUnique(err) ? iinTaken() : err;
    });
    const confirmToken = await issueToken(trx, user.id, 'confirm_email', CONFIRM_DAYS, now);
    await queueMessage(
      trx,
      {
        kind: 'volunteer.confirm_email',
        to: email,
        lang,
        ...confirmMail(lang, { name, link: link(ctx.baseUrl, 'confirm', confirmToken), days: CONFIRM_DAYS }),
      },
      now,
    );
    if (minor && guardian) {
      const guardianToken = await issueToken(trx, user.id, 'guardian', GUARDIAN_DAYS, now);
      await queueMessage(
        trx,
        {
          kind: 'volunteer.guardian_consent',
          to: guardian.email,
          lang,
          ...guardianMail(lang, {
            guardianName: guardian.name,
            volunteerName: name,
            link: link(ctx.baseUrl, 'guardian-consent', guardianToken),
            days: GUARDIAN_DAYS,
          }),
        },
        now,
      );
    }
    // The trail names the account and what was agreed to, never the personal data itself.
    await writeAudit(
      trx,
      [
        {
          userId: user.id,
          action: 'create',
          entity: 'volunteer',
          entityId: String(user.id),
          newValue: JSON.stringify({ role: 'volunteer', consentVersion: CONSENT_VERSION, minor }),
          note: 'volunteer registered on the platform',
        },
      ],
      now.toISOString(),
    );
    const session = await createSession(trx, user.id, now);
    return { volunteer: toVolunteer(profile, email), session };
  });
}

/** A list as kept: trimmed, without empty entries or repeats. */
const tidyList = (xs: string[] | undefined) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];

const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const iinTaken = () =>
  conflict('An account with this IIN exists already', [{ column: 'iin', rule: 'iin_taken' }], 'iin_taken');

function toVolunteer(p: NewProfile, email: string): Volunteer {
  return {
    id: p.user_id,
    email,
    name: p.name,
    birthDate: p.birth_date,
    gender: p.gender,
    region: p.region,
    employment: p.employment,
    resident: p.resident === 1,
    disability: p.disability === 1,
    skills: parseList(p.skills),
    languages: parseList(p.languages),
    iinLast4: p.iin_last4,
    consent: { personalData: true, version: p.consent_version, at: p.consent_at },
    emailConfirmed: p.email_confirmed_at !== null,
    emailConfirmedAt: p.email_confirmed_at,
    guardianStatus: p.guardian_status,
    guardian:
      p.guardian_name !== null && p.guardian_email !== null
        ? { name: p.guardian_name, email: p.guardian_email, confirmedAt: p.guardian_confirmed_at }
        : null,
    lang: p.lang,
    createdAt: p.created_at,
  };
}

// --- the links ---------------------------------------------------------------------------------------

const tokenError = (status: number, code: string, message: string) =>
  new AppError(status, code, message, [{ rule: code }]);
const TOKEN_INVALID = () =>
  tokenError(400, 'token_invalid', 'This link is not valid: it may be incomplete, or it was never sent.');
const TOKEN_USED = () => tokenError(410, 'token_used', 'This link was used already.');
const TOKEN_EXPIRED = () => tokenError(410, 'token_expired', 'This link has expired.');

/** Uses a one-time link of `purpose`: the volunteer's id, or the error saying what is wrong with it. */
async function spendToken(
  trx: Transaction<DB>,
  token: string,
  purpose: 'confirm_email' | 'guardian',
  now: Date,
): Promise<number> {
  const hash = sha256(token);
  const row = await findToken(trx, hash);
  if (!row || row.purpose !== purpose) throw TOKEN_INVALID();
  if (row.used_at) throw TOKEN_USED();
  if (row.expires_at <= now.toISOString()) throw TOKEN_EXPIRED();
  // Of two uses at once, one wins.
  if (!(await spendTokenRow(trx, hash, now.toISOString()))) throw TOKEN_USED();
  return row.user_id;
}

/** The link of the confirmation e-mail (public): the address is confirmed. */
export async function confirmEmail(db: Kysely<DB>, token: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const userId = await spendToken(trx, token, 'confirm_email', now);
    await updateProfile(trx, userId, { email_confirmed_at: now.toISOString() });
    await writeAudit(
      trx,
      [
        {
          userId,
          action: 'update',
          entity: 'volunteer',
          entityId: String(userId),
          field: 'email_confirmed',
          note: 'e-mail address confirmed by link',
        },
      ],
      now.toISOString(),
    );
  });
}

/** The link of the guardian's e-mail (public): the guardian's consent is recorded. */
export async function recordGuardianConsent(db: Kysely<DB>, token: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const userId = await spendToken(trx, token, 'guardian', now);
    await updateProfile(trx, userId, {
      guardian_status: 'confirmed',
      guardian_confirmed_at: now.toISOString(),
    });
    await writeAudit(
      trx,
      [
        {
          userId: null,
          action: 'update',
          entity: 'volunteer',
          entityId: String(userId),
          field: 'guardian_status',
          oldValue: 'pending',
          newValue: 'confirmed',
          note: 'guardian consent recorded by link',
        },
      ],
      now.toISOString(),
    );
  });
}

// --- the volunteer's own account -------------------------------------------------------------------

async function ownProfile(db: Kysely<DB>, actor: Actor): Promise<{ profile: ProfileRow; email: string }> {
  authorize(actor, 'volunteers.self');
  const [profile, user] = await Promise.all([findProfile(db, actor.id), findUserById(db, actor.id)]);
  if (!profile || !user || profile.erased_at !== null)
    throw new AppError(404, 'not_found', 'This account has no volunteer profile');
  return { profile, email: user.email };
}

export async function getOwnVolunteer(db: Kysely<DB>, actor: Actor): Promise<Volunteer> {
  const { profile, email } = await ownProfile(db, actor);
  return toVolunteer(profile, email);
}

/**
 * The volunteer changes their profile: fields checked as at registration; a minor's new guardian
 * address asks the new guardian's consent anew (pending, the old link ends, a new one is e-mailed).
 * The trail names the fields changed, not their values (personal data leaves with an erasure).
 */
export async function updateOwnVolunteer(
  db: Kysely<DB>,
  actor: Actor,
  input: UpdateVolunteerBody,
  baseUrl: string,
  now = new Date(),
): Promise<Volunteer> {
  const { profile, email } = await ownProfile(db, actor);
  const next: Partial<ProfileRow> = {};
  const problems: ErrorDetail[] = [];
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === '') problems.push(problem('name', 'required', 'A name is required'));
    else next.name = name;
  }
  if (input.region !== undefined) {
    const region = await findRegion(db, input.region);
    if (!region)
      problems.push({ ...problem('region', 'region_exists', 'Unknown region'), value: input.region });
    else next.region = region;
  }
  if (input.employment !== undefined) {
    const employments = await activeCodes(db, 'employment');
    if (!employments.includes(input.employment))
      problems.push({
        ...problem('employment', 'code_list', `One of ${employments.join(', ')}`),
        value: input.employment,
      });
    else next.employment = input.employment;
  }
  if (problems.length > 0)
    throw validationFailed(
      `Invalid profile: ${problems.map((p) => `${p.message} (${p.column})`).join('; ')}`,
      problems,
    );
  if (input.resident !== undefined) next.resident = input.resident ? 1 : 0;
  if (input.disability !== undefined) next.disability = input.disability ? 1 : 0;
  if (input.skills !== undefined) next.skills = JSON.stringify(tidyList(input.skills));
  if (input.languages !== undefined) next.languages = JSON.stringify(tidyList(input.languages));
  if (input.lang !== undefined) next.lang = input.lang;

  let newGuardian: { name: string; email: string } | null = null;
  if (input.guardian !== undefined) {
    const minor = profile.birth_date !== null && ageOn(profile.birth_date, kzToday(now)) < ADULT_AGE;
    if (!minor)
      throw badRequest(
        `A guardian is asked for volunteers under ${ADULT_AGE} only`,
        [{ column: 'guardian', rule: 'guardian_not_needed' }],
        'guardian_not_needed',
      );
    const g = { name: input.guardian.name.trim(), email: normalizeEmail(input.guardian.email) };
    if (g.name === '' || !EMAIL.test(g.email))
      throw validationFailed('Invalid profile: a guardian needs a name and an e-mail address (guardian)', [
        problem('guardian', 'required', 'A guardian needs a name and an e-mail address'),
      ]);
    if (g.email === email)
      throw badRequest(
        'The guardian’s e-mail must be the guardian’s own, not the volunteer’s',
        [{ column: 'guardian.email', rule: 'guardian_email_own' }],
        'guardian_email_own',
      );
    next.guardian_name = g.name;
    if (g.email !== profile.guardian_email) {
      next.guardian_email = g.email;
      next.guardian_status = 'pending';
      next.guardian_confirmed_at = null;
      newGuardian = g;
    }
  }
  const changed = Object.keys(next).filter(
    (k) => next[k as keyof ProfileRow] !== profile[k as keyof ProfileRow],
  );
  if (changed.length === 0) return toVolunteer(profile, email);
  await db.transaction().execute(async (trx) => {
    await updateProfile(trx, actor.id, next);
    if (next.name !== undefined) await updateUserRow(trx, actor.id, { display_name: next.name });
    if (next.lang !== undefined) await updateUserRow(trx, actor.id, { lang: next.lang });
    if (newGuardian) {
      await deleteUnusedTokens(trx, actor.id, 'guardian');
      const token = await issueToken(trx, actor.id, 'guardian', GUARDIAN_DAYS, now);
      const lang = (next.lang ?? profile.lang) as Lang;
      await queueMessage(
        trx,
        {
          kind: 'volunteer.guardian_consent',
          to: newGuardian.email,
          lang,
          ...guardianMail(lang, {
            guardianName: newGuardian.name,
            volunteerName: next.name ?? profile.name,
            link: link(baseUrl, 'guardian-consent', token),
            days: GUARDIAN_DAYS,
          }),
        },
        now,
      );
    }
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'update',
          entity: 'volunteer',
          entityId: String(actor.id),
          field: changed.join(','),
          note: newGuardian ? 'profile changed; the new guardian’s consent is asked' : 'profile changed',
        },
      ],
      now.toISOString(),
    );
  });
  const after = await findProfile(db, actor.id);
  return toVolunteer(after ?? profile, email);
}

/** Everything the platform keeps about the volunteer, as JSON (the IIN as its last 4 digits). */
export async function exportOwnData(
  db: Kysely<DB>,
  actor: Actor,
  now = new Date(),
): Promise<VolunteerExport> {
  const { profile, email } = await ownProfile(db, actor);
  const user = await findUserById(db, actor.id);
  const [tokens, trail, messages, applications, platform] = await Promise.all([
    listTokensOfUser(db, actor.id),
    listTrailOfVolunteer(db, actor.id),
    listMessagesTo(db, email),
    listOwn(db, actor),
    platformDataOf(db, actor),
  ]);
  return {
    exportedAt: now.toISOString(),
    account: {
      id: actor.id,
      email,
      role: 'volunteer',
      lang: user?.lang ?? profile.lang,
      createdAt: user?.created_at ?? profile.created_at,
    },
    volunteer: toVolunteer(profile, email),
    links: tokens.map((t) => ({
      purpose: t.purpose,
      createdAt: t.created_at,
      expiresAt: t.expires_at,
      usedAt: t.used_at,
    })),
    history: trail.map((a) => ({ at: a.at, action: a.action, field: a.field, note: a.note })),
    applications: applications.items,
    confirmedHours: applications.confirmedHours,
    messages: messages.map((m) => ({
      kind: m.kind,
      subject: m.subject,
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
    ...platform,
  };
}

/**
 * Erasure (the volunteer): the profile's personal data is cleared, the account is anonymised
 * (e-mail replaced, no usable password, disabled), its sessions and links end, and the trail says
 * so without repeating what was erased. Statistics derived already stay, as anonymous figures.
 */
export async function eraseOwnAccount(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<void> {
  await ownProfile(db, actor);
  await db
    .transaction()
    .execute((trx) =>
      eraseVolunteer(
        trx,
        actor.id,
        actor.id,
        'personal data erased at the volunteer’s request; the account is anonymised and disabled',
        now,
      ),
    );
}

/** An address unconfirmed this many days after registration is reminded once, with a new link. */
export const REMIND_AFTER_DAYS = 3;

/**
 * Reminds, once, the volunteers whose address is still unconfirmed REMIND_AFTER_DAYS after
 * registering (a scheduled job): a new link (the first still works) in their language, queued in
 * the transaction that marks the reminder, so that racing runs send it once. How many.
 */
export async function remindUnconfirmedVolunteers(
  db: Kysely<DB>,
  baseUrl: string,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - REMIND_AFTER_DAYS * 24 * 3600_000).toISOString();
  let sent = 0;
  for (const p of await listToRemind(db, before)) {
    const user = await findUserById(db, p.user_id);
    if (!user || user.disabled === 1) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await markReminded(trx, p.user_id, now.toISOString()))) return;
      const token = await issueToken(trx, p.user_id, 'confirm_email', CONFIRM_DAYS, now);
      const lang = (isLang(p.lang) ? p.lang : 'ru') as Lang;
      await queueMessage(
        trx,
        {
          kind: 'volunteer.confirm_reminder',
          to: user.email,
          lang,
          ...confirmReminderMail(lang, {
            name: p.name,
            link: link(baseUrl, 'confirm', token),
            days: CONFIRM_DAYS,
          }),
        },
        now,
      );
      sent++;
    });
  }
  return sent;
}

/** An address never confirmed: the account is removed (erased as on request) after this many days. */
export const UNCONFIRMED_DAYS = 30;

/**
 * Removes the accounts whose address was never confirmed within UNCONFIRMED_DAYS (a scheduled
 * job): each erased as on request, the trail naming the rule. How many.
 */
export async function purgeUnconfirmedVolunteers(db: Kysely<DB>, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - UNCONFIRMED_DAYS * 24 * 3600_000).toISOString();
  const ids = await listUnconfirmedBefore(db, before);
  for (const id of ids)
    await db
      .transaction()
      .execute((trx) =>
        eraseVolunteer(
          trx,
          id,
          null,
          `e-mail address not confirmed within ${UNCONFIRMED_DAYS} days: personal data erased, the account anonymised and disabled`,
          now,
        ),
      );
  return ids.length;
}

/**
 * Erasure: the profile's personal data is cleared, the account anonymised (e-mail replaced, no
 * usable password, disabled), its sessions and links end, and the trail says so without repeating
 * what was erased.
 */
async function eraseVolunteer(
  trx: Transaction<DB>,
  userId: number,
  by: number | null,
  note: string,
  now: Date,
): Promise<void> {
  await updateProfile(trx, userId, {
    name: '',
    birth_date: null,
    gender: null,
    region: null,
    employment: null,
    resident: 1,
    disability: 0,
    skills: '[]',
    languages: '[]',
    iin_hash: null,
    iin_last4: null,
    guardian_name: null,
    guardian_email: null,
    erased_at: now.toISOString(),
    // No longer findable, nothing left to show.
    findable: 0,
    findable_show: null,
    availability: null,
  });
  await updateUserRow(trx, userId, {
    email: `erased-${userId}@erased.invalid`,
    display_name: null,
    password_hash: pendingPasswordHash(),
    disabled: 1,
  });
  await deleteTokensOfUser(trx, userId);
  await revokeSessionsOfUser(trx, userId);
  await withdrawOpenOf(trx, userId, now);
  await forgetVolunteerInAwards(trx, userId);
  await writeAudit(
    trx,
    [{ userId: by, action: 'delete', entity: 'volunteer', entityId: String(userId), note }],
    now.toISOString(),
  );
}
