// Data quality (DOMAIN.md §4, §5 section 14): completeness, timeliness and coverage by region,
// excluded records by reason, outliers by a robust rule, and the regions each figure leaves out.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsOf } from '../../domain/periods.ts';
import { OUTLIER_THRESHOLD, outliers, round, share } from '../../domain/report/maths.ts';
import { say } from '../../domain/report/narrative.ts';
import { loadRef, type Ref, type Rollup, rollup } from './common.ts';
import {
  activityAgg,
  type ExcludedRow,
  excludedAgg,
  organizationCoverage,
  orgCounts,
  type Status,
  type SubmissionRow,
  statusesFor,
  submissionsOfYear,
  volunteerStocks,
} from './reports.repository.ts';
import type { DataQuality, Note } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface QualityInput {
  year: number;
  ref: Ref;
  provisional: boolean;
  subs: SubmissionRow[];
  roll: Rollup;
  excluded: ExcludedRow[];
  missingByFigure: Record<string, string[]>;
  coverage?: { known: Map<string, number>; reporting: Map<string, number> };
  notes?: Note[];
}

export function computeQuality(q: QualityInput): DataQuality {
  const { ref, year } = q;
  const { map } = ref;
  const months = monthsOf(year);
  const units = ref.territory.units;
  const regions = map.units.map((code) => {
    const unit = units.find((u) => u.code === code);
    const expected = months.filter((m) => !unit?.validFrom || `${m}-31` >= unit.validFrom);
    const own = q.subs.filter((s) => s.region === code && /^\d{4}-\d{2}$/.test(s.period));
    const sent = own.filter(
      (s) => s.submitted_at !== null || s.status === 'submitted' || s.status === 'accepted',
    );
    const accepted = own.filter((s) => s.status === 'accepted');
    // Restated: figures changed by the platform after the month was handed in (DOMAIN.md §7).
    const restated = own.filter((s) => s.restated_at !== null && s.restated_at !== undefined);
    const onTime = sent.filter((s) => s.submitted_at !== null && s.submitted_at.slice(0, 10) <= s.deadline);
    const stock = q.subs.find((s) => s.region === code && s.period === String(year));
    let known: number | null = null;
    let reporting: number | null = null;
    if (q.coverage) {
      known = 0;
      reporting = 0;
      for (const src of map.sources.get(code) ?? []) {
        known += q.coverage.known.get(src) ?? 0;
        reporting += q.coverage.reporting.get(src) ?? 0;
      }
    }
    return {
      region: code,
      name: ref.unitName(code),
      expectedMonths: expected.length,
      submittedMonths: sent.length,
      acceptedMonths: accepted.length,
      completeness: share(sent.length, expected.length),
      onTimeMonths: onTime.length,
      timeliness: share(onTime.length, sent.length),
      stocksReported:
        stock !== undefined &&
        (stock.status === 'accepted' || (q.provisional && stock.status === 'submitted')),
      orgCountsReported: !(q.missingByFigure.npo ?? []).includes(code),
      coverage: share(reporting, known),
      organizationsKnown: known,
      organizationsReporting: reporting,
      restatedMonths: restated.length,
    };
  });
  const sum = (f: (r: (typeof regions)[number]) => number | null) =>
    regions.reduce((s, r) => s + (f(r) ?? 0), 0);
  const byReason = new Map<string, { records: number; volunteers: number; hours: number }>();
  const byRegionReason = new Map<
    string,
    { region: string; reason: string; records: number; volunteers: number; hours: number }
  >();
  for (const e of q.excluded) {
    const region = map.target.get(e.region) ?? e.region;
    const a = byReason.get(e.reason) ?? { records: 0, volunteers: 0, hours: 0 };
    a.records += e.records;
    a.volunteers += e.volunteers;
    a.hours += e.hours;
    byReason.set(e.reason, a);
    const k = `${region}|${e.reason}`;
    const b = byRegionReason.get(k) ?? { region, reason: e.reason, records: 0, volunteers: 0, hours: 0 };
    b.records += e.records;
    b.volunteers += e.volunteers;
    b.hours += e.hours;
    byRegionReason.set(k, b);
  }
  // Hours per volunteer of every region-month with volunteers: the robust rule flags |Mi| > 3.5.
  const cells = [...q.roll.byRegionMonth]
    .filter(([, f]) => f.volunteers > 0)
    .map(([k, f]) => {
      const [region, period] = k.split('|') as [string, string];
      return { region, period, hours: f.hours, volunteers: f.volunteers, hpv: f.hours / f.volunteers };
    });
  const flagged = outliers(cells, (c) => c.hpv).map(({ item, z }) => ({
    region: item.region,
    period: item.period,
    hours: item.hours,
    volunteers: item.volunteers,
    hoursPerVolunteer: round(item.hpv, 2),
    modifiedZ: z,
  }));
  const notes: Note[] = [...(q.notes ?? [])];
  if (!q.coverage)
    notes.push({
      code: 'coverage_not_in_report',
      figure: 'coverage',
      text: say(ref.lang, 'note.coverageNotInReport'),
    });
  const knownTotal = q.coverage ? sum((r) => r.organizationsKnown) : null;
  return {
    year,
    provisional: q.provisional,
    regions,
    national: {
      expectedMonths: sum((r) => r.expectedMonths),
      submittedMonths: sum((r) => r.submittedMonths),
      acceptedMonths: sum((r) => r.acceptedMonths),
      completeness: share(
        sum((r) => r.submittedMonths),
        sum((r) => r.expectedMonths),
      ),
      timeliness: share(
        sum((r) => r.onTimeMonths),
        sum((r) => r.submittedMonths),
      ),
      coverage: q.coverage
        ? share(
            sum((r) => r.organizationsReporting),
            knownTotal,
          )
        : null,
      restatedMonths: sum((r) => r.restatedMonths),
    },
    excluded: [...byReason]
      .map(([reason, v]) => ({ reason, name: ref.codeName('exclusion_reason', reason), ...v }))
      .sort((a, b) => b.records - a.records),
    excludedByRegion: [...byRegionReason.values()].sort(
      (a, b) => a.region.localeCompare(b.region) || b.records - a.records,
    ),
    outliers: flagged,
    outlierRule: say(ref.lang, 'quality.outlierRule', { threshold: OUTLIER_THRESHOLD }),
    missingByFigure: q.missingByFigure,
    notes,
  };
}

