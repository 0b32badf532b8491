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
};
