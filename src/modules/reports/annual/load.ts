// The reads the annual report is computed from: about fifteen small queries (reports.repository.ts),
// whatever the number of activity records, run at once.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Lang } from '../../../domain/lang.ts';
import { awaitAll } from '../../../lib/promises.ts';
import { priorityProjectsData } from '../../grants/priority-section.ts';
import { loadImpact } from '../../impact/impact.service.ts';
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
  const data = await awaitAll({
    ref: loadRef(db, year, opts.map, opts.lang),
    subs: submissionsOfYear(db, year),
    rows: activityAgg(db, from, to, statuses),
    support: rfoSupportAgg(db, from, to, statuses),
    excluded: excludedAgg(db, from, to, statuses),
    stocks: volunteerStocks(db, stockPeriods, statuses),
    orgs: orgCounts(db, stockPeriods, statuses),
    population: populationOf(db, year),
    wages: wagesOf(db, year),
    wt: workingTimeOf(db, year),
    unaccounted: unaccountedOf(db, year),
    appeals: appealsOf(db, year),
    appealTimes: appealTimesOf(db, year),
    prevHours: hoursByRegion(db, `${year - 1}-01`, `${year - 1}-12`, statuses),
    // The platform's own records, not the submissions: provisional or not, they are what they are.
    impact: loadImpact(db, year),
    priority: priorityProjectsData(db, year, statuses),
  });
  return { statuses, ...data };
}

export type AnnualData = Awaited<ReturnType<typeof loadAnnual>>;
