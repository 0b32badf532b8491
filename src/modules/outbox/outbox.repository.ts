// Every query of the outbox, on the `outbox` table. Times are ISO strings in UTC, compared as text.
// `enqueue` takes the caller's transaction: a message exists exactly when the change causing it
// committed. Claiming is one conditional UPDATE per message (as jobs.repository.ts claimJob): among
// servers racing for a row exactly one UPDATE matches (PostgreSQL re-checks the condition on the row
// another transaction just changed; SQLite has one writer at a time), so a message is sent once.
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, OutboxStatus, OutboxTable } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type OutboxRow = Selectable<OutboxTable>;

export interface NewMessage {
  kind: string;
  to: string;
  lang: string;
  subject: string;
  body: string;
}

/** Queues a message, due at once; its id. Call it inside the transaction of the change causing it. */
export async function enqueue(trx: Db, message: NewMessage, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('outbox')
    .values({
      kind: message.kind,
      recipient: message.to,
      lang: message.lang,
      subject: message.subject,
      body: message.body,
      status: 'queued',
      next_attempt_at: at,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Queues many messages at once (multi-row inserts), due at once. */
export async function enqueueMany(trx: Db, messages: NewMessage[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < messages.length; i += 300)
    await trx
      .insertInto('outbox')
      .values(
        messages.slice(i, i + 300).map((m) => ({
          kind: m.kind,
          recipient: m.to,
          lang: m.lang,
          subject: m.subject,
          body: m.body,
          status: 'queued' as const,
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .execute();
}

/** A message may be taken: queued and due, or left `sending` by a server whose lease ran out. */
const claimable = (now: string) => (eb: ExpressionBuilder<DB, 'outbox'>) =>
  eb.or([
    eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
  ]);

/** The ids of messages that may be taken now, oldest first. */
export async function dueMessageIds(db: Db, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where(claimable(now))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes message `id` for `owner` until `leaseUntil`, counting the attempt; the row when taken. */
export async function claimMessage(
  db: Db,
  claim: { id: number; owner: string; now: string; leaseUntil: string },
): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      lease_owner: claim.owner,
      lease_until: claim.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', claim.id)
    .where(claimable(claim.now))
    .returningAll()
    .executeTakeFirst();
}

/** The mail server took it (only the lease holder's word counts). */
export async function markSent(db: Db, m: { id: number; owner: string; now: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: m.now, lease_owner: null, lease_until: null, last_error: null })
    .where('id', '=', m.id)
    .where('lease_owner', '=', m.owner)
    .execute();
}

/** The attempt failed: queued again from `nextAttemptAt`, or `failed` for good. */
export async function markAttemptFailed(
  db: Db,
  m: { id: number; owner: string; error: string; status: 'queued' | 'failed'; nextAttemptAt: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: m.status,
      next_attempt_at: m.nextAttemptAt,
      last_error: m.error,
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', m.id)
    .where('lease_owner', '=', m.owner)
    .execute();
}

export async function listMessages(
  db: Db,
  filter: { status?: OutboxStatus; limit: number; offset: number },
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export const findMessage = (db: Db, id: number): Promise<OutboxRow | undefined> =>
  db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
