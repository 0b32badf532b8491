// Every query of the activity records: rows read with their organiser and mapped to the record the
// API shows; writes that name the version they expect and say whether they found it; the reference
// data and the organiser one record's validation needs, read by key.
import { type Insertable, type Kysely, PostgresAdapter, type Selectable, type Transaction } from 'kysely';
import { executeCompiled } from '../../db/connection.ts';
import type { ActivityTable, DB } from '../../db/schema.ts';
import { COHORT_COLUMNS, type CohortColumn } from '../../domain/activity-rules.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';
import { normalizeName } from '../../domain/text.ts';
import type { Activity } from './activities.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type ActivityRow = Selectable<ActivityTable>;
type JoinedRow = ActivityRow & { org_name: string; org_type: string; org_bin: string | null };

/** The stored columns a record's figures are written to (the organiser is `organization_id`). */
export type ActivityColumns = Omit<
  Insertable<ActivityTable>,
  'id' | 'row_key' | 'import_id' | 'illustrative' | 'version' | 'created_at' | 'updated_at'
>;

export interface ActivityFilter {
  region?: string | undefined;
  period?: string | undefined;
  organizationId?: number | undefined;
}

const n = (v: number | null) => (v === null ? null : Number(v));

function joined(db: Db) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.type as org_type', 'o.bin as org_bin']);
}

