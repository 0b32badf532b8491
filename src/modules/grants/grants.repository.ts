// The queries of grant monitoring: the register of unscrupulous implementers, grant projects with
// their regions and the figures of their records, and reporting rounds.
import type { Kysely, Transaction } from 'kysely';
import type { DataProvision, DB, SubmissionTable } from '../../db/schema.ts';
import type { GrantProject } from './grants.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// --- register ------------------------------------------------------------------------------------

export const activeRegisterEntries = (db: Db) =>
  db
    .selectFrom('grant_register_entry')
    .selectAll()
    .where('removed_at', 'is', null)
    .orderBy('decision_date', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const findRegisterEntry = (db: Db, id: number) =>
  db.selectFrom('grant_register_entry').selectAll().where('id', '=', id).executeTakeFirst();

/** The active entry naming the organisation (by its registry id or its BIN), if any. */
export async function activeEntryFor(db: Db, org: { id: number; bin: string | null }) {
  return db
    .selectFrom('grant_register_entry')
    .select(['id', 'decision', 'decision_date', 'document_ref'])
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('organization_id', '=', org.id), ...(org.bin ? [eb('bin', '=', org.bin)] : [])]))
    .executeTakeFirst();
}

export const organizationByBin = (db: Db, bin: string) =>
  db.selectFrom('organization').select(['id']).where('bin', '=', bin).orderBy('id').executeTakeFirst();

// --- projects ------------------------------------------------------------------------------------

export interface ProjectFilter {
  year?: number | undefined;
  kind?: 'priority' | 'competition' | undefined;
  /** Projects with this region among theirs. */
  region?: string | undefined;
  organizationId?: number | undefined;
  ids?: number[] | undefined;
}

function projectsQuery(db: Db, f: ProjectFilter) {
  let q = db
    .selectFrom('grant_project as p')
    .innerJoin('organization as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select(['o.name as org_name', 'o.type as org_type', 'o.bin as org_bin', 'o.region as org_region']);
  if (f.year !== undefined) q = q.where('p.year_from', '<=', f.year).where('p.year_to', '>=', f.year);
  if (f.kind !== undefined) q = q.where('p.kind', '=', f.kind);
  if (f.organizationId !== undefined) q = q.where('p.organization_id', '=', f.organizationId);
  if (f.ids !== undefined) q = q.where('p.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.region !== undefined) {
    const region = f.region;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('grant_project_region as r')
          .select('r.project_id')
          .whereRef('r.project_id', '=', 'p.id')
          .where('r.region', '=', region),
      ),
    );
  }
  return q;
}

type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectsQuery>['execute']>>[number];

export interface Recorded {
  records: number;
  volunteers: number;
  hours: number;
  beneficiaries: number;
  months: string[];
}
const NO_RECORDS: Recorded = { records: 0, volunteers: 0, hours: 0, beneficiaries: 0, months: [] };

/**
 * The figures of the projects' records (excluded ones left out), of the periods from..to (YYYY-MM)
 * when given; with `statuses`, only records of region-months whose submission has one of them (the
 * reports' published figures).
 */
export async function recordedOf(
  db: Db,
  ids: number[],
  range: { from?: string; to?: string; statuses?: SubmissionTable['status'][] } = {},
): Promise<Map<number, Recorded>> {
  const out = new Map<number, Recorded>();
  if (ids.length === 0) return out;
  let q = db
    .selectFrom('activity as a')
    .select((eb) => [
      'a.grant_project_id',
      'a.period',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('a.volunteers').as('volunteers'),
      eb.fn.sum<number>('a.hours').as('hours'),
      eb.fn.sum<number>(eb.fn.coalesce('a.beneficiaries', eb.lit(0))).as('beneficiaries'),
    ])
    .where('a.grant_project_id', 'in', ids)
    .where('a.excluded', 'is', null)
    .groupBy(['a.grant_project_id', 'a.period']);
  if (range.from) q = q.where('a.period', '>=', range.from);
  if (range.to) q = q.where('a.period', '<=', range.to);
  if (range.statuses) {
    const statuses = range.statuses;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('submission as s')
          .select('s.id')
          .whereRef('s.region', '=', 'a.region')
          .whereRef('s.period', '=', 'a.period')
          .where('s.status', 'in', statuses),
      ),
    );
  }
  for (const r of await q.execute()) {
    const id = Number(r.grant_project_id);
    const cur = out.get(id) ?? { ...NO_RECORDS, months: [] };
    cur.records += Number(r.n);
    cur.volunteers += Number(r.volunteers ?? 0);
    cur.hours = Math.round((cur.hours + Number(r.hours ?? 0)) * 100) / 100;
    cur.beneficiaries += Number(r.beneficiaries ?? 0);
    cur.months.push(r.period);
    out.set(id, cur);
  }
  for (const r of out.values()) r.months.sort();
  return out;
}

