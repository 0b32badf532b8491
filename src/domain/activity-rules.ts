// The validation rules of an activity record (FORMATS.md "activities", DOMAIN.md §4), in one place:
// the import, the API's entry form and the browser's inline validation all call validateActivity.
import { isValidBin } from './ids.ts';
import { parseNumber } from './numbers.ts';
import { daysBetweenInclusive, isIsoDate, parsePeriod } from './periods.ts';
import { hasCode, type ReferenceSnapshot, resolveRegion, unitExistsIn } from './reference.ts';

export const COHORT_COLUMNS = [
  'child',
  'inclusive',
  'corporate',
  'international',
  'silver',
  'probono',
  'general',
] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];

export const ACTIVITY_COLUMNS = [
  'region',
  'period',
  'organization',
  'organization_type',
  'organization_bin',
  'title',
  'area',
  'format',
  'kind',
  'start_date',
  'end_date',
  'volunteers',
  'hours',
  ...COHORT_COLUMNS,
  'rfo_support',
  'beneficiaries',
  'excluded',
  'external_id',
  'notes',
] as const;
export type ActivityColumn = (typeof ACTIVITY_COLUMNS)[number];
export const REQUIRED_ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  'region',
  'period',
  'organization',
  'organization_type',
  'title',
  'area',
  'format',
  'kind',
  'start_date',
  'end_date',
  'volunteers',
  'hours',
];

/** One problem of one cell: enough for a person to find and fix it. */
export interface Problem {
  row?: number;
  column?: string;
  value?: unknown;
  rule: string;
  message: string;
}

export interface ActivityInput {
  region: string;
  period: string;
  organization: string;
  organization_type: string;
  organization_bin: string | null;
  title: string;
  area: string;
  format: string;
  kind: string;
  start_date: string;
  end_date: string;
  volunteers: number;
  hours: number;
  child: number | null;
  inclusive: number | null;
  corporate: number | null;
  international: number | null;
  silver: number | null;
  probono: number | null;
  general: number | null;
  rfo_support: string | null;
  beneficiaries: number | null;
  excluded: string | null;
  external_id: string | null;
  notes: string | null;
}

export type RawActivity = Partial<Record<ActivityColumn, unknown>>;

const MAX_TEXT = 500;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

