// The validation rules of an activity record (FORMATS.md "activities", DOMAIN.md §4), in one place:
// the import, the API's entry form and the browser's inline validation all call validateActivity.
import { isValidBin } from './ids.ts';
import { parseNumber } from './numbers.ts';
import { isIsoDate, type Period, parsePeriod } from './periods.ts';
import {
  allowedOf,
  matchCode,
  type ReferenceSnapshot,
  resolveRegion,
  unitExistsIn,
  unknownCodeMessage,
} from './reference.ts';

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

/** The record's organisation, as a file or the form names it: stored as the activity's organization_id. */
export const ORGANIZATION_FIELDS = ['organization', 'organization_type', 'organization_bin'] as const;
/** The fields stored under their own name in the activity table (region and period key the row). */
export type ActivityStoredField = Exclude<
  ActivityColumn,
  'region' | 'period' | (typeof ORGANIZATION_FIELDS)[number]
>;
/**
 * The field → column mapping of the activity table: these fields, in ACTIVITY_COLUMNS order, are
 * stored in the column of the same name; region and period as well, the organisation's three
 * fields as organization_id.
 */
export const ACTIVITY_STORED_FIELDS: readonly ActivityStoredField[] = ACTIVITY_COLUMNS.filter(
  (c): c is ActivityStoredField =>
    c !== 'region' && c !== 'period' && !(ORGANIZATION_FIELDS as readonly string[]).includes(c),
);
/** Every column up to the hours must be filled in, but the BIN; the cohorts and all after them may stay empty. */
export const REQUIRED_ACTIVITY_COLUMNS: readonly ActivityColumn[] = ACTIVITY_COLUMNS.slice(
  0,
  ACTIVITY_COLUMNS.indexOf('hours') + 1,
).filter((c) => c !== 'organization_bin');

/** External ids of the volunteer platform's records (`platform:<opportunity>:<YYYY-MM>`): no file or form may use them. */
export const RESERVED_EXTERNAL_ID = /^platform:/i;

/** One problem of one cell: enough for a person to find and fix it. */
export interface Problem {
  row?: number;
  column?: string;
  value?: unknown;
  rule: string;
  /** The sentence in English (the CLI prints it); the web translates `rule` with `params` instead. */
  message: string;
  /** What the translated sentence names: the breakdown, the sums, the limit, the allowed values. */
  params?: Record<string, string | number>;
}

/** A problem of a cell: the row only when there is one, the params only when the rule has some. */
export function problem(
  row: number | undefined,
  column: string,
  value: unknown,
  rule: string,
  message: string,
  params?: Problem['params'],
): Problem {
  return {
    ...(row === undefined ? {} : { row }),
    column,
    value,
    rule,
    message,
    ...(params ? { params } : {}),
  };
}

/** The volunteers of each cohort (null: not reported, which is not zero). */
export type CohortCounts = Record<CohortColumn, number | null>;

export interface ActivityInput extends CohortCounts {
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
  rfo_support: string | null;
  beneficiaries: number | null;
  excluded: string | null;
  external_id: string | null;
  notes: string | null;
}

export type RawActivity = Partial<Record<ActivityColumn, unknown>>;

const MAX_TEXT = 500;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

type Result = { value: ActivityInput | null; problems: Problem[] };

/** Checks one record; `row` (the file's row number) goes into each problem. */
export function validateActivity(raw: RawActivity, ref: ReferenceSnapshot, row?: number): Result {
  return new ActivityValidator(ref).validate(raw, row);
}

/**
 * A copy of a string that keeps no larger string alive: a cell may be a slice of the text of a
 * whole chunk of a file, and a cache key must not pin that chunk.
 */
const own = (s: string): string => (s.length < 13 ? s : ` ${s}`.slice(1));

/** Caches of what depends on one value only, bounded: a file of all-different values stays small. */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly compute: (s: string) => V) {}
  get(s: string): V {
    let v = this.map.get(s);
    if (v === undefined && !this.map.has(s)) {
      if (this.map.size >= 10_000) this.map.clear();
      v = this.compute(s);
      this.map.set(own(s), v);
    }
    return v as V;
  }
}

interface DateCell {
  iso: string | null;
  /** Days since 1970-01-01 of `iso`. */
  day: number;
}

/**
 * validateActivity for many records against one reference snapshot: what follows from a single
 * cell's text (a region's code, a period's days, a date, a code's membership in its list) is worked
 * out once per distinct text and remembered, so an import of a million rows naming a few hundred
 * distinct dates and regions does that work a few hundred times. The rules, their order and their
 * messages are those of validateActivity, which is this class used once.
 */
export class ActivityValidator {
  private readonly regions: Memo<string | null>;
  private readonly periods = new Memo<Period | null>(parsePeriod);
  private readonly dates = new Memo<DateCell>((v) => {
    const iso = normalizeDate(v);
    return { iso, day: iso === null ? 0 : Date.parse(`${iso}T00:00:00Z`) / 86_400_000 };
  });
  private readonly codes = new Map<string, Memo<string | null>>();
  /** Whether a unit exists in a month: by the month's Period (from `periods`), then the unit. */
  private readonly unitIn = new Map<Period, Map<string, boolean>>();
  // The record being checked.
  private raw: RawActivity = {};
  private row: number | undefined;
  private problems: Problem[] = [];