/** The stand-alone data-quality view: GET /api/reports/data-quality/:year. */
export async function buildDataQuality(
  db: Db,
  year: number,
  opts: { lang: Lang; provisional: boolean; map: 'year' | 'current' },
): Promise<DataQuality> {
  const statuses: Status[] = statusesFor(opts.provisional);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const [ref, subs, rows, excluded, stocks, orgs, coverage] = await Promise.all([
    loadRef(db, year, opts.map, opts.lang),
    submissionsOfYear(db, year),
    activityAgg(db, from, to, statuses),
    excludedAgg(db, from, to, statuses),
    volunteerStocks(db, [String(year)], statuses),
    orgCounts(db, [String(year)], statuses),
    organizationCoverage(db, year),
  ]);
  const roll = rollup(rows, ref.map.target);
  const withMonths = new Set(
    subs
      .filter((s) => /^\d{4}-\d{2}$/.test(s.period) && statuses.includes(s.status as Status))
      .map((s) => ref.map.target.get(s.region)),
  );
  const has = (codes: (string | undefined)[]) => new Set(codes.filter(Boolean) as string[]);
  const vol = has(
    stocks
      .filter((s) => s.dimension === 'total' && s.volunteers !== null)
      .map((s) => ref.map.target.get(s.region)),
  );
  const npo = has(orgs.filter((o) => o.npo !== null).map((o) => ref.map.target.get(o.region)));
  const ig = has(orgs.filter((o) => o.initiative_groups !== null).map((o) => ref.map.target.get(o.region)));
  const missing = (set: Set<string | undefined>) => ref.map.units.filter((u) => !set.has(u));
  return computeQuality({
    year,
    ref,
    provisional: opts.provisional,
    subs,
    roll,
    excluded,
    coverage,
    missingByFigure: {
      hours: missing(withMonths),
      volunteers: missing(vol),
      npo: missing(npo),
      initiativeGroups: missing(ig),
    },
  });
}
