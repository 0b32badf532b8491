// Monthly monitoring: the month and the year to date, per region and national, with the monthly
// dynamics; a region's figures are null (not zero) for months without an included submission.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsOf, type Period } from '../../domain/periods.ts';
import { say } from '../../domain/report/narrative.ts';
import { areaRows, type Flow, includedMonths, loadRef, periodLabel, rollup } from './common.ts';
import { activityAgg, statusesFor, submissionsOfYear } from './reports.repository.ts';
import type { MonthFigures, MonthlyReport, Note } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

const fig = (f: Flow | null | undefined, known: boolean): MonthFigures =>
  known
    ? {
        events: f?.events ?? 0,
        eventVolunteers: f?.volunteers ?? 0,
        hours: f?.hours ?? 0,
        beneficiaries: f?.beneficiaries ?? 0,
      }
    : { events: null, eventVolunteers: null, hours: null, beneficiaries: null };

export async function buildMonthlyReport(
  db: Db,
  period: Period,
  opts: { lang: Lang; provisional: boolean; map: 'year' | 'current'; region?: string | null },
): Promise<MonthlyReport> {
  const { lang } = opts;
  const statuses = statusesFor(opts.provisional);
  const from = `${period.year}-01`;
  const [ref, subs, rows] = await Promise.all([
    loadRef(db, period.year, opts.map, lang),
    submissionsOfYear(db, period.year),
    activityAgg(db, from, period.text, statuses),
  ]);
  const { map } = ref;
  const only = opts.region ? (map.target.get(opts.region) ?? opts.region) : null;
  const units = only ? map.units.filter((u) => u === only) : map.units;
  const unitSet = new Set(units);
  const allRoll = rollup(rows, map.target);
  const roll = only
    ? rollup(
        rows.filter((r) => map.target.get(r.region) === only),
        map.target,
      )
    : allRoll;
  const monthRoll = rollup(
    rows.filter((r) => r.period === period.text && (!only || map.target.get(r.region) === only)),
    map.target,
  );
  const inc = includedMonths(
    subs.filter((s) => s.period >= from && s.period <= period.text),
    statuses,
    map.target,
  );
  const statusOf = (u: string) =>
    subs.find((s) => s.region === u && s.period === period.text)?.status ?? null;
  const missingMonth = units.filter((u) => !inc.get(u)?.has(period.text));
  const missingYtd = units.filter((u) => !inc.has(u));
  const anyMonth = missingMonth.length < units.length;
  const anyYtd = missingYtd.length < units.length;
  const months = monthsOf(period.year).filter((m) => m <= period.text);
  const label = periodLabel(lang, period.text);
  const notes: Note[] = [];
  const names = (codes: string[]) => codes.map(ref.unitName).join(', ');
  if (missingMonth.length && anyMonth)
    notes.push({
      code: 'missing_regions',
      figure: 'national.month',
      text: say(lang, 'narrative.missing', { regions: names(missingMonth) }),
      regions: missingMonth,
    });
  const national = { month: fig(monthRoll.national, anyMonth), ytd: fig(roll.national, anyYtd) };
  const narrative = anyYtd
    ? [
        say(lang, 'narrative.monthly', {
          period: label,
          hours: national.month.hours === null ? null : Math.round(national.month.hours),
          events: national.month.events,
          ytdHours: national.ytd.hours === null ? null : Math.round(national.ytd.hours),
          ytdEvents: national.ytd.events,
        }),
        ...(missingMonth.length
          ? [
              say(lang, 'narrative.monthlyMissing', {
                count: missingMonth.length,
                regions: names(missingMonth),
              }),
            ]
          : []),
      ]
    : [say(lang, 'note.noDataPeriod', { period: label })];
  return {
    kind: 'monthly',
    period: period.text,
    year: period.year,
    month: Number(period.text.slice(5, 7)),
    region: only,
    lang,
    provisional: opts.provisional,
    provisionalPartitions: opts.provisional
      ? subs
          .filter(
            (s) =>
              s.status === 'submitted' &&
              s.period >= from &&
              s.period <= period.text &&
              (!only || unitSet.has(map.target.get(s.region) ?? '')),
          )
          .map((s) => ({ region: s.region, period: s.period, status: s.status }))
      : [],
    generatedAt: new Date().toISOString(),
    title: say(lang, 'title.monthly', { period: label }),
    national,
    regions: units.map((u) => ({
      region: u,
      name: ref.unitName(u),
      status: statusOf(u),
      month: fig(monthRoll.byRegion.get(u), inc.get(u)?.has(period.text) ?? false),
      ytd: fig(roll.byRegion.get(u), inc.has(u)),
      monthsWithData: inc.get(u)?.size ?? 0,
    })),
    hoursByArea: anyMonth ? areaRows(monthRoll, ref.codes('area'), (c) => ref.codeName('area', c)) : [],
    ytdHoursByArea: anyYtd ? areaRows(roll, ref.codes('area'), (c) => ref.codeName('area', c)) : [],
    dynamics: months.map((m) => {
      const known = units.some((u) => inc.get(u)?.has(m));
      const f = roll.byMonth.get(m);
      return {
        period: m,
        hours: known ? (f?.hours ?? 0) : null,
        events: known ? (f?.events ?? 0) : null,
        eventVolunteers: known ? (f?.volunteers ?? 0) : null,
      };
    }),
    missingRegions: { month: missingMonth, ytd: missingYtd },
    narrative,
    notes,
  };
}
