// Small cell checkers shared by the rules of the smaller exchange formats (org counts, appeals,
// reference statistics): each one records a Problem and returns null when the cell is wrong.
import type { Problem } from './activity-rules.ts';
import { parseNumber } from './numbers.ts';
import { matchCode, type ReferenceSnapshot, resolveRegion, unknownCodeMessage } from './reference.ts';

export type Raw = Record<string, unknown>;

export function cellChecker(raw: Raw, ref: ReferenceSnapshot, row?: number) {
  const problems: Problem[] = [];
  const add = (column: string, value: unknown, rule: string, message: string) =>
    problems.push({ ...(row === undefined ? {} : { row }), column, value, rule, message });
  const text = (col: string, required: boolean, max = 500): string | null => {
    const v = raw[col] === null || raw[col] === undefined ? '' : String(raw[col]).trim();
    if (!v) {
      if (required) add(col, raw[col] ?? null, 'required', `${col} is required`);
      return null;
    }
    if (v.length > max) {
      add(col, `${v.slice(0, 40)}…`, 'too_long', `${col} is longer than ${max} characters`);
      return null;
    }
    return v;
  };
  const num = (
    col: string,
    required: boolean,
    opts: { min?: number; integer?: boolean; max?: number } = {},
  ) => {
    const p = parseNumber(raw[col]);
    if (!p.ok) {
      add(col, raw[col], 'number', `${col} must be a number`);
      return null;
    }
    if (p.value === null) {
      if (required) add(col, raw[col] ?? null, 'required', `${col} is required`);
      return null;
    }
    if (opts.integer && !Number.isInteger(p.value)) {
      add(col, raw[col], 'integer', `${col} must be a whole number`);
      return null;
    }
    if (opts.min !== undefined && p.value < opts.min) {
      add(col, raw[col], 'min', `${col} must be at least ${opts.min}`);
      return null;
    }
    if (opts.max !== undefined && p.value > opts.max) {
      add(col, raw[col], 'max', `${col} must be at most ${opts.max}`);
      return null;
    }
    return p.value;
  };
  const code = (col: string, list: string, required: boolean): string | null => {
    const v = text(col, required, 200);
    if (v === null) return null;
    // The code, or its label in kk / ru / en or a usual variant (code-match.ts).
    const c = matchCode(ref, list, v);
    if (c === null) add(col, v, 'unknown_code', unknownCodeMessage(ref, list, v));
    return c;
  };
  const region = (col: string, required: boolean): string | null => {
    const v = text(col, required, 200);
    if (v === null) return null;
    const r = resolveRegion(ref, v);
    if (!r) add(col, v, 'unknown_region', `"${v}" is not a known region code or name`);
    return r;
  };
  const year = (col: string, required = true) => num(col, required, { integer: true, min: 2000, max: 2100 });
  const dateTime = (col: string, required: boolean): string | null => {
    const v = text(col, required, 40);
    if (v === null) return null;
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
    const d = m ? new Date(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`) : null;
    if (!m || !d || Number.isNaN(d.getTime()) || (!m[3] && d.toISOString().slice(0, 10) !== m[1])) {
      add(col, v, 'datetime_format', `${col} must be an ISO date-time, YYYY-MM-DDTHH:MM`);
      return null;
    }
    return d.toISOString().replace('.000Z', 'Z');
  };
  return { problems, add, text, num, code, region, year, dateTime };
}
