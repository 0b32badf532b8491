// The reference statistics the national office loads (FORMATS.md): population, wages, working time
// and hours no activity record accounts for.
import {
  validatePopulation,
  validateUnaccounted,
  validateWage,
  validateWorkingTime,
} from '../../../domain/exchange-rules.ts';
import { KIND_COLUMNS } from '../headers.ts';
import type { SmallKind } from './small-kind.ts';

export const population: SmallKind = {
  validate: (raw, ref, row) => validatePopulation(raw, ref, row) as never,
  table: 'population',
  key: ['region', 'year'],
  compare: ['population'],
  onInsert: () => ({ source: 'import' }),
  // As PUT /api/reference/population writes it (reference.service.ts), and so for the others.
  audit: { entity: 'population', entityId: (v) => `${v.region}:${v.year}`, created: 'row' },
};

export const wages: SmallKind = {
  validate: (raw, ref, row) => validateWage(raw, ref, row) as never,
  table: 'wage',
  key: ['region', 'activity', 'year'],
  compare: ['monthly_wage_kzt', 'source'],
  audit: { entity: 'wage', entityId: (v) => `${v.region}:${v.activity}:${v.year}`, created: 'row' },
};

export const workingTime: SmallKind = {
  validate: (raw, ref, row) => validateWorkingTime(raw, ref, row) as never,
  table: 'working_time',
  key: ['year'],
  compare: ['monthly_hours', 'annual_hours', 'source'],
  audit: { entity: 'working_time', entityId: (v) => String(v.year), created: 'row' },
};

/** Keyed by their whole content: a row is the same row only when every cell is the same. */
const UNACCOUNTED = KIND_COLUMNS.unaccounted.map((c) => c.code);

export const unaccounted: SmallKind = {
  validate: (raw, ref, row) => validateUnaccounted(raw, ref, row) as never,
  table: 'unaccounted_hours',
  key: ['row_key'],
  compare: UNACCOUNTED,
  rowKey: (v) => UNACCOUNTED.map((c) => String(v[c])),
  // No API writes these: a new row is audited whole, as the reference statistics (being keyed by
  // their content, rows are only ever added).
  audit: { entity: 'unaccounted_hours', entityId: (v) => String(v.row_key), created: 'row' },
};
