// The public dashboard: key figures, hours by area, volunteers and hours by region, the monthly
// dynamics and the gender and age portrait, for a year and optionally one region.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsOf } from '../../domain/periods.ts';
import { round, share, sumKnown } from '../../domain/report/maths.ts';
import { areaRows, includedMonths, loadRef, regionFigures, rollup, stocksOf } from './common.ts';
import {
  dashboardAgg,
  orgCounts,
  statusesFor,
  submissionsOfYear,
  volunteerStocks,
  yearsWithData,
} from './reports.repository.ts';
import type { Dashboard } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function latestYear(db: Db, provisional: boolean): Promise<number | null> {
  const years = await yearsWithData(db, statusesFor(provisional));
  return years[0] ?? null;
}

export async function buildDashboard(
  db: Db,
  opts: { year?: number | null; region?: string | null; lang: Lang; provisional: boolean },
): Promise<Dashboard> {
  const statuses = statusesFor(opts.provisional);
  const years = await yearsWithData(db, statuses);
  const year = opts.year ?? years[0] ?? new Date().getUTCFullYear() - 1;
  const [ref, subs, rows, stocks, orgs] = await Promise.all([
    loadRef(db, year, 'year', opts.lang),
    submissionsOfYear(db, year),
    dashboardAgg(db, year, statuses),
    volunteerStocks(db, [String(year)], statuses),
    orgCounts(db, [String(year)], statuses),
  ]);
  const { map } = ref;
  const region = opts.region ? (map.target.get(opts.region) ?? opts.region) : null;
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
  return {
    year,
    region,
    years,
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
  };
}
