// The information centre's appeals (DOMAIN.md §8, issue 13 item 1): registered by staff or through
// the public form, then worked: new → in_progress (assigned to a national office member or one of
// the appeal's region's front office) → resolved (answer and result) | closed (duplicate, spam, no
// contact), reopenable. Every step is kept as the appeal's history and audited; the audit trail
// never holds the applicant's name, contact or words (their readers need not be the appeal's). The
// answer goes to the applicant's e-mail address, in the language of the form, through the outbox.
// Imported appeals are the same rows: they are worked the same way once they are in the register.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  type AppealStep,
  type AppealTargets,
  appealTime,
  MAX_APPEAL_TEXT,
  mayStep,
  overdueOf,
  reopenedStatus,
  WEB_CHANNEL,
} from '../../domain/appeal-rules.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize, listScope, NATIONAL, type Role, requireActor } from '../../domain/policy.ts';
import { hasCode, type ReferenceSnapshot, unitExistsIn } from '../../domain/reference.ts';
import { notFound, refuse } from '../../lib/errors.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { checkFormToken } from './appeals.form.ts';
import { answerMail, reference } from './appeals.mail.ts';
import {
  type AppealRow,
  eligibleAssignees,
  eventsOf,
  findAppeal,
  insertAppeal,
  insertEvent,
  listAppeals as listRows,
  readTargets,
  updateAppealIf,
  usersByIds,
} from './appeals.repository.ts';
import type {
  AppealItem,
  AppealList,
  AppealView,
  ListQuery,
  PublicBody,
  RegisterBody,
} from './appeals.schemas.ts';

type Trx = Transaction<DB>;

// --- the fields of an appeal ---------------------------------------------------------------------

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const PHONE = /^\+?[\d\s()-]{5,30}$/;

type Fields = Omit<RegisterBody, 'receivedAt'>;

/** An appeal's text, answer or result: trimmed, not empty, at most MAX_APPEAL_TEXT characters. */
function checkedText(value: string | undefined, field: string): string {
  const v = (value ?? '').trim();
  if (!v) throw refuse(400, 'appeal_text_required', `Write the ${field}`, { column: field });
  if (v.length > MAX_APPEAL_TEXT)
    throw refuse(400, 'appeal_text_too_long', `The ${field} is longer than ${MAX_APPEAL_TEXT} characters`, {
      column: field,
      max: MAX_APPEAL_TEXT,
      length: v.length,
    });
  return v;
}

/** The appeal's columns from what was sent, its codes checked against the reference data. */
function appealColumns(ref: ReferenceSnapshot, f: Fields, today: string) {
  const code = (list: string, value: string, column: string, rule: string) => {
    if (!hasCode(ref, list, value)) throw refuse(400, rule, `Unknown ${column}: ${value}`, { column, value });
    return value;
  };
  code('appeal_channel', f.channel, 'channel', 'unknown_channel');
  code('appeal_topic', f.topic, 'topic', 'unknown_topic');
  if (f.gender) code('gender', f.gender, 'gender', 'unknown_gender');
  if (f.region && !unitExistsIn(ref, f.region, today, today))
    throw refuse(400, 'unknown_region', `Unknown region: ${f.region}`, { column: 'region', value: f.region });
  const abroad = f.country && f.country !== 'KZ' ? f.country : null;
  if (f.region && abroad)
    throw refuse(400, 'region_and_country', 'Give a region of Kazakhstan or a country abroad, not both', {
      column: 'country',
    });
  if (f.email && !EMAIL.test(f.email))
    throw refuse(400, 'email_invalid', 'Not an e-mail address', { column: 'email' });
  if (f.phone && !PHONE.test(f.phone))
    throw refuse(400, 'phone_invalid', 'Not a telephone number', { column: 'phone' });
  return {
    channel: f.channel,
    topic: f.topic,
    related: f.related ? 1 : 0,
    gender: f.gender ?? null,
    region: f.region ?? null,
    country: abroad,
    text: checkedText(f.text, 'text'),
    applicant_name: f.name ?? null,
    applicant_email: f.email ?? null,
    applicant_phone: f.phone ?? null,
    lang: f.lang,
  };
}

