// What every report shares: the reference (map, names, code lists) and the roll-ups of the
// aggregate rows onto the map's units.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { COHORT_COLUMNS, type CohortColumn } from '../../domain/activity-rules.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthYearLabel } from '../../domain/report/format.ts';
import { share, sumKnown } from '../../domain/report/maths.ts';
import { say } from '../../domain/report/narrative.ts';
import { buildMap, type TerritoryMap } from '../../domain/report/territory.ts';
import { badRequest } from '../../lib/errors.ts';
import {
  type ActivityAggRow,
  type CodeItem,
  codeLists,
  type Flowish,
  type StockRow,
  type SubmissionRow,
  type TerritoryRef,
  territory,
} from './reports.repository.ts';
import type { AreaHours, CodeCount, CohortVolunteers, FormatEvents } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const LISTS = [
  'area',
  'format',
  'kind',
  'cohort',
  'gender',
  'age_band',
  'employment',
  'rfo_support',
  'exclusion_reason',
  'appeal_channel',
  'appeal_topic',
  'appeal_status',
  'beneficiary_type',
];

export interface Ref {
  lang: Lang;
  territory: TerritoryRef;
  lists: Map<string, CodeItem[]>;
  map: TerritoryMap;
  unitName(code: string): string;
  codeName(list: string, code: string): string;
  codes(list: string): string[];
}

export async function loadRef(db: Db, year: number, map: 'year' | 'current', lang: Lang): Promise<Ref> {
  const [t, lists] = await Promise.all([territory(db), codeLists(db, LISTS)]);
  const m = buildMap(t.units, t.lineage, year, map);
  const unitNames = new Map(t.units.map((u) => [u.code, u.names[lang]]));
  const codeNames = new Map<string, string>();
  for (const [list, items] of lists)
    for (const it of items) codeNames.set(`${list}\u0000${it.code}`, it.names[lang]);
  return {
    lang,
    territory: t,
    lists,
    map: m,
    unitName: (code) => unitNames.get(code) ?? code,
    codeName: (list, code) => codeNames.get(`${list}\u0000${code}`) ?? code,
    codes: (list) => (lists.get(list) ?? []).map((i) => i.code),
  };
}

export interface Flow {
  events: number;
  volunteers: number;
  hours: number;
  beneficiaries: number;
}
export const emptyFlow = (): Flow => ({ events: 0, volunteers: 0, hours: 0, beneficiaries: 0 });

/** A unit's flows when it reported at least one month (zeros if it reported nothing done), else null. */
export const reportedFlow = (months: Map<string, unknown>, byRegion: Map<string, Flow>, unit: string) =>
  months.has(unit) ? (byRegion.get(unit) ?? emptyFlow()) : null;
export function addFlow(
  f: Flow,
  r: { events: number; volunteers: number; hours: number; beneficiaries: number },
) {
  f.events += r.events;
  f.volunteers += r.volunteers;
  f.hours += r.hours;
  f.beneficiaries += r.beneficiaries;
}

function flowOf(m: Map<string, Flow>, k: string): Flow {
  let f = m.get(k);
  if (!f) {
    f = emptyFlow();
    m.set(k, f);
  }
  return f;
}

function addPart(f: Flow, p: Flowish) {
  f.events += p.events;
  f.volunteers += p.volunteers;
  f.hours += p.hours;
}

/** The activity aggregates rolled up onto the map: national, by region, area, format, kind, … */
export interface Rollup {
  national: Flow;
  byRegion: Map<string, Flow>;
  byArea: Map<string, Flow>;
  byFormat: Map<string, Flow>;
  byKind: Map<string, Flow>;
  byRegionArea: Map<string, Flow>; // `${region}|${area}`
  byRegionKind: Map<string, Flow>; // `${region}|${kind}`
  byRegionMonth: Map<string, Flow>; // `${region}|${period}`
  byMonth: Map<string, Flow>;
  cohorts: Record<CohortColumn, number>;
  unknownRegions: Set<string>;
}

