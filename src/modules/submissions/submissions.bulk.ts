// Bulk transitions for the national office loading historical data (CLI `submissions submit|accept`):
// every region with data in the period (or one region), in one transaction. `accept` may take a
// draft or returned submission through submitted to accepted at once; each step is audited with
// the note 'bulk'. `submittedAt` (a day in Kazakhstan, not in the future) stamps the months this
// run submits with the day they were really handed in, so that historical data loaded today does
// not count as late in timeliness. `submit` runs the checks before submitting on every period it
// moves (submission-checks.ts): --confirm-warnings and --nothing-to-report answer them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isIsoDate, monthsOf, parsePeriod } from '../../domain/periods.ts';
import { badRequest } from '../../lib/errors.ts';
import { knownRegion } from '../reference/regions.ts';
import { enforceSubmitChecks, recordSubmitAnswers } from './submission-checks.ts';
import { ensureOpenSubmission } from './submission-lock.ts';
import { findSubmission, pairsWithData } from './submissions.repository.ts';
import { applyTransition } from './submissions.service.ts';

export interface BulkChange {
  region: string;
  period: string;
  from: string;
  to: string;
}

/** The periods a --period names: a month or half-year itself; a year its months, halves and itself. */
export function periodsNamed(text: string): string[] {
  const p = parsePeriod(text);
  if (!p || p.text !== text.trim()) {
    throw badRequest(`Not a period: "${text}" (YYYY-MM, YYYY-H1, YYYY-H2 or YYYY)`, [], 'bad_period');
  }
  if (p.kind !== 'year') return [p.text];
  return [...monthsOf(p.year), `${p.year}-H1`, `${p.year}-H2`, String(p.year)];
}

/** Today in Kazakhstan (UTC+5), YYYY-MM-DD. */
const todayInKazakhstan = (now = Date.now()) => new Date(now + 5 * 3_600_000).toISOString().slice(0, 10);

/**
 * The timestamp a --submitted-at day stamps: 00:00 UTC (05:00 in Kazakhstan) of that day, which
 * counts as on time for a deadline on that day or later. 400 unless a real date, not in the future.
 */
export function submittedAtOf(day: string, now = Date.now()): string {
  const d = day.trim();
  if (!isIsoDate(d)) throw badRequest(`--submitted-at must be a date YYYY-MM-DD, not "${day}"`);
  const today = todayInKazakhstan(now);
  if (d > today) throw badRequest(`--submitted-at ${d} is in the future (today is ${today})`);
  return `${d}T00:00:00.000Z`;
}

export async function bulkTransition(
  db: Kysely<DB>,
  action: 'submit' | 'accept',
  opts: {
    period: string;
    region?: string | undefined;
    submittedAt?: string | undefined;
    /** submit: the checks' warnings were looked at (--confirm-warnings). */
    confirmWarnings?: boolean | undefined;
    /** submit: the periods with nothing entered go as "nothing to report" (--nothing-to-report). */
    nothingToReport?: boolean | undefined;
  },
): Promise<{ changed: BulkChange[]; unchanged: BulkChange[] }> {
  const periods = periodsNamed(opts.period);
  const submittedAt = opts.submittedAt === undefined ? undefined : submittedAtOf(opts.submittedAt);
  const region = opts.region ? await knownRegion(db, opts.region) : undefined;
  const pairs = (await pairsWithData(db, periods, region)).sort(
    (a, b) => a.region.localeCompare(b.region) || a.period.localeCompare(b.period),
  );
  // One named region and one named period: act on it even before any data was entered.
  if (region && periods.length === 1 && pairs.length === 0) {
    pairs.push({ region, period: periods[0] as string });
  }
  const changed: BulkChange[] = [];
  const unchanged: BulkChange[] = [];
  await db.transaction().execute(async (trx) => {
    for (const { region, period } of pairs) {
      let sub =
        (await findSubmission(trx, region, period)) ??
        (await ensureOpenSubmission(trx, region, period, { allowClosed: true }));
      const from = sub.status;
      const target = action === 'submit' ? 'submitted' : 'accepted';
      if (sub.status === target || (action === 'submit' && sub.status === 'accepted')) {
        unchanged.push({ region, period, from, to: from });
        continue;
      }
      if (sub.status === 'draft' || sub.status === 'returned') {
        // A month is not handed in before it begins: the stamp would make no sense.
        const start = parsePeriod(period)?.start;
        if (submittedAt && start && submittedAt.slice(0, 10) < start)
          throw badRequest(
            `--submitted-at ${submittedAt.slice(0, 10)} is before ${region} ${period} begins (${start})`,
          );
        // `submit` runs the checks before submitting as the web does (the first refusal rolls
        // the whole run back); `accept` is the national office's own review of historical data.
        const checked =
          action === 'submit'
            ? await enforceSubmitChecks(
                trx,
                sub,
                { confirmWarnings: opts.confirmWarnings, nothingToReport: opts.nothingToReport },
                { bulk: true },
              )
            : null;
        sub = await applyTransition(trx, sub, 'submit', {
          userId: null,
          note: 'bulk',
          ...(submittedAt ? { submittedAt } : {}),
        });
        if (checked) await recordSubmitAnswers(trx, Number(sub.id), checked);
      }
      if (action === 'accept')
        sub = await applyTransition(trx, sub, 'accept', { userId: null, note: 'bulk' });
      changed.push({ region, period, from, to: sub.status });
    }
  });
  return { changed, unchanged };
}
