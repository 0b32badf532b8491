// Records whose hours per volunteer stand out in their region's month or year: flagged for the
// reviewer (review view) and for the region before it submits (checks), never rejected.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { monthsOf } from '../../domain/periods.ts';
import { modifiedZScores, OUTLIER_THRESHOLD, round } from '../../domain/report/maths.ts';
import { badRequest } from '../../lib/errors.ts';
import { screenedRecords } from './submissions.repository.ts';
import type { Outlier } from './submissions.schemas.ts';

/**
 * Activities whose hours per volunteer stand out (modified z-score |M| > 3.5, Iglewicz & Hoaglin)
 * among the region's records of the month, or among the region's records of the whole year.
 * Flagged for the reviewer, never rejected.
 */
export async function outliersOf(
  db: Kysely<DB> | Transaction<DB>,
  region: string,
  period: string,
  year: number,
): Promise<Outlier[]> {
  const rows = await screenedRecords(db, region, monthsOf(year));
  if (rows.length > 200_000) throw badRequest('Too many records in the year to screen for outliers');
  const rate = (r: (typeof rows)[number]) => r.hours / r.volunteers;
  const zYear = modifiedZScores(rows.map(rate));
  const monthIdx = rows.flatMap((r, i) => (r.period === period ? [i] : []));
  const zMonthList = modifiedZScores(monthIdx.map((i) => rate(rows[i] as (typeof rows)[number])));
  const out: Outlier[] = [];
  monthIdx.forEach((i, k) => {
    const r = rows[i] as (typeof rows)[number];
    const zm = zMonthList[k] ?? null;
    const zy = zYear[i] ?? null;
    if (
      (zm !== null && Math.abs(zm) > OUTLIER_THRESHOLD) ||
      (zy !== null && Math.abs(zy) > OUTLIER_THRESHOLD)
    ) {
      out.push({
        id: r.id,
        title: r.title,
        organization: r.organization,
        volunteers: r.volunteers,
        hours: r.hours,
        hoursPerVolunteer: round(rate(r), 2),
        zMonth: zm,
        zYear: zy,
      });
    }
  });
  return out.sort(
    (a, b) =>
      Math.max(Math.abs(b.zMonth ?? 0), Math.abs(b.zYear ?? 0)) -
      Math.max(Math.abs(a.zMonth ?? 0), Math.abs(a.zYear ?? 0)),
  );
}
