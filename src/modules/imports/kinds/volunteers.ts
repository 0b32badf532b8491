// Volunteer stocks (FORMATS.md "volunteers"): a region's month or half-year, by dimension and category.
import { checkVolunteerSums, validateVolunteerStat } from '../../../domain/volunteer-rules.ts';
import type { SmallKind } from './small-kind.ts';

export const volunteers: SmallKind = {
  validate: (raw, ref, row) => validateVolunteerStat(raw, ref, row) as never,
  table: 'volunteer_stat',
  key: ['region', 'period', 'dimension', 'category'],
  compare: ['volunteers', 'illustrative'],
  onWrite: (now) => ({ illustrative: 0, updated_at: now }),
  partitioned: true,
  // Each dimension sums to the total; a category given twice is reported there.
  checkFile: (rows, ref) => checkVolunteerSums(rows as never, ref),
  // As PUT /api/volunteers writes it: one entry per figure, keyed by region, period, dimension and
  // category (and the illustrative mark of a demo figure the file confirms, which the API clears
  // silently).
  audit: {
    entity: 'volunteer_stat',
    entityId: (v) => `${v.region}|${v.period}|${v.dimension}|${v.category}`,
    created: { figures: ['volunteers'] },
    regional: true,
  },
};