  constructor(private readonly ref: ReferenceSnapshot) {
    this.regions = new Memo((s) => resolveRegion(ref, s));
  }

  private add(column: string, value: unknown, rule: string, message: string, params?: Problem['params']) {
    this.problems.push(problem(this.row, column, value, rule, message, params));
  }

  private str(col: ActivityColumn, required: boolean, max = MAX_TEXT): string | null {
    const r = this.raw[col];
    const v = typeof r === 'string' ? r.trim() : text(r);
    if (!v) {
      if (required) this.add(col, r ?? null, 'required', `${col} is required`);
      return null;
    }
    if (v.length > max)
      this.add(col, `${v.slice(0, 40)}…`, 'too_long', `${col} is longer than ${max} characters`, { max });
    return v;
  }

  /** The code a text stands for in a list (by its code, a label or a usual variant), null when none. */
  private codeOf(list: string, v: string): string | null {
    let memo = this.codes.get(list);
    if (!memo) {
      memo = new Memo((t) => matchCode(this.ref, list, t));
      this.codes.set(list, memo);
    }
    return memo.get(v);
  }

  private code(col: ActivityColumn, list: string, required: boolean): string | null {
    const v = this.str(col, required, 200);
    if (v === null) return null;
    const c = this.codeOf(list, v);
    if (c === null)
      this.add(col, v, 'unknown_code', unknownCodeMessage(this.ref, list, v), {
        allowed: allowedOf(this.ref, list),
      });
    return c;
  }

  private int(col: ActivityColumn, required: boolean, min: number): number | null {
    const r = this.raw[col];
    const n = cellNumber(r);
    if (n === undefined) {
      this.add(col, r, 'number', `${col} must be a number`);
      return null;
    }
    if (n === null) {
      if (required) this.add(col, r ?? null, 'required', `${col} is required`);
      return null;
    }
    if (!Number.isInteger(n)) {
      this.add(col, r, 'integer', `${col} must be a whole number`);
      return null;
    }
    if (n < min) {
      this.add(col, r, 'min', `${col} must be at least ${min}`, { min });
      return null;
    }
    return n;
  }

  private unitExists(region: string, month: Period): boolean {
    let units = this.unitIn.get(month);
    if (!units) {
      if (this.unitIn.size >= 10_000) this.unitIn.clear();
      units = new Map();
      this.unitIn.set(month, units);
    }
    let ok = units.get(region);
    if (ok === undefined) {
      ok = unitExistsIn(this.ref, region, month.start, month.end);
      units.set(region, ok);
    }
    return ok;
  }

