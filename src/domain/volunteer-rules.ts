// Volunteer stocks of a region and period (FORMATS.md "volunteers"): each dimension's categories,
// where all are reported, sum to the total.

import { type Problem, problem } from './activity-rules.ts';
import { parseNumber } from './numbers.ts';
import { parsePeriod } from './periods.ts';
import {
  allowedOf,
  matchCode,
  type ReferenceSnapshot,
  resolveRegion,
  unknownCodeMessage,
} from './reference.ts';

export interface VolunteerStatInput {
  region: string;
  period: string;
  dimension: string;
  category: string; // '' for total
  volunteers: number | null;
}

export type RawVolunteerStat = Partial<
  Record<'region' | 'period' | 'dimension' | 'category' | 'volunteers', unknown>
>;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

export function validateVolunteerStat(raw: RawVolunteerStat, ref: ReferenceSnapshot, row?: number) {
  const problems: Problem[] = [];
  const add = (column: string, value: unknown, rule: string, message: string, params?: Problem['params']) =>
    problems.push(problem(row, column, value, rule, message, params));
  const regionText = text(raw.region);
  const region = regionText ? resolveRegion(ref, regionText) : null;
  if (!regionText) add('region', null, 'required', 'region is required');
  else if (!region)
    add('region', regionText, 'unknown_region', `"${regionText}" is not a known region code or name`);
  const periodText = text(raw.period);
  if (!periodText) add('period', null, 'required', 'period is required');
  else if (!parsePeriod(periodText))
    add('period', periodText, 'period_format', 'period must be YYYY, YYYY-H1, YYYY-H2 or YYYY-MM');
  // Dimension and category by code or by a kk / ru / en label (code-match.ts).
  const dimensionText = text(raw.dimension);
  const dimension = dimensionText ? (matchCode(ref, 'dimension', dimensionText) ?? '') : '';
  if (!dimensionText) add('dimension', null, 'required', 'dimension is required');
  else if (!dimension)
    add('dimension', raw.dimension, 'unknown_code', unknownCodeMessage(ref, 'dimension', dimensionText), {
      allowed: allowedOf(ref, 'dimension'),
    });
  const categoryText = text(raw.category);
  let category = '';
  if (dimension && dimension !== 'total') {
    category = categoryText ? (matchCode(ref, dimension, categoryText) ?? '') : '';
    if (!categoryText) add('category', null, 'required', `category is required for dimension ${dimension}`);
    else if (!category)
      add('category', raw.category, 'unknown_code', unknownCodeMessage(ref, dimension, categoryText), {
        allowed: allowedOf(ref, dimension),
      });
  } else if (dimension === 'total' && categoryText) {
    add('category', raw.category, 'not_allowed', 'the total has no category');
  }
  const n = parseNumber(raw.volunteers);
  let volunteers: number | null = null;
  if (!n.ok) add('volunteers', raw.volunteers, 'number', 'volunteers must be a number');
  else if (n.value !== null && (!Number.isInteger(n.value) || n.value < 0)) {
    add('volunteers', raw.volunteers, 'min', 'volunteers must be a whole number ≥ 0');
  } else volunteers = n.value;
  if (problems.length) return { value: null, problems };
  return {
    value: {
      region: region as string,
      period: periodText,
      dimension,
      category: dimension === 'total' ? '' : category,
      volunteers,
    },
    problems,
  };
}

/** Cross-row rule: each fully reported dimension sums to the total of its region and period. */
export function checkVolunteerSums(
  rows: { row?: number; value: VolunteerStatInput }[],
  ref: ReferenceSnapshot,
): Problem[] {
  const problems: Problem[] = [];
  const groups = new Map<string, { row?: number; value: VolunteerStatInput }[]>();
  for (const r of rows) {
    const k = `${r.value.region}|${r.value.period}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const [key, group] of groups) {
    const total = group.find((r) => r.value.dimension === 'total');
    const seen = new Set<string>();
    for (const r of group) {
      const k = `${r.value.dimension}|${r.value.category}`;
      if (seen.has(k)) {
        problems.push({
          row: r.row,
          column: 'category',
          value: r.value.category || r.value.dimension,
          rule: 'duplicate',
          message: `${key}: ${k} given twice`,
        });
      }
      seen.add(k);
    }
    if (!total || total.value.volunteers === null) continue;
    for (const dim of new Set(group.map((r) => r.value.dimension).filter((d) => d !== 'total'))) {
      const cats = group.filter((r) => r.value.dimension === dim);
      const expected = ref.codes[dim] ?? [];
      const complete = expected.every((c) =>
        cats.some((r) => r.value.category === c && r.value.volunteers !== null),
      );
      if (!complete) continue;
      const sum = cats.reduce((s, r) => s + (r.value.volunteers ?? 0), 0);
      if (sum !== total.value.volunteers) {
        const last = cats[cats.length - 1];
        problems.push({
          row: last?.row,
          column: 'volunteers',
          value: sum,
          rule: 'breakdown_sum',
          message: `${key}: ${dim} categories sum to ${sum}, the total is ${total.value.volunteers}`,
          params: { dimension: dim, sum, total: total.value.volunteers },
        });
      }
    }
  }
  return problems;
}
