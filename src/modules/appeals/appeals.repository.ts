// Every query of the appeals: the `appeal` rows (imported and registered alike), their history
// (`appeal_event`), the staff they may be assigned to, and the targets (code list appeal_target).
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AppealEventTable, AppealTable, DB } from '../../db/schema.ts';
import {
  type AppealTargets,
  DEFAULT_TARGETS,
  NOT_COUNTED_REASONS,
  overdueSince,
} from '../../domain/appeal-rules.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type AppealRow = Selectable<AppealTable>;
export type NewAppeal = Insertable<AppealTable>;

/** The staff roles an appeal may be assigned to (with the front office's region). */
export const ASSIGNABLE_ROLES = ['national_admin', 'national_analyst', 'rfo'] as const;

export async function insertAppeal(db: Db, row: NewAppeal): Promise<number> {
  const { id } = await db.insertInto('appeal').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export const findAppeal = (db: Db, id: number) =>
  db.selectFrom('appeal').selectAll().where('id', '=', id).executeTakeFirst();

/** Changes an appeal if it is still in `status` (a step raced by another one changes nothing). */
export async function updateAppealIf(
  db: Db,
  id: number,
  status: string,
  changes: Partial<Omit<NewAppeal, 'id'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('appeal')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db, e: Insertable<AppealEventTable>): Promise<void> {
  await db.insertInto('appeal_event').values(e).execute();
}

const userName = (r: { display_name: string | null; email: string | null }) =>
  r.display_name ?? r.email ?? '—';

/** An appeal's history, oldest first, with the names of who acted and of the assignee. */
export async function eventsOf(db: Db, appealId: number) {
  const rows = await db
    .selectFrom('appeal_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.by_user')
    .leftJoin('app_user as a', 'a.id', 'e.assignee_id')
    .selectAll('e')
    .select([
      'u.display_name as by_name',
      'u.email as by_email',
      'a.display_name as to_name',
      'a.email as to_email',
    ])
    .where('e.appeal_id', '=', appealId)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    byName: r.by_user === null ? null : userName({ display_name: r.by_name, email: r.by_email }),
    assigneeName: r.assignee_id === null ? null : userName({ display_name: r.to_name, email: r.to_email }),
  }));
}

export interface UserRef {
  id: number;
  name: string;
  role: string;
  region: string | null;
  email: string;
  lang: string;
  disabled: number;
}

export async function usersByIds(db: Db, ids: number[]): Promise<Map<number, UserRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email', 'role', 'region', 'lang', 'disabled'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        name: userName(r),
        role: r.role,
        region: r.region,
        email: r.email,
        lang: r.lang,
        disabled: Number(r.disabled),
      },
    ]),
  );
}

/** Active staff who may take an appeal of `region` (null: from abroad or unknown): national or its front office. */
export async function eligibleAssignees(db: Db, region: string | null) {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email', 'role', 'region'])
    .where('disabled', '=', 0)
    .where((eb) =>
      eb.or([
        eb('role', 'in', ['national_admin', 'national_analyst']),
        ...(region ? [eb.and([eb('role', '=', 'rfo'), eb('region', '=', region)])] : []),
      ]),
    )
    .orderBy('role')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: userName(r), role: r.role, region: r.region }));
}

export interface ListFilter {
  /** The caller's scope: their region only. */
  scopeRegion?: string | undefined;
  /** A status, or 'open' (new and in progress). */
  status?: string | undefined;
  /** A region, or 'none' for appeals from abroad or without one. */
  region?: string | undefined;
  assignee?: number | undefined;
  /** Open appeals past a target now. */
  overdue?: { targets: AppealTargets; now: Date } | undefined;
  limit: number;
  offset: number;
}

function filtered(db: Db, f: ListFilter) {
  let q = db.selectFrom('appeal as p');
  if (f.scopeRegion) q = q.where('p.region', '=', f.scopeRegion);
  if (f.region === 'none') q = q.where('p.region', 'is', null);
  else if (f.region) q = q.where('p.region', '=', f.region);
  if (f.status === 'open') q = q.where('p.status', 'in', ['new', 'in_progress']);
  else if (f.status) q = q.where('p.status', '=', f.status);
  if (f.assignee !== undefined) q = q.where('p.assignee_id', '=', f.assignee);
  if (f.overdue) {
    const { targets, now } = f.overdue;
    const response = overdueSince(targets.firstResponseHours, now);
    const resolution = overdueSince(targets.resolutionHours, now);
    q = q
      .where('p.status', 'in', ['new', 'in_progress'])
      .where((eb) =>
        eb.or([
          eb('p.received_at', '<', resolution),
          eb.and([eb('p.first_response_at', 'is', null), eb('p.received_at', '<', response)]),
        ]),
      );
  }
  return q;
}