/** What the trail keeps of a new appeal: its classification, never who wrote it or what. */
const trailOf = (row: Record<string, unknown>) =>
  JSON.stringify({
    received_at: row.received_at,
    channel: row.channel,
    topic: row.topic,
    related: row.related,
    gender: row.gender,
    region: row.region,
    country: row.country,
    status: row.status,
    source: row.source,
  });

const kzToday = (now: Date) => new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);

/**
 * Writes a new appeal, its first event and its audit entry. Its key is `appeal:<id>`, written as
 * its external id too, so that the export of a registered appeal imports back to the same row.
 */
async function insertRegistered(
  trx: Trx,
  columns: ReturnType<typeof appealColumns>,
  extra: { source: 'staff' | 'web'; receivedAt: string; by: number | null; formNonce: string | null },
  now: string,
): Promise<number> {
  const row = {
    ...columns,
    received_at: extra.receivedAt,
    status: 'new',
    first_response_at: null,
    resolved_at: null,
    external_id: null,
    row_key: `appeal:new:${randomUUID()}`,
    illustrative: 0,
    source: extra.source,
    registered_by: extra.by,
    form_nonce: extra.formNonce,
    updated_at: now,
  } as const;
  const id = await insertAppeal(trx, row);
  const key = `appeal:${id}`;
  await trx.updateTable('appeal').set({ row_key: key, external_id: key }).where('id', '=', id).execute();
  await insertEvent(trx, {
    appeal_id: id,
    at: now,
    by_user: extra.by,
    kind: 'registered',
    from_status: null,
    to_status: 'new',
    assignee_id: null,
    reason: extra.source,
    text: null,
  });
  await writeAudit(
    trx,
    [
      {
        userId: extra.by,
        action: 'create',
        entity: 'appeal',
        entityId: key,
        newValue: trailOf(row),
        region: row.region,
      },
    ],
    now,
  );
  return id;
}

/** An appeal registered by staff: the national office any, a front office one of its region. */
export async function registerByStaff(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  body: RegisterBody,
  at = new Date(),
): Promise<{ id: number; reference: string }> {
  const actor = requireActor(user);
  const columns = appealColumns(await loadReferenceSnapshot(db), body, kzToday(at));
  authorize(actor, 'appeals.work', { region: columns.region });
  const received = body.receivedAt ? new Date(body.receivedAt) : at;
  // A minute's grace for the clocks of the staff's computers.
  if (received.getTime() > at.getTime() + 60_000)
    throw refuse(400, 'appeal_received_future', 'An appeal cannot come in after now', {
      column: 'receivedAt',
    });
  const now = at.toISOString();
  const id = await db
    .transaction()
    .execute((trx) =>
      insertRegistered(
        trx,
        columns,
        { source: 'staff', receivedAt: appealTime(received), by: actor.id, formNonce: null },
        now,
      ),
    );
  return { id, reference: reference(id) };
}

/**
 * An appeal through the public form, from anyone: refused when the honeypot is filled, when the
 * form's token is not the server's or the form came back too fast, or when the form was sent
 * already. The client's address is counted by the route (a limit per address).
 */
export async function registerPublic(
  db: Kysely<DB>,
  body: PublicBody,
  at = new Date(),
): Promise<{ reference: string }> {
  if (body.website?.trim())
    throw refuse(400, 'appeal_spam', 'Not sent: a field that people do not see was filled in');
  const nonce = checkFormToken(body.token, at);
  const columns = appealColumns(
    await loadReferenceSnapshot(db),
    { ...body, channel: WEB_CHANNEL },
    kzToday(at),
  );
  const used = await db.selectFrom('appeal').select('id').where('form_nonce', '=', nonce).executeTakeFirst();
  if (used)
    throw refuse(409, 'appeal_form_used', 'This form was sent already', { reference: reference(used.id) });
  const now = at.toISOString();
  const id = await db
    .transaction()
    .execute((trx) =>
      insertRegistered(
        trx,
        columns,
        { source: 'web', receivedAt: appealTime(at), by: null, formNonce: nonce },
        now,
      ),
    )
    .catch((err: unknown) => {
      // The same form sent twice at once (a double click): the unique nonce keeps one of them.
      const code = (err as { code?: unknown }).code;
      if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw refuse(409, 'appeal_form_used', 'This form was sent already');
      throw err;
    });
  return { reference: reference(id) };
}

