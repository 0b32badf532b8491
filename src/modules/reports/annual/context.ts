// What every section of the annual report reads: the data on the year's map, the months each unit
// reported, the stocks of the year and the year before, the organisations and the population.
import type { Lang } from '../../../domain/lang.ts';
import { sumKnown } from '../../../domain/report/maths.ts';
import { changeNotComparable } from '../../../domain/report/territory.ts';
import { includedMonths, rollup, stocksOf } from '../common.ts';
import type { AnnualData, AnnualOptions } from './load.ts';

/** Non-profit organisations and initiative groups by map unit, for one period. */
function organizationsOfPeriod(d: AnnualData, period: string) {
  const npo = new Map<string, number>();
  const ig = new Map<string, number>();
  for (const o of d.orgs) {
    if (o.period !== period) continue;
    const u = d.ref.map.target.get(o.region);
    if (!u) continue;
    if (o.npo !== null) npo.set(u, (npo.get(u) ?? 0) + o.npo);
    if (o.initiative_groups !== null) ig.set(u, (ig.get(u) ?? 0) + o.initiative_groups);
  }
  return { npo, ig };
}

export function annualContext(d: AnnualData, year: number, opts: AnnualOptions) {
  const { ref } = d;
  const { map } = ref;
  const units = map.units;
  const roll = rollup(d.rows, map.target);
  const months = includedMonths(d.subs, d.statuses, map.target);
  const hasActivity = units.filter((u) => (months.get(u)?.size ?? 0) > 0);
  const cur = stocksOf(d.stocks, String(year), map.target);
  const prev = stocksOf(d.stocks, String(year - 1), map.target);
  const orgCur = organizationsOfPeriod(d, String(year));
  const orgPrev = organizationsOfPeriod(d, String(year - 1));
  const popOf = (u: string): number | null =>
    sumKnown((map.sources.get(u) ?? []).map((s) => d.population.get(s)));
  return {
    data: d,
    year,
    lang: opts.lang as Lang,
    opts,
    ref,
    map,
    units,
    name: ref.unitName,
    roll,
    months,
    hasActivity,
    noData: hasActivity.length === 0,
    cur,
    prev,
    orgCur,
    orgPrev,
    popOf,
    changeExcluded: changeNotComparable(map, ref.territory.units, ref.territory.lineage, year),
    genders: ref.codes('gender'),
    bands: ref.codes('age_band'),
    employment: ref.codes('employment'),
    volunteersTotal: sumKnown(units.map((u) => cur.total.get(u))),
    npoTotal: sumKnown(units.map((u) => orgCur.npo.get(u))),
    igTotal: sumKnown(units.map((u) => orgCur.ig.get(u))),
  };
}

export type AnnualContext = ReturnType<typeof annualContext>;

/** The names of map units, as a sentence lists them. */
export const names = (ref: { unitName(code: string): string }, codes: string[]) =>
  codes.map((code) => ref.unitName(code)).join(', ');