  validate(raw: RawActivity, row?: number): Result {
    this.raw = raw;
    this.row = row;
    const problems: Problem[] = [];
    this.problems = problems;

    // Region and period first: the dates are checked against them.
    const regionText = this.str('region', true, 200);
    let region: string | null = null;
    if (regionText !== null) {
      region = this.regions.get(regionText);
      if (!region)
        this.add(
          'region',
          regionText,
          'unknown_region',
          `"${regionText}" is not a known region code or name`,
        );
    }
    const periodText = this.str('period', true, 10);
    const period = periodText === null ? null : this.periods.get(periodText);
    if (periodText !== null && period?.kind !== 'month') {
      this.add('period', periodText, 'period_format', 'period must be a month, YYYY-MM');
    }
    const month = period?.kind === 'month' ? period : null;
    if (region && month && !this.unitExists(region, month)) {
      this.add(
        'region',
        regionText,
        'region_not_valid_in_period',
        `${region} did not exist in ${month.text}`,
      );
    }

    const organization = this.str('organization', true, 300);
    const organizationType = this.code('organization_type', 'organization_type', true);
    const binText = this.str('organization_bin', false, 20);
    let bin: string | null = null;
    if (binText !== null) {
      const digits = binText.replace(/\s/g, '');
      if (!/^\d{12}$/.test(digits))
        this.add('organization_bin', binText, 'bin_format', 'BIN must be 12 digits');
      else if (!isValidBin(digits))
        this.add('organization_bin', binText, 'bin_check_digit', 'BIN check digit is wrong');
      else bin = digits;
    }
    const title = this.str('title', true);
    const area = this.code('area', 'area', true);
    const format = this.code('format', 'format', true);
    const kind = this.code('kind', 'kind', true);

    let startDate: DateCell | null = null;
    let endDate: DateCell | null = null;
    for (const col of ['start_date', 'end_date'] as const) {
      const v = this.str(col, true, 30);
      if (v === null) continue;
      const d = this.dates.get(v);
      const iso = d.iso;
      if (!iso) this.add(col, v, 'date_format', `${col} must be a date, YYYY-MM-DD`);
      else if (month && (iso < month.start || iso > month.end)) {
        this.add(col, v, 'date_outside_period', `${col} ${iso} is outside the month ${month.text}`);
      } else if (col === 'start_date') startDate = d;
      else endDate = d;
    }
    const start = startDate?.iso ?? null;
    const end = endDate?.iso ?? null;
    if (start && end && start > end) {
      this.add('end_date', end, 'start_after_end', 'end_date is before start_date');
    }

    const volunteers = this.int('volunteers', true, 1);
    const hoursRaw = raw.hours;
    const hoursParsed = cellNumber(hoursRaw);
    let hours: number | null = null;
    if (hoursParsed === undefined) this.add('hours', hoursRaw, 'number', 'hours must be a number');
    else if (hoursParsed === null) this.add('hours', hoursRaw ?? null, 'required', 'hours is required');
    else if (hoursParsed < 0) this.add('hours', hoursRaw, 'min', 'hours must not be negative');
    else hours = hoursParsed;
    if (
      hours !== null &&
      volunteers !== null &&
      startDate &&
      endDate &&
      (start as string) <= (end as string)
    ) {
      // volunteers × days × 24, the days counted inclusively (as daysBetweenInclusive does).
      const max = volunteers * (Math.round(endDate.day - startDate.day) + 1) * 24;
      if (hours > max)
        this.add(
          'hours',
          hoursRaw,
          'hours_too_many',
          `hours ${hours} exceed volunteers × days × 24 = ${max}`,
          { max },
        );
    }

    const child = this.int('child', false, 0);
    const inclusive = this.int('inclusive', false, 0);
    const corporate = this.int('corporate', false, 0);
    const international = this.int('international', false, 0);
    const silver = this.int('silver', false, 0);
    const probono = this.int('probono', false, 0);
    const general = this.int('general', false, 0);
    if (volunteers !== null) {
      let given = 0;
      let sum = 0;
      for (const c of [child, inclusive, corporate, international, silver, probono, general]) {
        if (c !== null) {
          given++;
          sum += c;
        }
      }
      if (given === COHORT_COLUMNS.length && sum !== volunteers) {
        this.add(
          'general',
          raw.general,
          'cohorts_sum',
          `cohort counts sum to ${sum}, not to the ${volunteers} volunteers`,
          { sum, volunteers },
        );
      } else if (given > 0 && general === null && sum > volunteers) {
        this.add(
          'general',
          null,
          'cohorts_sum',
          `cohort counts sum to ${sum}, more than the ${volunteers} volunteers`,
          { sum, volunteers },
        );
      } else if (general !== null && given < COHORT_COLUMNS.length && sum > volunteers) {
        this.add(
          'general',
          raw.general,
          'cohorts_sum',
          `cohort counts sum to ${sum}, more than the ${volunteers} volunteers`,
          { sum, volunteers },
        );
      }
    }

    const supportText = this.str('rfo_support', false);
    let support: string | null = null;
    if (supportText !== null) {
      const given = supportText
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
      const codes = given.map((g) => this.codeOf('rfo_support', g));
      const unknown = given.filter((_, i) => codes[i] === null);
      if (unknown.length)
        this.add(
          'rfo_support',
          supportText,
          'unknown_code',
          `not support types: ${unknown.join(', ')}; allowed: ${allowedOf(this.ref, 'rfo_support')}`,
          { allowed: allowedOf(this.ref, 'rfo_support') },
        );
      else support = [...new Set(codes)].join('|') || null;
    }
    const beneficiaries = this.int('beneficiaries', false, 0);
    const excluded = this.code('excluded', 'exclusion_reason', false);
    const externalId = this.str('external_id', false, 100);
    // The platform's records (one per opportunity and month) are written by the platform alone.
    if (externalId !== null && RESERVED_EXTERNAL_ID.test(externalId))
      this.add(
        'external_id',
        externalId,
        'reserved_external_id',
        'external_id starting with "platform:" is reserved for the records of the volunteer platform, which are corrected on the platform',
      );
    const notes = this.str('notes', false, 2000);

    this.raw = {};
    if (problems.length) return { value: null, problems };
    return {
      value: {
        region: region as string,
        period: (month as Period).text,
        organization: organization as string,
        organization_type: organizationType as string,
        organization_bin: bin,
        title: title as string,
        area: area as string,
        format: format as string,
        kind: kind as string,
        start_date: start as string,
        end_date: end as string,
        volunteers: volunteers as number,
        hours: hours as number,
        child,
        inclusive,
        corporate,
        international,
        silver,
        probono,
        general,
        rfo_support: support,
        beneficiaries,
        excluded,
        external_id: externalId,
        notes,
      },
      problems,
    };
  }
}

/**
 * parseNumber without its allocations for the two cells most files are made of: a blank and a
 * plain run of digits (the same value Number gives). Anything else goes to parseNumber. A number,
 * null when blank, undefined when the cell is not a number.
 */
export function cellNumber(raw: unknown): number | null | undefined {
  if (typeof raw === 'string') {
    const n = raw.length;
    if (n === 0) return null;
    if (n <= 15) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const c = raw.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i === n) return v;
    }
  }
  const p = parseNumber(raw);
  return p.ok ? p.value : undefined;
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