/** A page of the queue, newest first, with the assignee's name; and how many match. */
export async function listAppeals(db: Db, f: ListFilter) {
  const rows = await filtered(db, f)
    .leftJoin('app_user as u', 'u.id', 'p.assignee_id')
    .select([
      'p.id',
      'p.source',
      'p.received_at',
      'p.channel',
      'p.topic',
      'p.related',
      'p.gender',
      'p.region',
      'p.country',
      'p.status',
      'p.assignee_id',
      'p.first_response_at',
      'p.resolved_at',
      'u.display_name',
      'u.email',
    ])
    .orderBy('p.received_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      ...r,
      assigneeName: r.assignee_id === null ? null : userName(r),
    })),
    total: Number(total.n),
  };
}

/** The targets of the reference data; a missing or unreadable one falls back to its default. */
export async function readTargets(db: Db): Promise<AppealTargets> {
  const rows = await db
    .selectFrom('code_list_item')
    .select(['code', 'attrs', 'active'])
    .where('list', '=', 'appeal_target')
    .execute();
  const hours = (code: string, fallback: number) => {
    const r = rows.find((x) => x.code === code);
    if (!r?.attrs || Number(r.active) !== 1) return fallback;
    try {
      const h = (JSON.parse(r.attrs) as { hours?: unknown }).hours;
      return typeof h === 'number' && Number.isFinite(h) && h > 0 ? h : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    firstResponseHours: hours('first_response', DEFAULT_TARGETS.firstResponseHours),
    resolutionHours: hours('resolution', DEFAULT_TARGETS.resolutionHours),
  };
}

/** The appeals received from `from` to `to` (ISO instants) that count: not closed as duplicates or spam. */
export async function appealsReceived(db: Db, from: string, to: string, region?: string) {
  let q = db
    .selectFrom('appeal')
    .select([
      'received_at',
      'channel',
      'topic',
      'related',
      'status',
      'close_reason',
      'first_response_at',
      'resolved_at',
    ])
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
  if (region) q = q.where('region', '=', region);
  return q.execute();
}

/** Whether a closing reason leaves an appeal out of the counts (duplicates and spam). */
export const notCounted = (r: { status: string; close_reason: string | null }) =>
  r.status === 'closed' && r.close_reason !== null && NOT_COUNTED_REASONS.includes(r.close_reason as never);

/**
 * Open appeals received since `since` whose first answer (kind `response`) or result is overdue
 * and not reminded yet.
 */
export async function dueReminders(
  db: Db,
  kind: 'response' | 'resolution',
  targets: AppealTargets,
  now: Date,
  since: string,
) {
  let q = db
    .selectFrom('appeal')
    .select(['id', 'region', 'assignee_id', 'received_at', 'topic', 'status'])
    .where('status', 'in', ['new', 'in_progress'])
    .where('received_at', '>=', since);
  if (kind === 'response')
    q = q
      .where('first_response_at', 'is', null)
      .where('reminded_response_at', 'is', null)
      .where('received_at', '<', overdueSince(targets.firstResponseHours, now));
  else
    q = q
      .where('reminded_resolution_at', 'is', null)
      .where('received_at', '<', overdueSince(targets.resolutionHours, now));
  return q.orderBy('id').limit(1000).execute();
}

/** Marks one reminder queued; false when another run marked it first. */
export async function markReminded(db: Db, id: number, kind: 'response' | 'resolution', at: string) {
  const column = kind === 'response' ? 'reminded_response_at' : 'reminded_resolution_at';
  const r = await db
    .updateTable('appeal')
    .set({ [column]: at })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The front office staff of a region (or, for none, the national office's) to remind of an unassigned appeal. */
export async function staffToRemind(db: Db, region: string | null) {
  let q = db.selectFrom('app_user').select('id').where('disabled', '=', 0);
  q = region
    ? q.where('role', '=', 'rfo').where('region', '=', region)
    : q.where('role', '=', 'national_admin');
  const rows = await q.orderBy('id').limit(50).execute();
  if (rows.length || !region) return rows.map((r) => Number(r.id));
  return staffToRemind(db, null);
}