export function rollup(rows: ActivityAggRow[], target: Map<string, string>): Rollup {
  const r: Rollup = {
    national: emptyFlow(),
    byRegion: new Map(),
    byArea: new Map(),
    byFormat: new Map(),
    byKind: new Map(),
    byRegionArea: new Map(),
    byRegionKind: new Map(),
    byRegionMonth: new Map(),
    byMonth: new Map(),
    cohorts: Object.fromEntries(COHORT_COLUMNS.map((c) => [c, 0])) as Record<CohortColumn, number>,
    unknownRegions: new Set(),
  };
  for (const row of rows) {
    const region = target.get(row.region);
    if (!region) {
      r.unknownRegions.add(row.region);
      continue;
    }
    addFlow(r.national, row);
    addFlow(flowOf(r.byRegion, region), row);
    addFlow(flowOf(r.byArea, row.area), row);
    addFlow(flowOf(r.byRegionArea, `${region}|${row.area}`), row);
    addFlow(flowOf(r.byRegionMonth, `${region}|${row.period}`), row);
    addFlow(flowOf(r.byMonth, row.period), row);
    for (const format in row.formats) addPart(flowOf(r.byFormat, format), row.formats[format] as Flowish);
    for (const kind in row.kinds) {
      const f = row.kinds[kind] as Flowish;
      addPart(flowOf(r.byKind, kind), f);
      addPart(flowOf(r.byRegionKind, `${region}|${kind}`), f);
    }
    for (const c of COHORT_COLUMNS) r.cohorts[c] += row[c];
  }
  return r;
}

/** Months each map unit has included (e.g. accepted) submissions for. */
export function includedMonths(subs: SubmissionRow[], statuses: string[], target: Map<string, string>) {
  const out = new Map<string, Set<string>>();
  for (const s of subs) {
    if (!/^\d{4}-\d{2}$/.test(s.period) || !statuses.includes(s.status)) continue;
    const t = target.get(s.region);
    if (!t) continue;
    let set = out.get(t);
    if (!set) {
      set = new Set();
      out.set(t, set);
    }
    set.add(s.period);
  }
  return out;
}

/**
 * A unit's row in a report's region table: its name, reported volunteers, and the hours and events
 * of its included months (null when it reported no month).
 */
export function regionFigures(
  ref: Ref,
  stocks: Stocks,
  months: Map<string, unknown>,
  r: Rollup,
  unit: string,
) {
  const f = reportedFlow(months, r.byRegion, unit);
  return {
    region: unit,
    name: ref.unitName(unit),
    volunteers: stocks.total.get(unit) ?? null,
    hours: f ? f.hours : null,
    events: f ? f.events : null,
  };
}

/** Volunteer stocks of one period, summed onto the map: unit → dimension → category → value. */
export interface Stocks {
  total: Map<string, number | null>;
  dims: Map<string, Map<string, Map<string, number>>>; // unit → dimension → category → volunteers
}

export function stocksOf(rows: StockRow[], period: string, target: Map<string, string>): Stocks {
  const total = new Map<string, number | null>();
  const dims = new Map<string, Map<string, Map<string, number>>>();
  for (const r of rows) {
    if (r.period !== period) continue;
    const unit = target.get(r.region);
    if (!unit || r.volunteers === null) continue;
    if (r.dimension === 'total') {
      total.set(unit, (total.get(unit) ?? 0) + r.volunteers);
      continue;
    }
    let d = dims.get(unit);
    if (!d) {
      d = new Map();
      dims.set(unit, d);
    }
    let c = d.get(r.dimension);
    if (!c) {
      c = new Map();
      d.set(r.dimension, c);
    }
    c.set(r.category, (c.get(r.category) ?? 0) + r.volunteers);
  }
  // A unit that gave a breakdown but no total row: its gender breakdown is its total.
  for (const [unit, d] of dims) {
    if (total.has(unit)) continue;
    const g = d.get('gender');
    if (g)
      total.set(
        unit,
        [...g.values()].reduce((s, v) => s + v, 0),
      );
  }
  return { total, dims };
}

