// The public dashboard: key figures, hours by area, volunteers and hours by region, the monthly
// dynamics and the gender and age portrait, for a year and optionally one region; and the impact
// figures of the platform (issue 12 item 5), computed as the annual report's.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsOf } from '../../domain/periods.ts';
import { round, share, sumKnown } from '../../domain/report/maths.ts';
import { buildMap } from '../../domain/report/territory.ts';
import { impactOfYear } from '../impact/impact.service.ts';
import { knownRegion } from '../reference/regions.ts';
import { impactNames } from './annual/impact.ts';
import { areaRows, includedMonths, loadRef, regionFigures, rollup, stocksOf } from './common.ts';
import {
  dashboardAgg,
  monthlySubmissions,
  orgCounts,
  statusesFor,
  submissionsOfYear,
  territory,
  volunteerStocks,
  yearsWithData,
} from './reports.repository.ts';
import type { Dashboard } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A year is complete enough for the dashboard to open on it when this share (%) of its region-months has data. */
export const COMPLETE_ENOUGH = 50;

export interface YearStatus {
  year: number;
  completeness: number;
  state: 'complete' | 'in_progress' | 'incomplete';
}

/**
 * The years with data, newest first, each with its completeness: the region-months with data (a
 * unit created during a year counted with its predecessor, as on the year's map) over the units on
 * the year's map × 12; and the default year: the latest complete enough, else the latest with data,
 * else last year. A year not complete enough is "in progress" when newer than the default.
 */
export async function dashboardYears(
  db: Db,
  provisional: boolean,
): Promise<{ years: number[]; yearStatus: YearStatus[]; defaultYear: number }> {
  const statuses = statusesFor(provisional);
  const [years, rows, t] = await Promise.all([
    yearsWithData(db, statuses),
    monthlySubmissions(db, statuses),
    territory(db),
  ]);
  const byYear = new Map<number, { region: string; period: string }[]>();
  for (const r of rows) {
    const y = Number(r.period.slice(0, 4));
    const list = byYear.get(y) ?? [];
    list.push(r);
    byYear.set(y, list);
  }
  const shares = years.map((year) => {
    const map = buildMap(t.units, t.lineage, year, 'year');
    const covered = new Set<string>();
    for (const r of byYear.get(year) ?? []) {
      const unit = map.target.get(r.region);
      if (unit) covered.add(`${unit} ${r.period}`);
    }
    const slots = map.units.length * 12;
    return { year, completeness: slots ? round((covered.size / slots) * 100, 1) : 0 };
  });
  const defaultYear =
    shares.find((s) => s.completeness >= COMPLETE_ENOUGH)?.year ??
    years[0] ??
    new Date().getUTCFullYear() - 1;
  const yearStatus = shares.map((s) => ({
    ...s,
    state:
      s.completeness >= COMPLETE_ENOUGH
        ? ('complete' as const)
        : s.year > defaultYear
          ? ('in_progress' as const)
          : ('incomplete' as const),
  }));
  return { years, yearStatus, defaultYear };
}

/** The dashboard of a year (default: dashboardYears' default), national or of one region (404 if unknown). */
export async function buildDashboard(
  db: Db,
  opts: { year?: number | null; region?: string | null; lang: Lang; provisional: boolean },
): Promise<Dashboard> {
  const asked = opts.region ? await knownRegion(db, opts.region) : null;
  const statuses = statusesFor(opts.provisional);
  const { years, yearStatus, defaultYear } = await dashboardYears(db, opts.provisional);
  const year = opts.year ?? defaultYear;
  const [ref, subs, rows, stocks, orgs] = await Promise.all([
    loadRef(db, year, 'year', opts.lang),
    submissionsOfYear(db, year),
    dashboardAgg(db, year, statuses),
    volunteerStocks(db, [String(year)], statuses),
    orgCounts(db, [String(year)], statuses),
  ]);
  const { map } = ref;
  const region = asked ? (map.target.get(asked) ?? asked) : null;
  // A unit created after the year's start (the 2022 split) is shown through its predecessor: say so.
  const predecessor =
    asked && region && region !== asked
      ? { asked, askedName: ref.unitName(asked), region, name: ref.unitName(region) }
      : null;
  const units = region ? map.units.filter((u) => u === region) : map.units;
  const set = new Set(units);
  const mine = rows.filter((r) => set.has(map.target.get(r.region) ?? ''));
  const roll = rollup(mine, map.target);
  const inc = includedMonths(subs, statuses, map.target);
  const anyData = units.some((u) => inc.has(u));
  const st = stocksOf(stocks, String(year), map.target);
  const volunteers = sumKnown(units.map((u) => st.total.get(u)));
  let npo: number | null = null;
  let ig: number | null = null;
  for (const o of orgs) {
    if (!set.has(map.target.get(o.region) ?? '')) continue;
    if (o.npo !== null) npo = (npo ?? 0) + o.npo;
    if (o.initiative_groups !== null) ig = (ig ?? 0) + o.initiative_groups;
  }
  const dim = (dimension: string, list: string) => {
    const cats = ref.codes(list);
    const sums = new Map<string, number>();
    let reported = false;
    let denom = 0;
    for (const u of units) {
      const d = st.dims.get(u)?.get(dimension);
      if (!d) continue;
      reported = true;
      for (const [c, v] of d) sums.set(c, (sums.get(c) ?? 0) + v);
      denom += st.total.get(u) ?? 0;
    }
    return cats.map((c) => ({
      category: c,
      name: ref.codeName(list, c),
      volunteers: reported ? (sums.get(c) ?? 0) : null,
      share: reported ? share(sums.get(c) ?? 0, denom) : null,
    }));
  };
  const gender = dim('gender', 'gender');
  const hours = anyData ? roll.national.hours : null;
  const impact = await impactOfYear(db, year, impactNames(ref), region);
  return {
    year,
    region,
    years,
    defaultYear,
    yearStatus,
    predecessor,
    provisional: opts.provisional,
    lang: opts.lang,
    key: {
      volunteers,
      hours,
      activities: anyData ? roll.national.events : null,
      npo,
      initiativeGroups: ig,
      beneficiaries: anyData ? roll.national.beneficiaries : null,
      femaleShare: gender.find((g) => g.category === 'female')?.share ?? null,
      hoursPerVolunteer: hours !== null && volunteers ? round(hours / volunteers, 2) : null,
    },
    hoursByArea: anyData
      ? areaRows(roll, ref.codes('area'), (c) => ref.codeName('area', c)).map((a) => ({
          area: a.area,
          name: a.name,
          hours: a.hours,
          share: a.share,
        }))
      : [],
    byRegion: units.map((u) => {
      const { events, ...f } = regionFigures(ref, st, inc, roll, u);
      return { ...f, activities: events };
    }),
    monthly: monthsOf(year).map((m, i) => {
      const known = units.some((u) => inc.get(u)?.has(m));
      const f = roll.byMonth.get(m);
      return {
        period: m,
        month: i + 1,
        hours: known ? (f?.hours ?? 0) : null,
        activities: known ? (f?.events ?? 0) : null,
      };
    }),
    gender,
    ageBands: dim('age_band', 'age_band'),
    missingRegions: {
      volunteers: units.filter((u) => !st.total.has(u)),
      hours: units.filter((u) => !inc.has(u)),
    },
    impact,
  };
}