// --- reading -------------------------------------------------------------------------------------

const toItem = (
  r: Pick<
    AppealRow,
    | 'id'
    | 'source'
    | 'received_at'
    | 'channel'
    | 'topic'
    | 'related'
    | 'gender'
    | 'region'
    | 'country'
    | 'status'
    | 'assignee_id'
    | 'first_response_at'
    | 'resolved_at'
  >,
  assigneeName: string | null,
  targets: AppealTargets,
  now: Date,
): AppealItem => ({
  id: Number(r.id),
  reference: reference(Number(r.id)),
  source: r.source,
  receivedAt: r.received_at,
  channel: r.channel,
  topic: r.topic,
  related: Number(r.related) === 1,
  gender: r.gender,
  region: r.region,
  country: r.country,
  status: r.status as AppealItem['status'],
  assignee: r.assignee_id === null ? null : { id: Number(r.assignee_id), name: assigneeName ?? '—' },
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
  overdue: overdueOf(r, targets, now),
});

/** The queue: every appeal for the national office, the region's for a front office; newest first. */
export async function listAppeals(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  q: ListQuery,
  now = new Date(),
): Promise<AppealList> {
  const actor = requireActor(user);
  const asked = q.region === undefined ? {} : { region: q.region === 'none' ? null : q.region };
  const scope = listScope(actor, 'appeals.work', asked);
  const targets = await readTargets(db);
  const { rows, total } = await listRows(db, {
    scopeRegion: scope.region,
    status: q.status,
    region: q.region,
    assignee: q.mine === 'true' ? actor.id : undefined,
    overdue: q.overdue === 'true' ? { targets, now } : undefined,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map((r) => toItem(r, r.assigneeName, targets, now)), total };
}

/** The appeal, for a route's guard and the steps: 404 when unknown, 403 outside the caller's scope. */
async function appealFor(db: Kysely<DB> | Trx, actor: Actor, id: number): Promise<AppealRow> {
  const a = await findAppeal(db, id);
  if (!a) throw notFound(`No appeal ${id}`);
  authorize(actor, 'appeals.work', { region: a.region });
  return a;
}

/** For a route's guard: the caller may work appeals, and this one if it exists. */
export async function assertMayWork(db: Kysely<DB>, user: Actor | null | undefined, id: number | null) {
  const actor = authorize(user, 'appeals.work');
  if (id === null) return;
  const a = await findAppeal(db, id);
  if (a) authorize(actor, 'appeals.work', { region: a.region });
}

/** The appeal's page: the applicant's name and contact, the text, the history. */
export async function readAppeal(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  now = new Date(),
): Promise<AppealView> {
  const actor = requireActor(user);
  const a = await appealFor(db, actor, id);
  const [targets, events, users] = [
    await readTargets(db),
    await eventsOf(db, id),
    await usersByIds(db, a.assignee_id === null ? [] : [Number(a.assignee_id)]),
  ];
  const assignee = a.assignee_id === null ? null : (users.get(Number(a.assignee_id))?.name ?? null);
  return {
    ...toItem(a, assignee, targets, now),
    text: a.text,
    lang: a.lang,
    applicant: { name: a.applicant_name, email: a.applicant_email, phone: a.applicant_phone },
    answer: a.answer,
    result: a.result,
    closeReason: a.close_reason,
    closedAt: a.closed_at,
    externalId: a.external_id,
    events: events.map((e) => ({
      id: Number(e.id),
      at: e.at,
      kind: e.kind,
      by: e.by_user === null ? null : { id: Number(e.by_user), name: e.byName ?? '—' },
      fromStatus: e.from_status,
      toStatus: e.to_status,
      assignee: e.assignee_id === null ? null : { id: Number(e.assignee_id), name: e.assigneeName ?? '—' },
      reason: e.reason,
      text: e.text,
      mailed: Number(e.mailed) === 1,
    })),
  };
}

/** Whom the appeal may be assigned to: the national office, and its region's front office. */
export async function assigneesOf(db: Kysely<DB>, user: Actor | null | undefined, id: number) {
  const a = await appealFor(db, requireActor(user), id);
  return { items: await eligibleAssignees(db, a.region) };
}

// --- the steps -----------------------------------------------------------------------------------

interface StepContext {
  trx: Trx;
  actor: Actor;
  appeal: AppealRow;
  now: string;
  /** The appeal's key in the audit trail (the key the import finds it by). */
  key: string;
  audit(entries: Omit<AuditInput, 'userId' | 'entity' | 'entityId' | 'region'>[]): Promise<void>;
  /** Changes the appeal if no other step changed its status meanwhile (else 409). */
  update(changes: Parameters<typeof updateAppealIf>[3]): Promise<void>;
}

/** Runs a step in a transaction, after the scope and the status it starts from are checked. */
async function step<T>(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  name: AppealStep,
  at: Date,
  work: (c: StepContext) => Promise<T>,
): Promise<T> {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const appeal = await appealFor(trx, actor, id);
    if (!mayStep(name, appeal.status))
      throw refuse(
        409,
        'appeal_status_transition',
        `An appeal that is ${appeal.status} cannot be ${name}ed`,
        {
          status: appeal.status,
          step: name,
        },
      );
    const key = appeal.row_key;
    return work({
      trx,
      actor,
      appeal,
      now,
      key,
      audit: (entries) =>
        writeAudit(
          trx,
          entries.map((e) => ({
            ...e,
            userId: actor.id,
            entity: 'appeal',
            entityId: key,
            region: appeal.region,
          })),
          now,
        ),
      update: async (changes) => {
        if (!(await updateAppealIf(trx, id, appeal.status, { ...changes, updated_at: now })))
          throw refuse(409, 'appeal_changed', 'The appeal changed meanwhile: reload it', {});
      },
    });
  });
}