export function validateActivity(
  raw: RawActivity,
  ref: ReferenceSnapshot,
  row?: number,
): { value: ActivityInput | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (column: string, value: unknown, rule: string, message: string) =>
    problems.push({ ...(row === undefined ? {} : { row }), column, value, rule, message });

  const str = (col: ActivityColumn, required: boolean, max = MAX_TEXT): string | null => {
    const v = text(raw[col]);
    if (!v) {
      if (required) add(col, raw[col] ?? null, 'required', `${col} is required`);
      return null;
    }
    if (v.length > max) add(col, `${v.slice(0, 40)}…`, 'too_long', `${col} is longer than ${max} characters`);
    return v;
  };
  const code = (col: ActivityColumn, list: string, required: boolean): string | null => {
    const v = str(col, required, 64);
    if (v === null) return null;
    const c = v.toLowerCase();
    if (!hasCode(ref, list, c)) {
      add(col, v, 'unknown_code', `"${v}" is not a code of the list ${list}`);
      return null;
    }
    return c;
  };
  const int = (col: ActivityColumn, required: boolean, min: number): number | null => {
    const r = raw[col];
    const p = parseNumber(r);
    if (!p.ok) {
      add(col, r, 'number', `${col} must be a number`);
      return null;
    }
    if (p.value === null) {
      if (required) add(col, r ?? null, 'required', `${col} is required`);
      return null;
    }
    if (!Number.isInteger(p.value)) {
      add(col, r, 'integer', `${col} must be a whole number`);
      return null;
    }
    if (p.value < min) {
      add(col, r, 'min', `${col} must be at least ${min}`);
      return null;
    }
    return p.value;
  };

  // Region and period first: the dates are checked against them.
  const regionText = str('region', true, 200);
  let region: string | null = null;
  if (regionText !== null) {
    region = resolveRegion(ref, regionText);
    if (!region)
      add('region', regionText, 'unknown_region', `"${regionText}" is not a known region code or name`);
  }
  const periodText = str('period', true, 10);
  const period = periodText === null ? null : parsePeriod(periodText);
  if (periodText !== null && period?.kind !== 'month') {
    add('period', periodText, 'period_format', 'period must be a month, YYYY-MM');
  }
  const month = period?.kind === 'month' ? period : null;
  if (region && month && !unitExistsIn(ref, region, month.start, month.end)) {
    add('region', regionText, 'region_not_valid_in_period', `${region} did not exist in ${month.text}`);
  }

  const organization = str('organization', true, 300);
  const organizationType = code('organization_type', 'organization_type', true);
  const binText = str('organization_bin', false, 20);
  let bin: string | null = null;
  if (binText !== null) {
    const digits = binText.replace(/\s/g, '');
    if (!/^\d{12}$/.test(digits)) add('organization_bin', binText, 'bin_format', 'BIN must be 12 digits');
    else if (!isValidBin(digits))
      add('organization_bin', binText, 'bin_check_digit', 'BIN check digit is wrong');
    else bin = digits;
  }
  const title = str('title', true);
  const area = code('area', 'area', true);
  const format = code('format', 'format', true);
  const kind = code('kind', 'kind', true);

  const dates: Record<'start_date' | 'end_date', string | null> = { start_date: null, end_date: null };
  for (const col of ['start_date', 'end_date'] as const) {
    const v = str(col, true, 30);
    if (v === null) continue;
    const iso = normalizeDate(v);
    if (!iso) add(col, v, 'date_format', `${col} must be a date, YYYY-MM-DD`);
    else if (month && (iso < month.start || iso > month.end)) {
      add(col, v, 'date_outside_period', `${col} ${iso} is outside the month ${month.text}`);
    } else dates[col] = iso;
  }
  if (dates.start_date && dates.end_date && dates.start_date > dates.end_date) {
    add('end_date', dates.end_date, 'start_after_end', 'end_date is before start_date');
  }

  const volunteers = int('volunteers', true, 1);
  const hoursRaw = raw.hours;
  const hoursParsed = parseNumber(hoursRaw);
  let hours: number | null = null;
  if (!hoursParsed.ok) add('hours', hoursRaw, 'number', 'hours must be a number');
  else if (hoursParsed.value === null) add('hours', hoursRaw ?? null, 'required', 'hours is required');
  else if (hoursParsed.value < 0) add('hours', hoursRaw, 'min', 'hours must not be negative');
  else hours = hoursParsed.value;
  if (
    hours !== null &&
    volunteers !== null &&
    dates.start_date &&
    dates.end_date &&
    dates.start_date <= dates.end_date
  ) {
    const max = volunteers * daysBetweenInclusive(dates.start_date, dates.end_date) * 24;
    if (hours > max)
      add('hours', hoursRaw, 'hours_too_many', `hours ${hours} exceed volunteers × days × 24 = ${max}`);
  }

  const cohorts = {} as Record<CohortColumn, number | null>;
  for (const c of COHORT_COLUMNS) cohorts[c] = int(c, false, 0);
  if (volunteers !== null) {
    const given = COHORT_COLUMNS.filter((c) => cohorts[c] !== null);
    const sum = given.reduce((s, c) => s + (cohorts[c] as number), 0);
    if (given.length === COHORT_COLUMNS.length && sum !== volunteers) {
      add(
        'general',
        raw.general,
        'cohorts_sum',
        `cohort counts sum to ${sum}, not to the ${volunteers} volunteers`,
      );
    } else if (given.length > 0 && cohorts.general === null && sum > volunteers) {
      add(
        'general',
        null,
        'cohorts_sum',
        `cohort counts sum to ${sum}, more than the ${volunteers} volunteers`,
      );
    } else if (cohorts.general !== null && given.length < COHORT_COLUMNS.length && sum > volunteers) {
      add(
        'general',
        raw.general,
        'cohorts_sum',
        `cohort counts sum to ${sum}, more than the ${volunteers} volunteers`,
      );
    }
  }

  const supportText = str('rfo_support', false);
  let support: string | null = null;
  if (supportText !== null) {
    const codes = supportText
      .split('|')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const unknown = codes.filter((c) => !hasCode(ref, 'rfo_support', c));
    if (unknown.length)
      add('rfo_support', supportText, 'unknown_code', `not support types: ${unknown.join(', ')}`);
    else support = [...new Set(codes)].join('|') || null;
  }
  const beneficiaries = int('beneficiaries', false, 0);
  const excluded = code('excluded', 'exclusion_reason', false);
  const externalId = str('external_id', false, 100);
  const notes = str('notes', false, 2000);

  if (problems.length) return { value: null, problems };
  return {
    value: {
      region: region as string,
      period: (month as NonNullable<typeof month>).text,
      organization: organization as string,
      organization_type: organizationType as string,
      organization_bin: bin,
      title: title as string,
      area: area as string,
      format: format as string,
      kind: kind as string,
      start_date: dates.start_date as string,
      end_date: dates.end_date as string,
      volunteers: volunteers as number,
      hours: hours as number,
      ...cohorts,
      rfo_support: support,
      beneficiaries,
      excluded,
      external_id: externalId,
      notes,
    },
    problems,
  };
}

/** ISO dates, and the dd.mm.yyyy that Russian-locale Excel writes. */
export function normalizeDate(v: string): string | null {
  const s = v.trim().slice(0, 10);
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v.trim());
  if (m) {
    const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}