export async function regionsOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('grant_project_region')
    .select(['project_id', 'region'])
    .where('project_id', 'in', ids)
    .orderBy('region')
    .execute();
  for (const r of rows) out.set(Number(r.project_id), [...(out.get(Number(r.project_id)) ?? []), r.region]);
  return out;
}

function toProject(r: ProjectRow, regions: string[], recorded: Recorded): GrantProject {
  return {
    id: Number(r.id),
    kind: r.kind,
    title: r.title,
    organization: {
      id: Number(r.organization_id),
      name: r.org_name,
      type: r.org_type,
      bin: r.org_bin,
      region: r.org_region,
    },
    grantor: r.grantor,
    area: r.area,
    yearFrom: Number(r.year_from),
    yearTo: Number(r.year_to),
    regions,
    amountKzt: num(r.amount_kzt),
    planned: {
      volunteers: num(r.planned_volunteers),
      hours: num(r.planned_hours),
      events: num(r.planned_events),
      beneficiaries: num(r.planned_beneficiaries),
    },
    recorded,
    notes: r.notes,
    illustrative: Number(r.illustrative) === 1,
    applicationId: num(r.application_id),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The projects matching the filter, with their regions and records (of the year, when filtered by one). */
export async function listProjects(db: Db, f: ProjectFilter): Promise<GrantProject[]> {
  const rows = await projectsQuery(db, f)
    .orderBy('p.kind', 'desc')
    .orderBy('p.title')
    .orderBy('p.id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const range = f.year === undefined ? {} : { from: `${f.year}-01`, to: `${f.year}-12` };
  const [regions, recorded] = await Promise.all([regionsOf(db, ids), recordedOf(db, ids, range)]);
  return rows.map((r) =>
    toProject(
      r,
      regions.get(Number(r.id)) ?? [],
      recorded.get(Number(r.id)) ?? { ...NO_RECORDS, months: [] },
    ),
  );
}

export async function findProject(db: Db, id: number): Promise<GrantProject | undefined> {
  return (await listProjects(db, { ids: [id] }))[0];
}

/** The project's records month by month and region. */
export async function projectMonths(db: Db, id: number) {
  const rows = await db
    .selectFrom('activity')
    .select((eb) => [
      'period',
      'region',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('volunteers').as('volunteers'),
      eb.fn.sum<number>('hours').as('hours'),
      eb.fn.sum<number>(eb.fn.coalesce('beneficiaries', eb.lit(0))).as('beneficiaries'),
    ])
    .where('grant_project_id', '=', id)
    .where('excluded', 'is', null)
    .groupBy(['period', 'region'])
    .orderBy('period')
    .orderBy('region')
    .execute();
  return rows.map((r) => ({
    period: r.period,
    region: r.region,
    records: Number(r.n),
    volunteers: Number(r.volunteers ?? 0),
    hours: Math.round(Number(r.hours ?? 0) * 100) / 100,
    beneficiaries: Number(r.beneficiaries ?? 0),
  }));
}

export async function setProjectRegions(db: Db, id: number, regions: string[]) {
  await db.deleteFrom('grant_project_region').where('project_id', '=', id).execute();
  const unique = [...new Set(regions)];
  if (unique.length)
    await db
      .insertInto('grant_project_region')
      .values(unique.map((region) => ({ project_id: id, region })))
      .execute();
}

// --- rounds --------------------------------------------------------------------------------------

export const findRound = (db: Db, id: number) =>
  db.selectFrom('grant_round').selectAll().where('id', '=', id).executeTakeFirst();

export const listRoundRows = (db: Db) =>
  db.selectFrom('grant_round').selectAll().orderBy('year', 'desc').orderBy('id', 'desc').execute();

/** The latest round of the year, if any. */
export const latestRoundOf = (db: Db, year: number) =>
  db.selectFrom('grant_round').selectAll().where('year', '=', year).orderBy('id', 'desc').executeTakeFirst();

export interface EntryRow {
  round_id: number;
  project_id: number;
  status: DataProvision | null;
  comment: string | null;
  volunteers: number | null;
  hours: number | null;
  events: number | null;
  illustrative: number;
  updated_at: string;
}

export async function entriesOf(db: Db, q: { roundIds?: number[]; projectIds?: number[] }) {
  let s = db.selectFrom('grant_round_entry').selectAll();
  if (q.roundIds) s = s.where('round_id', 'in', q.roundIds.length ? q.roundIds : [-1]);
  if (q.projectIds) s = s.where('project_id', 'in', q.projectIds.length ? q.projectIds : [-1]);
  return (await s.orderBy('round_id').orderBy('project_id').execute()) as EntryRow[];
}

export const findEntry = (db: Db, roundId: number, projectId: number) =>
  db
    .selectFrom('grant_round_entry')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