const statusEntry = (from: string, to: string, note: string | null = null) => ({
  action: 'status',
  field: 'status',
  oldValue: from,
  newValue: to,
  note,
});

/** Assigns the appeal (new or in progress) to a national office member or its region's front office. */
export async function assign(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  assigneeId: number,
  at = new Date(),
) {
  return step(db, user, id, 'assign', at, async (c) => {
    const who = (await usersByIds(c.trx, [assigneeId])).get(assigneeId);
    if (!who || who.disabled === 1 || !(NATIONAL.includes(who.role as Role) || who.role === 'rfo'))
      throw refuse(
        400,
        'assignee_not_staff',
        'Appeals are assigned to the national office or a front office',
        {
          assignee: assigneeId,
        },
      );
    if (who.role === 'rfo' && who.region !== c.appeal.region)
      throw refuse(
        400,
        'assignee_other_region',
        `${who.name} works in the front office of another region (${who.region ?? 'none'})`,
        { assignee: assigneeId, region: who.region ?? '' },
      );
    await c.update({ status: 'in_progress', assignee_id: assigneeId });
    await insertEvent(c.trx, {
      appeal_id: id,
      at: c.now,
      by_user: c.actor.id,
      kind: 'assigned',
      from_status: c.appeal.status,
      to_status: 'in_progress',
      assignee_id: assigneeId,
      reason: null,
      text: null,
    });
    await c.audit([
      { action: 'assign', field: 'assignee_id', oldValue: c.appeal.assignee_id, newValue: assigneeId },
      ...(c.appeal.status === 'in_progress' ? [] : [statusEntry(c.appeal.status, 'in_progress')]),
    ]);
    return { status: 'in_progress' as const, mailed: false };
  });
}

/** Queues the answer to the applicant's address, in the form's language; whether there was one. */
async function mailAnswer(c: StepContext, answer: string): Promise<boolean> {
  const to = c.appeal.applicant_email;
  if (!to) return false;
  const lang: Lang = isLang(c.appeal.lang) ? c.appeal.lang : 'ru';
  await queueMessage(
    c.trx,
    {
      kind: 'appeal.answer',
      to,
      lang,
      ...answerMail(lang, {
        id: Number(c.appeal.id),
        name: c.appeal.applicant_name,
        receivedAt: c.appeal.received_at,
        answer,
      }),
    },
    new Date(c.now),
  );
  return true;
}