/** Shares of a unit's reported total by category of one dimension. */
export function dimShares(stocks: Stocks, unit: string, dimension: string, categories: string[]) {
  const out: Record<string, number | null> = {};
  const d = stocks.dims.get(unit)?.get(dimension);
  const tot = stocks.total.get(unit) ?? null;
  for (const c of categories) out[c] = d ? share(d.get(c) ?? 0, tot) : null;
  return out;
}

/** National counts and shares of a dimension over the units that reported it. */
export function nationalDim(
  stocks: Stocks,
  units: string[],
  dimension: string,
  categories: string[],
  name: (c: string) => string,
): { rows: z.infer<typeof CodeCount>[]; missing: string[] } {
  const missing: string[] = [];
  const sums = new Map<string, number>(categories.map((c) => [c, 0]));
  let denom = 0;
  let any = false;
  for (const u of units) {
    const d = stocks.dims.get(u)?.get(dimension);
    if (!d) {
      missing.push(u);
      continue;
    }
    any = true;
    let catSum = 0;
    for (const [c, v] of d) {
      sums.set(c, (sums.get(c) ?? 0) + v);
      catSum += v;
    }
    denom += stocks.total.get(u) ?? catSum;
  }
  const rows = [...sums].map(([code, v]) => ({
    code,
    name: name(code),
    value: any ? v : null,
    share: any ? share(v, denom) : null,
  }));
  return { rows, missing };
}

/** The flows of every code of a list, then of the codes the rows have that it lacks (zeros where none). */
const flowsByCode = (list: string[], by: Map<string, Flow>): [string, Flow][] =>
  [...new Set([...list, ...by.keys()])].map((code) => [code, by.get(code) ?? emptyFlow()]);

export function areaRows(
  r: Rollup,
  areas: string[],
  name: (c: string) => string,
): z.infer<typeof AreaHours>[] {
  return flowsByCode(areas, r.byArea)
    .map(([area, f]) => ({
      area,
      name: name(area),
      hours: f.hours,
      share: share(f.hours, r.national.hours),
      events: f.events,
      volunteers: f.volunteers,
    }))
    .sort((a, b) => b.hours - a.hours);
}

export function formatRows(
  r: Rollup,
  formats: string[],
  name: (c: string) => string,
): z.infer<typeof FormatEvents>[] {
  return flowsByCode(formats, r.byFormat)
    .map(([format, f]) => ({
      format,
      name: name(format),
      events: f.events,
      share: share(f.events, r.national.events),
      hours: f.hours,
    }))
    .sort((a, b) => b.events - a.events);
}

export function cohortRows(r: Rollup, name: (c: string) => string): z.infer<typeof CohortVolunteers>[] {
  const total = sumKnown(COHORT_COLUMNS.map((c) => r.cohorts[c])) ?? 0;
  return COHORT_COLUMNS.map((c) => ({
    category: c,
    name: name(c),
    volunteers: r.cohorts[c],
    share: share(r.cohorts[c], total),
  })).sort((a, b) => b.volunteers - a.volunteers);
}

/** map=2022 on a report of 2022 is its own map; another year's map cannot be asked for (400). */
export function mapOption(q: { map?: string | undefined }, year: number): 'year' | 'current' {
  if (q.map === undefined || q.map === 'year') return 'year';
  if (q.map === 'current') return 'current';
  if (Number(q.map) !== year)
    throw badRequest(`map=${q.map}: a report of ${year} can be shown on the map of ${year} or 'current'`);
  return 'year';
}

export const monthOf = (period: string) => Number(period.slice(5, 7));

/**
 * A period as the reader says it: "first half of 2022", "май 2022", "2022" — never the code
 * (2022-H1, 2022-05) in a sentence or a title.
 */
export function periodLabel(lang: Lang, text: string): string {
  const h = /^(\d{4})-H([12])$/.exec(text);
  if (h) return say(lang, h[2] === '1' ? 'render.h1' : 'render.h2', { year: h[1] });
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return monthYearLabel(Number(m[2]), Number(m[1]), lang);
  return text;
}
