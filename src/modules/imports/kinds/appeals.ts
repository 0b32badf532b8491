// Appeals to the information centre (FORMATS.md "appeals"): keyed by their external id, or by their
// content when they have none.
import { validateAppeal } from '../../../domain/exchange-rules.ts';
import { KIND_COLUMNS } from '../headers.ts';
import type { SmallKind } from './small-kind.ts';

const COLUMNS = KIND_COLUMNS.appeals.map((c) => c.code);
const CONTENT = COLUMNS.filter((c) => c !== 'external_id');

export const appeals: SmallKind = {
  validate: (raw, ref, row) => validateAppeal(raw, ref, row) as never,
  table: 'appeal',
  key: ['row_key'],
  compare: COLUMNS,
  onInsert: () => ({ illustrative: 0 }),
  rowKey: (v) => CONTENT.map((c) => String(v[c])),
  // No API writes appeals: audited like the reference statistics (a new row whole, then changed
  // fields), by the key the import finds them by (the external id when they have one). National
  // data: no region, so that regional staff do not read appeals' details through the trail.
  audit: { entity: 'appeal', entityId: (v) => String(v.row_key), created: 'row' },
};
