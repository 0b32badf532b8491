// The stored rows of each exchange format, as the cells of its columns (KIND_COLUMNS order), read
// in pages. Activities are read partition by partition (region and month, on their index) and by
// id inside one, so that no query holds the connection for the whole export and memory stays
// bounded whatever the number of rows.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ACTIVITY_COLUMNS } from '../../domain/activity-rules.ts';
import type { CodeLabel } from '../../domain/code-match.ts';
import type { ImportKind } from '../imports/headers.ts';
import type { Cell } from './export.writers.ts';

/** Code list (and `region`) → its entries with their labels. */
export type TemplateReference = Record<string, CodeLabel[]>;

type Db = Kysely<DB> | Transaction<DB>;

export interface RowFilter {
  year: number;
  /** A region code, or null for all regions. */
  region: string | null;
}

export const PAGE_ROWS = 5000;

/** Period texts of a year (YYYY, YYYY-H1, YYYY-MM) sort between 'YYYY' and the next year. */
const yearRange = (year: number) => [String(year), String(year + 1)] as const;

export function exportRows(db: Db, kind: ImportKind, f: RowFilter): AsyncGenerator<Cell[][]> {
  switch (kind) {
    case 'activities':
      return activityRows(db, f);
    case 'volunteers':
      return volunteerRows(db, f);
    case 'organizations':
      return orgCountRows(db, f);
    case 'appeals':
      return appealRows(db, f);
    case 'population':
      return populationRows(db, f);
    case 'wages':
      return wageRows(db, f);
    case 'working-time':
      return workingTimeRows(db, f);
    case 'unaccounted':
      return unaccountedRows(db, f);
  }
}

async function* activityRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  for (const p of await activityPartitions(db, f)) {
    let after = 0;
    for (;;) {
      const page = await activityPage(db, p, after);
      if (page.length === 0) break;
      after = Number((page[page.length - 1] as { id: number }).id);
      // The row key in place of the reporter's own id: it is the external id when there was one,
      // and the system's key otherwise (api:…, h:…), which the importer recognises and maps back
      // to the same row. Re-importing an export updates rows in place instead of adding copies.
      yield page.map((a) => ACTIVITY_COLUMNS.map((c) => (c === 'external_id' ? a.row_key : a[c])));
      if (page.length < PAGE_ROWS) break;
    }
  }
}

/** The regions' months of the year that have activities, in order. */
function activityPartitions(db: Db, f: RowFilter) {
  const [from, to] = yearRange(f.year);
  let q = db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .where('period', '>=', from)
    .where('period', '<', to);
  if (f.region) q = q.where('region', '=', f.region);
  return q.orderBy('region').orderBy('period').execute();
}

/** One page of a region's month, after the id `after`, with the organisation's fields. */
function activityPage(db: Db, p: { region: string; period: string }, after: number) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['o.name as organization', 'o.type as organization_type', 'o.bin as organization_bin'])
    .where('a.region', '=', p.region)
    .where('a.period', '=', p.period)
    .where('a.id', '>', after)
    .orderBy('a.id')
    .limit(PAGE_ROWS)
    .execute();
}

async function* volunteerRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  const [from, to] = yearRange(f.year);
  // Categories in the order of their code list (male before female, as the forms show them).
  let q = db
    .selectFrom('volunteer_stat as v')
    .leftJoin('code_list_item as d', (j) =>
      j.onRef('d.code', '=', 'v.dimension').on('d.list', '=', 'dimension'),
    )
    .leftJoin('code_list_item as c', (j) =>
      j.onRef('c.list', '=', 'v.dimension').onRef('c.code', '=', 'v.category'),
    )
    .select(['v.region', 'v.period', 'v.dimension', 'v.category', 'v.volunteers'])
    .where('v.period', '>=', from)
    .where('v.period', '<', to);
  if (f.region) q = q.where('v.region', '=', f.region);
  const rows = await q
    .orderBy('v.region')
    .orderBy('v.period')
    .orderBy('d.sort')
    .orderBy('v.dimension')
    .orderBy('c.sort')
    .orderBy('v.category')
    .execute();
  yield* pages(rows.map((v) => [v.region, v.period, v.dimension, v.category || null, v.volunteers]));
}

