// Organisation stocks (FORMATS.md "organizations"): NPOs and initiative groups of a region's period.
import { validateOrgCount } from '../../../domain/exchange-rules.ts';
import type { SmallKind } from './small-kind.ts';

export const organizations: SmallKind = {
  validate: (raw, ref, row) => validateOrgCount(raw, ref, row) as never,
  table: 'org_count',
  key: ['region', 'period'],
  compare: ['npo', 'initiative_groups', 'illustrative'],
  onWrite: (now) => ({ illustrative: 0, updated_at: now }),
  partitioned: true,
  // As PUT /api/org-counts writes it: a new row's figures that are given, then each changed figure
  // (and the illustrative mark of a demo row the file confirms, which the API clears silently).
  audit: {
    entity: 'org_count',
    entityId: (v) => `${v.region}|${v.period}`,
    created: { figures: ['npo', 'initiative_groups'], given: true },
    regional: true,
  },
};