/** Records an answer (the first one is the time to first answer) and mails it to the applicant. */
async function recordAnswer(
  c: StepContext,
  text: string,
): Promise<{ mailed: boolean; first: string | null }> {
  const mailed = await mailAnswer(c, text);
  await insertEvent(c.trx, {
    appeal_id: Number(c.appeal.id),
    at: c.now,
    by_user: c.actor.id,
    kind: 'answered',
    from_status: c.appeal.status,
    to_status: c.appeal.status,
    assignee_id: null,
    reason: null,
    text,
    mailed: mailed ? 1 : 0,
  });
  return { mailed, first: c.appeal.first_response_at ?? appealTime(new Date(c.now)) };
}

/** An answer to the applicant while the appeal is in progress. */
export async function answer(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  body: { text: string },
  at = new Date(),
) {
  const text = checkedText(body.text, 'text');
  return step(db, user, id, 'answer', at, async (c) => {
    const { mailed, first } = await recordAnswer(c, text);
    await c.update({ answer: text, first_response_at: first });
    await c.audit([
      {
        action: 'answer',
        field: 'first_response_at',
        oldValue: c.appeal.first_response_at,
        newValue: first,
        note: mailed ? 'mailed' : null,
      },
    ]);
    return { status: 'in_progress' as const, mailed };
  });
}

/** Resolves the appeal: the answer (required unless one was given) and the result. */
export async function resolve(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  body: { answer?: string | undefined; result: string },
  at = new Date(),
) {
  const result = checkedText(body.result, 'result');
  const given = body.answer?.trim() ? checkedText(body.answer, 'answer') : null;
  return step(db, user, id, 'resolve', at, async (c) => {
    if (!given && !c.appeal.answer)
      throw refuse(400, 'appeal_answer_required', 'Give the answer to the applicant first', {
        column: 'answer',
      });
    const answered = given
      ? await recordAnswer(c, given)
      : { mailed: false, first: c.appeal.first_response_at };
    const resolvedAt = appealTime(new Date(c.now));
    await c.update({
      status: 'resolved',
      answer: given ?? c.appeal.answer,
      result,
      resolved_at: resolvedAt,
      first_response_at: answered.first ?? resolvedAt,
    });
    await insertEvent(c.trx, {
      appeal_id: id,
      at: c.now,
      by_user: c.actor.id,
      kind: 'resolved',
      from_status: c.appeal.status,
      to_status: 'resolved',
      assignee_id: null,
      reason: null,
      text: result,
    });
    await c.audit([statusEntry(c.appeal.status, 'resolved')]);
    return { status: 'resolved' as const, mailed: answered.mailed };
  });
}

/** Closes the appeal without a result: a duplicate, spam, or an applicant who cannot be reached. */
export async function close(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  body: { reason: string; note?: string | null | undefined },
  at = new Date(),
) {
  return step(db, user, id, 'close', at, async (c) => {
    await c.update({ status: 'closed', close_reason: body.reason, closed_at: appealTime(new Date(c.now)) });
    await insertEvent(c.trx, {
      appeal_id: id,
      at: c.now,
      by_user: c.actor.id,
      kind: 'closed',
      from_status: c.appeal.status,
      to_status: 'closed',
      assignee_id: null,
      reason: body.reason,
      text: body.note ?? null,
    });
    await c.audit([statusEntry(c.appeal.status, 'closed', body.reason)]);
    return { status: 'closed' as const, mailed: false };
  });
}

/** Reopens a resolved or closed appeal: back to its assignee (in progress), or new without one. */
export async function reopen(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  body: { note: string },
  at = new Date(),
) {
  return step(db, user, id, 'reopen', at, async (c) => {
    const to = reopenedStatus(c.appeal.assignee_id === null ? null : Number(c.appeal.assignee_id));
    await c.update({ status: to, resolved_at: null, closed_at: null, close_reason: null });
    await insertEvent(c.trx, {
      appeal_id: id,
      at: c.now,
      by_user: c.actor.id,
      kind: 'reopened',
      from_status: c.appeal.status,
      to_status: to,
      assignee_id: null,
      reason: null,
      text: body.note.trim(),
    });
    await c.audit([statusEntry(c.appeal.status, to)]);
    return { status: to, mailed: false };
  });
}
