// "Volunteers in numbers" for a half-year (YYYY-H1 / YYYY-H2): the flows of its months from the
// aggregates, and the volunteer and organisation stocks reported for the half-year itself (never
// summed from months: a volunteer active in three months is one volunteer).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsIn, type Period } from '../../domain/periods.ts';
import { sumKnown } from '../../domain/report/maths.ts';
import { say } from '../../domain/report/narrative.ts';
import {
  areaRows,
  cohortRows,
  formatRows,
  includedMonths,
  loadRef,
  nationalDim,
  periodLabel,
  regionFigures,
  rollup,
  stocksOf,
} from './common.ts';
import {
  activityAgg,
  orgCounts,
  statusesFor,
  submissionsOfYear,
  volunteerStocks,
} from './reports.repository.ts';
import type { HalfYearReport, Note } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function buildHalfYearReport(
  db: Db,
  period: Period,
  opts: { lang: Lang; provisional: boolean; map: 'year' | 'current' },
): Promise<HalfYearReport> {
  const { lang } = opts;
  const statuses = statusesFor(opts.provisional);
  const months = monthsIn(period);
  const from = months[0] as string;
  const to = months[months.length - 1] as string;
  const [ref, subs, rows, stocks, orgs] = await Promise.all([
    loadRef(db, period.year, opts.map, lang),
    submissionsOfYear(db, period.year),
    activityAgg(db, from, to, statuses),
    volunteerStocks(db, [period.text], statuses),
    orgCounts(db, [period.text], statuses),
  ]);
  const { map } = ref;
  const units = map.units;
  const roll = rollup(rows, map.target);
  const inc = includedMonths(
    subs.filter((s) => s.period >= from && s.period <= to),
    statuses,
    map.target,
  );
  const monthsWithData = months.filter((m) => [...inc.values()].some((set) => set.has(m)));
  const missingMonths = months.filter((m) => !monthsWithData.includes(m));
  const noData = monthsWithData.length === 0;
  const st = stocksOf(stocks, period.text, map.target);
  const label = periodLabel(lang, period.text);
  const npo = new Map<string, number>();
  const ig = new Map<string, number>();
  for (const o of orgs) {
    const u = map.target.get(o.region);
    if (!u) continue;
    if (o.npo !== null) npo.set(u, (npo.get(u) ?? 0) + o.npo);
    if (o.initiative_groups !== null) ig.set(u, (ig.get(u) ?? 0) + o.initiative_groups);
  }
  const volunteers = sumKnown(units.map((u) => st.total.get(u)));
  const notes: Note[] = [];
  const missing = {
    volunteers: units.filter((u) => !st.total.has(u)),
    hours: units.filter((u) => !inc.has(u)),
    npo: units.filter((u) => !npo.has(u)),
    initiativeGroups: units.filter((u) => !ig.has(u)),
  };
  notes.push({
    code: volunteers === null ? 'no_stock' : 'stock_period',
    figure: 'totals.volunteers',
    text: say(lang, volunteers === null ? 'note.halfYearNoStock' : 'note.halfYearStock', {
      period: label,
    }),
  });
  if (missingMonths.length && !noData)
    notes.push({
      code: 'partial_months',
      figure: null,
      text: say(lang, 'note.partialMonths', { count: monthsWithData.length, total: months.length }),
    });
  const names = (codes: string[]) => codes.map(ref.unitName).join(', ');
  if (missing.hours.length && !noData)
    notes.push({
      code: 'missing_regions',
      figure: 'totals.hours',
      text: say(lang, 'narrative.missing', { regions: names(missing.hours) }),
      regions: missing.hours,
    });
  const provisionalPartitions = opts.provisional
    ? subs
        .filter(
          (s) =>
            s.status === 'submitted' && ((s.period >= from && s.period <= to) || s.period === period.text),
        )
        .map((s) => ({ region: s.region, period: s.period, status: s.status }))
    : [];
  const narrative = noData
    ? [say(lang, 'note.noDataPeriod', { period: label })]
    : [
        say(lang, 'narrative.halfYear', {
          period: label,
          hours: Math.round(roll.national.hours),
          events: roll.national.events,
        }),
        ...(volunteers !== null ? [say(lang, 'narrative.halfYearVolunteers', { volunteers })] : []),
        ...(missingMonths.length
          ? [
              say(lang, 'narrative.halfYearMissingMonths', {
                months: missingMonths.map((m) => periodLabel(lang, m)).join(', '),
              }),
            ]
          : []),
      ];
  return {
    kind: 'half-year',
    period: period.text,
    year: period.year,
    lang,
    provisional: opts.provisional,
    provisionalPartitions,
    territory: opts.map === 'year' ? String(period.year) : 'current',
    generatedAt: new Date().toISOString(),
    title: say(lang, 'title.halfYear', { period: label }),
    months,
    monthsWithData,
    missingMonths,
    stockPeriod: period.text,
    totals: {
      volunteers,
      hours: noData ? null : roll.national.hours,
      events: noData ? null : roll.national.events,
      eventVolunteers: noData ? null : roll.national.volunteers,
      beneficiaries: noData ? null : roll.national.beneficiaries,
      npo: sumKnown(units.map((u) => npo.get(u))),
      initiativeGroups: sumKnown(units.map((u) => ig.get(u))),
      missingRegions: missing,
    },
    hoursByArea: noData ? [] : areaRows(roll, ref.codes('area'), (c) => ref.codeName('area', c)),
    eventsByFormat: noData ? [] : formatRows(roll, ref.codes('format'), (c) => ref.codeName('format', c)),
    cohorts: noData ? [] : cohortRows(roll, (c) => ref.codeName('cohort', c)),
    gender: nationalDim(st, units, 'gender', ref.codes('gender'), (c) => ref.codeName('gender', c)).rows,
    ageBands: nationalDim(st, units, 'age_band', ref.codes('age_band'), (c) => ref.codeName('age_band', c))
      .rows,
    employment: nationalDim(st, units, 'employment', ref.codes('employment'), (c) =>
      ref.codeName('employment', c),
    ).rows,
    regions: units.map((u) => ({
      ...regionFigures(ref, st, inc, roll, u),
      monthsWithData: inc.get(u)?.size ?? 0,
    })),
    monthly: months.map((m) => {
      const f = roll.byMonth.get(m);
      const has = monthsWithData.includes(m);
      return { period: m, hours: has ? (f?.hours ?? 0) : null, events: has ? (f?.events ?? 0) : null };
    }),
    narrative,
    notes,
  };
}
