// The reads the annual report is computed from: about fifteen small queries (reports.repository.ts),
// whatever the number of activity records, run at once.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Lang } from '../../../domain/lang.ts';
import { loadRef } from '../common.ts';
import {
  activityAgg,
  appealsOf,
  appealTimesOf,
  excludedAgg,
  hoursByRegion,
  orgCounts,
  populationOf,
  rfoSupportAgg,
  statusesFor,
  submissionsOfYear,
  unaccountedOf,
  volunteerStocks,
  wagesOf,
  workingTimeOf,
} from '../reports.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface AnnualOptions {
  lang: Lang;
  provisional: boolean;
  /** 'year' = the units valid on 1 January of the year (17 for 2022); 'current' = today's 20. */
  map: 'year' | 'current';
  /** Hours of one full-time-equivalent year; default working_time.fte_hours, else annual_hours. */
  fteHours?: number | null;
}

/** Everything the annual report of `year` reads, for the statuses its options include. */
export async function loadAnnual(db: Db, year: number, opts: AnnualOptions) {
  const statuses = statusesFor(opts.provisional);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const stockPeriods = [String(year), String(year - 1)];
  const [
    ref,
    subs,
    rows,
    support,
    excluded,
    stocks,
    orgs,
    population,
    wages,
    wt,
    unaccounted,
    appeals,
    appealTimes,
    prevHours,
  ] = await Promise.all([
    loadRef(db, year, opts.map, opts.lang),
    submissionsOfYear(db, year),
    activityAgg(db, from, to, statuses),
    rfoSupportAgg(db, from, to, statuses),
    excludedAgg(db, from, to, statuses),
    volunteerStocks(db, stockPeriods, statuses),
    orgCounts(db, stockPeriods, statuses),
    populationOf(db, year),
    wagesOf(db, year),
    workingTimeOf(db, year),
    unaccountedOf(db, year),
    appealsOf(db, year),
    appealTimesOf(db, year),
    hoursByRegion(db, `${year - 1}-01`, `${year - 1}-12`, statuses),
  ]);
  return {
    statuses,
    ref,
    subs,
    rows,
    support,
    excluded,
    stocks,
    orgs,
    population,
    wages,
    wt,
    unaccounted,
    appeals,
    appealTimes,
    prevHours,
  };
}

export type AnnualData = Awaited<ReturnType<typeof loadAnnual>>;
