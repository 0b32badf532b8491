// Queries of the platform's opportunities and shifts: insert, status changes, one opportunity with
// its shifts, and the public search (published opportunities of verified organisations only).
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeName } from '../../domain/text.ts';
import type { OpportunityStatus } from './opportunities.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Text as the search compares it: lower-cased here, since SQLite's lower() (and PostgreSQL's under
 * the C locale) leave Cyrillic as it is; ё as е, spaces collapsed.
 */
export const searchKey = (s: string) =>
  s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

export interface OpportunityRow {
  id: number;
  organizationId: number;
  organizationName: string;
  /** The platform organisation's status (null: the registry entry is not on the platform). */
  orgStatus: string | null;
  status: OpportunityStatus;
  title: string;
  description: string;
  area: string;
  region: string;
  format: string;
  minAge: number;
  probono: boolean;
  skills: string[];
  reason: string | null;
  publishedAt: string | null;
  locality: string | null;
  training: string | null;
}

export interface ShiftRow {
  id: number;
  opportunityId: number;
  start: string;
  end: string;
  capacity: number;
}

export async function insertOpportunity(
  trx: Transaction<DB>,
  v: {
    organization_id: number;
    title: string;
    description: string;
    area: string;
    region: string;
    format: string;
    min_age: number;
    probono: number;
    skills: string;
    locality: string | null;
    training: string | null;
    created_by: number;
    now: string;
  },
  shifts: { start_at: string; end_at: string; capacity: number }[],
): Promise<{ id: number; shiftIds: number[] }> {
  const { now, ...values } = v;
  const row = await trx
    .insertInto('opportunity')
    .values({
      ...values,
      status: 'draft',
      reason: null,
      search_key: searchKey(`${v.title}\n${v.description}\n${v.locality ?? ''}`),
      // The window the search filters and sorts by (shifts are written once, here).
      first_start: shifts.reduce<string | null>(
        (m, s) => (m === null || s.start_at < m ? s.start_at : m),
        null,
      ),
      last_end: shifts.reduce<string | null>((m, s) => (m === null || s.end_at > m ? s.end_at : m), null),
      created_at: now,
      updated_at: now,
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const shiftIds: number[] = [];
  // One by one, so that the ids come back in the order given.
  for (const s of shifts) {
    const r = await trx
      .insertInto('opportunity_shift')
      .values({ ...s, opportunity_id: id })
      .returning('id')
      .executeTakeFirstOrThrow();
    shiftIds.push(Number(r.id));
  }
  return { id, shiftIds };
}

/** Moves an opportunity from `from` to `to`; false when its status was not `from` any more. */
export async function setOpportunityStatus(
  trx: Transaction<DB>,
  id: number,
  from: OpportunityStatus,
  to: OpportunityStatus,
  extra: { reason?: string | null; published_at?: string; updated_at: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('opportunity')
    .set({ status: to, ...extra })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function withOrg(db: Db) {
  return db
    .selectFrom('opportunity as op')
    .innerJoin('organization as o', 'o.id', 'op.organization_id')
    .leftJoin('platform_org as p', 'p.organization_id', 'op.organization_id')
    .select([
      'op.id',
      'op.organization_id',
      'o.name as organization_name',
      'p.status as org_status',
      'op.status',
      'op.title',
      'op.description',
      'op.area',
      'op.region',
      'op.format',
      'op.min_age',
      'op.probono',
      'op.skills',
      'op.reason',
      'op.published_at',
      'op.locality',
      'op.training',
    ]);
}

type Joined = Awaited<ReturnType<ReturnType<typeof withOrg>['executeTakeFirstOrThrow']>>;

const toRow = (r: Joined): OpportunityRow => ({
  id: Number(r.id),
  organizationId: Number(r.organization_id),
  organizationName: r.organization_name,
  orgStatus: r.org_status ?? null,
  status: r.status,
  title: r.title,
  description: r.description,
  area: r.area,
  region: r.region,
  format: r.format,
  minAge: Number(r.min_age),
  probono: Number(r.probono) === 1,
  skills: JSON.parse(r.skills) as string[],
  reason: r.reason,
  publishedAt: r.published_at,
  locality: r.locality ?? null,
  training: r.training ?? null,
});

export async function findOpportunity(db: Db, id: number): Promise<OpportunityRow | undefined> {
  const r = await withOrg(db).where('op.id', '=', id).executeTakeFirst();
  return r && toRow(r);
}

/** The shifts of these opportunities, each opportunity's in time order. */
export async function shiftsOf(db: Db, ids: number[]): Promise<ShiftRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('opportunity_shift')
    .select(['id', 'opportunity_id', 'start_at', 'end_at', 'capacity'])
    .where('opportunity_id', 'in', ids)
    .orderBy('opportunity_id')
    .orderBy('start_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    opportunityId: Number(r.opportunity_id),
    start: r.start_at,
    end: r.end_at,
    capacity: Number(r.capacity),
  }));
}

export interface SearchFilter {
  region?: string;
  area?: string;
  format?: string;
  /** UTC ISO instants. */
  from?: string;
  to?: string;
  q?: string;
  age?: number;
  limit: number;
  offset: number;
}

/** LIKE's wildcards typed by the user match themselves. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Published opportunities of verified organisations (a suspended one's are hidden) matching the
 * filter, the soonest first shift first; and how many match.
 */
export async function searchOpportunities(
  db: Db,
  f: SearchFilter,
): Promise<{ rows: OpportunityRow[]; total: number }> {
  let q = withOrg(db).where('op.status', '=', 'published').where('p.status', '=', 'verified');
  if (f.region) q = q.where('op.region', '=', f.region);
  if (f.area) q = q.where('op.area', '=', f.area);
  if (f.format) q = q.where('op.format', '=', f.format);
  if (f.age !== undefined) q = q.where('op.min_age', '<=', f.age);
  if (f.q) {
    const text = `%${likeEscape(searchKey(f.q))}%`;
    const name = `%${likeEscape(normalizeName(f.q))}%`;
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`op.search_key like ${text} escape '\\'`,
        sql<boolean>`o.name_key like ${name} escape '\\'`,
      ]),
    );
  }
  // The opportunity's window narrows first (indexed); a window that overlaps [from, to] may still
  // have no shift inside it when `to` is given, so the shifts are asked then.
  if (f.from) q = q.where('op.last_end', '>=', f.from);
  if (f.to) {
    q = q.where('op.first_start', '<=', f.to);
    if (f.from)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('opportunity_shift as s')
            .select('s.id')
            .whereRef('s.opportunity_id', '=', 'op.id')
            .where('s.end_at', '>=', f.from as string)
            .where('s.start_at', '<=', f.to as string),
        ),
      );
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('op.first_start').orderBy('op.id').limit(f.limit).offset(f.offset).execute();
  return { rows: rows.map(toRow), total: Number(total.n) };
}

/** Every opportunity of an organisation, whatever its status, the newest first. */
export async function opportunitiesOfOrganization(db: Db, organizationId: number): Promise<OpportunityRow[]> {
  const rows = await withOrg(db)
    .where('op.organization_id', '=', organizationId)
    .orderBy('op.id', 'desc')
    .execute();
  return rows.map(toRow);
}
