// The e-mail outbox: modules queue messages with `queueMessage` (or the repository's `enqueue`)
// inside their own transaction; the scheduled job `deliver-outbox` hands them to the mail server.
// Without SMTP_URL nothing is sent: messages stay queued, for the national admin to read
// (GET /api/outbox, `birgemiz outbox list|show`), so the embedded default needs no mail server.
// A mail server that refuses or is away costs the message an attempt: it is queued again with a
// growing delay, and given up (`failed`) after MAX_ATTEMPTS; nothing else fails. Each message is
// claimed (queued → sending, with a lease) before it is sent and marked sent once the server took
// it, so several servers send it once; a server killed mid-send leaves a lease that runs out, and
// the message is tried again (the one case where a message might arrive twice: the server took it
// and the process died before it could write so).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { isLang } from '../../domain/lang.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { JobDefinition } from '../jobs/jobs.service.ts';
import {
  claimMessage,
  dueMessageIds,
  enqueue,
  enqueueMany,
  findMessage,
  listMessages,
  markAttemptFailed,
  markSent,
  type NewMessage,
  type OutboxRow,
} from './outbox.repository.ts';
import type { OutboxMessage, OutboxQuery } from './outbox.schemas.ts';

/** Attempts before a message is given up (the delays add up to about 8½ hours). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3600_000;
/** How long a claimed message is held; far above the SMTP timeouts below, so a live sender keeps it. */
const LEASE_MS = 10 * 60_000;
const SMTP_TIMEOUT_MS = 30_000;

/** The delay before the attempt after `attempts` failed ones: 1, 2, 4, … minutes, at most 6 hours. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$|^[^\s@<>,;"]+@localhost$/;

/**
 * Queues an e-mail inside the caller's transaction (it exists exactly when the change causing it
 * commits). Subject and body are in the recipient's language `lang`, plain text.
 */
export function queueMessage(trx: Kysely<DB> | Transaction<DB>, message: NewMessage, now = new Date()) {
  return enqueue(trx, checked(message), now);
}

/** The message as queued: its address and language checked, its subject one line. */
function checked(message: NewMessage): NewMessage {
  if (!ADDRESS.test(message.to)) throw badRequest(`Not an e-mail address: ${message.to.slice(0, 200)}`);
  if (!isLang(message.lang)) throw badRequest(`Unknown language ${message.lang}: use kk, ru or en`);
  // A subject is one header line: a line break in it would start another header.
  const subject = message.subject.replace(/[\r\n]+/g, ' ').trim();
  return { ...message, subject };
}

/** Many messages in the caller's transaction at once (a whole shift's "hours confirmed"). */
export function queueMessages(trx: Kysely<DB> | Transaction<DB>, messages: NewMessage[], now = new Date()) {
  return enqueueMany(trx, messages.map(checked), now);
}

// --- reading (national admin) ---------------------------------------------------------------------

/**
 * A one-time link's token (invitation, password reset) is the key to an account until it is used
 * or expires: the admin reading the outbox (page, API, CLI) sees the link without it. Only the
 * delivery to the recipient carries it.
 */
export const maskTokens = (text: string) => text.replace(/([?&]token=)[A-Za-z0-9_-]+/g, '$1…');

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  kind: r.kind,
  to: r.recipient,
  lang: r.lang,
  subject: r.subject,
  body: maskTokens(r.body),
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export async function listOutbox(db: Kysely<DB>, actor: Actor, q: OutboxQuery): Promise<OutboxMessage[]> {
  authorize(actor, 'outbox.read');
  return (await listMessages(db, q)).map(toMessage);
}

export async function showOutboxMessage(db: Kysely<DB>, actor: Actor, id: number): Promise<OutboxMessage> {
  authorize(actor, 'outbox.read');
  const row = await findMessage(db, id);
  if (!row) throw notFound(`No message ${id} in the outbox`);
  return toMessage(row);
}

// --- delivery -------------------------------------------------------------------------------------

export interface SmtpSettings {
  /** smtp://user:password@host:port or smtps://… (nodemailer's connection URL). */
  url: string;
  /** The From of every message. */
  from: string;
}

/**
 * SMTP_URL (smtp:// or smtps://, with user and password when the server wants them) and MAIL_FROM
 * (default `Birgemiz <noreply@host of SMTP_URL>`). Unset SMTP_URL: null, nothing is sent. A value
 * that is no such URL is an error saying so (the delivery job keeps it as its last error).
 */
export function smtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const raw = (env.SMTP_URL ?? '').trim();
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('SMTP_URL is not a URL: use smtp://user:password@host:587 or smtps://…:465');
  }
  if (!['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '')
    throw new Error(
      `SMTP_URL must be smtp://… or smtps://… with a host (got ${url.protocol}//…): e.g. smtp://user:password@mail.example.kz:587`,
    );
  const from = (env.MAIL_FROM ?? '').trim() || `Birgemiz <noreply@${url.hostname}>`;
  return { url: raw, from };
}

/** The HTML part: the text with every markup character escaped, paragraphs and line breaks kept. */
export function htmlBody(text: string, lang: string): string {
  const esc = (s: string) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${esc(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${esc(lang)}"><body>\n${paragraphs}\n</body></html>\n`;
}

export interface DeliveryOptions {
  /** null: no mail server, nothing is sent. */
  smtp: SmtpSettings | null;
  /** This sender's name in the lease (default host, process id and a random part). */
  owner?: string;
  /** Messages looked at per run (default 200); the rest wait for the next run. */
  batch?: number;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/**
 * Sends the messages due at `now`: each one claimed before it is sent, marked sent when the mail
 * server took it, queued again (or failed for good) when it did not. Never throws for a mail server
 * that refuses or cannot be reached.
 */
export async function deliverOutbox(
  database: Database,
  now: Date,
  opts: DeliveryOptions,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  if (!opts.smtp) return result;
  const db = database.db;
  const owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const at = now.toISOString();
  const ids = await dueMessageIds(db, at, opts.batch ?? 200);
  if (ids.length === 0) return result;
  const { createTransport } = await import('nodemailer');
  const transport = createTransport(
    {
      url: opts.smtp.url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    },
    { from: opts.smtp.from },
  );
  try {
    for (const id of ids) {
      const m = await claimMessage(db, {
        id,
        owner,
        now: at,
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      });
      if (!m) continue; // another server took it
      try {
        await transport.sendMail({
          to: m.recipient,
          subject: m.subject,
          text: m.body,
          html: htmlBody(m.body, m.lang),
          headers: { 'Content-Language': m.lang },
        });
      } catch (err) {
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        const giveUp = m.attempts >= MAX_ATTEMPTS;
        await markAttemptFailed(db, {
          id,
          owner,
          error,
          status: giveUp ? 'failed' : 'queued',
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(m.attempts)).toISOString(),
        });
        result.failed++;
        continue;
      }
      await markSent(db, { id, owner, now: new Date().toISOString() });
      result.sent++;
    }
  } finally {
    transport.close();
  }
  return result;
}

/** The scheduled job: SMTP_URL and MAIL_FROM are read at each run, from `env`. */
export function outboxDeliveryJob(env: NodeJS.ProcessEnv = process.env, everyMs = 60_000): JobDefinition {
  return {
    name: 'deliver-outbox',
    everyMs,
    run: async (database, now) => {
      await deliverOutbox(database, now, { smtp: smtpSettings(env) });
    },
  };
}