async function* orgCountRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  const [from, to] = yearRange(f.year);
  let q = db
    .selectFrom('org_count')
    .select(['region', 'period', 'npo', 'initiative_groups'])
    .where('period', '>=', from)
    .where('period', '<', to);
  if (f.region) q = q.where('region', '=', f.region);
  const rows = await q.orderBy('region').orderBy('period').execute();
  yield* pages(rows.map((r) => [r.region, r.period, r.npo, r.initiative_groups]));
}

async function* appealRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  const [from, to] = yearRange(f.year);
  let after = 0;
  for (;;) {
    let q = db
      .selectFrom('appeal')
      .selectAll()
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .where('id', '>', after);
    if (f.region) q = q.where('region', '=', f.region);
    const page = await q.orderBy('id').limit(PAGE_ROWS).execute();
    if (page.length === 0) return;
    after = Number((page[page.length - 1] as { id: number }).id);
    // The stored external id only: the importer keeps an appeal's external_id as given, so the
    // content key of a row without one must stay blank to find the same row again.
    yield page.map((a) => [
      a.received_at,
      a.channel,
      a.gender,
      a.region,
      a.country,
      a.topic,
      Number(a.related) ? 'true' : 'false',
      a.status,
      a.first_response_at,
      a.resolved_at,
      a.external_id,
    ]);
    if (page.length < PAGE_ROWS) return;
  }
}

async function* populationRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  let q = db.selectFrom('population').select(['region', 'year', 'population']).where('year', '=', f.year);
  if (f.region) q = q.where('region', '=', f.region);
  const rows = await q.orderBy('region').execute();
  yield* pages(rows.map((r) => [r.region, r.year, r.population]));
}

async function* wageRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  let q = db
    .selectFrom('wage')
    .select(['region', 'activity', 'year', 'monthly_wage_kzt', 'source'])
    .where('year', '=', f.year);
  if (f.region) q = q.where('region', '=', f.region);
  const rows = await q.orderBy('region').orderBy('activity').execute();
  // '' is the national figure / all activities: a blank cell, as in the import format.
  yield* pages(rows.map((r) => [r.region || null, r.activity || null, r.year, r.monthly_wage_kzt, r.source]));
}

async function* workingTimeRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  const rows = await db
    .selectFrom('working_time')
    .select(['year', 'monthly_hours', 'annual_hours', 'source'])
    .where('year', '=', f.year)
    .execute();
  yield* pages(rows.map((r) => [r.year, r.monthly_hours, r.annual_hours, r.source]));
}

async function* unaccountedRows(db: Db, f: RowFilter): AsyncGenerator<Cell[][]> {
  const rows = await db
    .selectFrom('unaccounted_hours')
    .select(['year', 'source', 'area', 'volunteers', 'hours', 'note'])
    .where('year', '=', f.year)
    .orderBy('id')
    .execute();
  yield* pages(rows.map((r) => [r.year, r.source, r.area, r.volunteers, r.hours, r.note]));
}

/** The small kinds (a few thousand rows a year) are read at once and written in pages. */
function* pages(rows: Cell[][]): Generator<Cell[][]> {
  for (let i = 0; i < rows.length; i += PAGE_ROWS) yield rows.slice(i, i + PAGE_ROWS);
}

/** What a template's drop-down lists offer: the active code lists and the regions of today, with labels. */
export async function templateReference(db: Db): Promise<TemplateReference> {
  const items = await db
    .selectFrom('code_list_item')
    .select(['list', 'code', 'name_en', 'name_ru', 'name_kk'])
    .where('active', '=', 1)
    .orderBy('list')
    .orderBy('sort')
    .execute();
  const units = await db
    .selectFrom('territory_unit')
    .select(['code', 'name_en', 'name_ru', 'name_kk'])
    .where('valid_to', 'is', null)
    .orderBy('sort')
    .execute();
  const lists: Record<string, CodeLabel[]> = {};
  for (const i of items)
    lists[i.list] = [...(lists[i.list] ?? []), { code: i.code, en: i.name_en, ru: i.name_ru, kk: i.name_kk }];
  lists.region = units.map((u) => ({ code: u.code, en: u.name_en, ru: u.name_ru, kk: u.name_kk }));
  return lists;
}