function toRecord(r: JoinedRow): Activity {
  const cohorts = Object.fromEntries(COHORT_COLUMNS.map((c) => [c, n(r[c])])) as Record<
    CohortColumn,
    number | null
  >;
  return {
    id: Number(r.id),
    version: Number(r.version),
    region: r.region,
    period: r.period,
    organization_id: Number(r.organization_id),
    organization: r.org_name,
    organization_type: r.org_type,
    organization_bin: r.org_bin,
    title: r.title,
    area: r.area,
    format: r.format,
    kind: r.kind,
    start_date: r.start_date,
    end_date: r.end_date,
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
    ...cohorts,
    rfo_support: r.rfo_support,
    beneficiaries: n(r.beneficiaries),
    excluded: r.excluded,
    external_id: r.external_id,
    notes: r.notes,
    illustrative: Number(r.illustrative) === 1,
    source: r.source === 'platform' ? 'platform' : 'rfo',
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export async function findActivity(db: Db, id: number): Promise<Activity | undefined> {
  const row = await joined(db).where('a.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** What the access decision about an existing record needs: its region and organiser. */
export async function findActivityOwner(db: Db, id: number) {
  const r = await db
    .selectFrom('activity')
    .select(['region', 'organization_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { region: r.region, organizationId: Number(r.organization_id) };
}

/** One page of records in (period, id) order, and how many match in all. */
export async function listActivities(
  db: Db,
  filter: ActivityFilter,
  page: { limit: number; offset: number },
): Promise<{ items: Activity[]; total: number }> {
  const where = <Q extends ReturnType<typeof joined>>(q: Q): Q => {
    let x = q;
    if (filter.region !== undefined) x = x.where('a.region', '=', filter.region) as Q;
    if (filter.period !== undefined) x = x.where('a.period', '=', filter.period) as Q;
    if (filter.organizationId !== undefined)
      x = x.where('a.organization_id', '=', filter.organizationId) as Q;
    return x;
  };
  const [rows, total] = await Promise.all([
    where(joined(db)).orderBy('a.period').orderBy('a.id').limit(page.limit).offset(page.offset).execute(),
    where(joined(db))
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRecord), total: Number(total.n) };
}

export const findOrganization = (db: Db, id: number) =>
  db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();

/** The id of another record of the region with this row key, if any. */
export async function findRowKeyClash(db: Db, region: string, rowKey: string, exceptId?: number) {
  let q = db.selectFrom('activity').select('id').where('region', '=', region).where('row_key', '=', rowKey);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const clash = await q.executeTakeFirst();
  return clash && Number(clash.id);
}

/** The record's row key; undefined when it is gone (deleted since it was read). */
export async function rowKeyOf(db: Db, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('activity').select('row_key').where('id', '=', id).executeTakeFirst();
  return r?.row_key;
}

/** Inserts the record and answers it as findActivity would, given its organiser as stored. */
export async function insertActivity(
  db: Db,
  columns: ActivityColumns,
  rowKey: string,
  now: string,
  organizer: Organizer,
): Promise<Activity> {
  const values = Object.fromEntries(
    Object.entries({
      ...columns,
      row_key: rowKey,
      import_id: null,
      illustrative: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    }).filter(([, v]) => v !== undefined),
  ) as Insertable<ActivityTable>;
  const { rows } = await executeCompiled(
    db,
    `insertActivity ${Object.keys(values).join(',')}`,
    Object.values(values),
    () => db.insertInto('activity').values(values).returningAll(),
  );
  const row = rows[0] as ActivityRow;
  return toRecord({ ...row, org_name: organizer.name, org_type: organizer.type, org_bin: organizer.bin });
}

/** Writes the record if it is still at `version`; false when it was not. */
export async function updateActivityAt(
  db: Db,
  id: number,
  version: number,
  columns: ActivityColumns,
  rowKey: string,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('activity')
    .set({ ...columns, row_key: rowKey, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes the record if it is still at `version`; false when it was not. */
export async function deleteActivityAt(db: Db, id: number, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom('activity')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export interface Organizer {
  id: number;
  name: string;
  type: string;
  bin: string | null;
}

/**
 * The organiser of (region, type, name) by its unique key, or undefined when the registry has none.
 * One indexed read, where registering (findOrCreateOrganizations) reads the whole region's list.
 */
export async function findOrganizationByKey(
  db: Db,
  key: { region: string; type: string; name: string },
): Promise<Organizer | undefined> {
  const nameKey = normalizeName(key.name);
  const { rows } = await executeCompiled(db, 'findOrganizationByKey', [key.region, key.type, nameKey], () =>
    db
      .selectFrom('organization')
      .select(['id', 'name', 'type', 'bin'])
      .where('region', '=', key.region)
      .where('type', '=', key.type)
      .where('name_key', '=', nameKey),
  );
  const row = rows[0];
  return row && { id: Number(row.id), name: row.name, type: row.type, bin: row.bin };
}

/**
 * The types of these organisers, as the aggregates count their records, read again after a
 * share lock on PostgreSQL (held until the transaction ends): an organiser's change of type (which
 * recomputes the aggregates of its partitions) then waits for this write, or this read sees the
 * type it committed. Taken after the months' submission locks, as the last lock before the
 * aggregate rows: an organiser's change of type takes no submission lock, so no cycle can form.
 * Empty on SQLite, which runs one write transaction at a time: the types the transaction read with
 * the records are current.
 */
export async function lockOrganizationTypes(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!isPostgres(db)) return new Map();
  const rows = await db
    .selectFrom('organization')
    .select(['id', 'type'])
    .where('id', 'in', ids)
    .forShare()
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.type]));
}

/**
 * The reference data one record's validation can consult: the aliases among `aliases` (normalised
 * texts) with their units, and the active code-list entries whose code is among `codes`, of any
 * list. Validation looks up nothing else (resolveRegion, unitExistsIn and the lists' membership, for
 * the texts the record holds), so its answer is the one the whole snapshot would give, for a few
 * indexed rows instead of every unit, alias and code.
 */
export async function referenceFor(db: Db, aliases: string[], codes: string[]): Promise<ReferenceSnapshot> {
  const found = aliases.length
    ? (
        await executeCompiled(db, `referenceFor aliases ${aliases.length}`, aliases, () =>
          db
            .selectFrom('territory_alias as a')
            .leftJoin('territory_unit as u', 'u.code', 'a.code')
            .select(['a.alias', 'a.code', 'u.code as unit', 'u.valid_from', 'u.valid_to'])
            .where('a.alias', 'in', aliases),
        )
      ).rows
    : [];
  const items = codes.length
    ? (
        await executeCompiled(db, `referenceFor codes ${codes.length}`, [1, ...codes], () =>
          db
            .selectFrom('code_list_item')
            .select(['list', 'code'])
            .where('active', '=', 1)
            .where('code', 'in', codes),
        )
      ).rows
    : [];
  const units = new Map<string, ReferenceSnapshot['units'][number]>();
  for (const f of found) {
    if (f.unit !== null) units.set(f.unit, { code: f.unit, validFrom: f.valid_from, validTo: f.valid_to });
  }
  const byList: Record<string, string[]> = {};
  for (const i of items) byList[i.list] = [...(byList[i.list] ?? []), i.code];
  return {
    units: [...units.values()],
    aliases: Object.fromEntries(found.map((f) => [f.alias, f.code])),
    codes: byList,
  };
}
