// Rules of the smaller exchange formats of FORMATS.md: organisation counts, appeals to the
// information centre, population, wages, working time and unaccounted hours.
import type { Problem } from './activity-rules.ts';
import { cellChecker, type Raw } from './cell-rules.ts';
import { parsePeriod } from './periods.ts';
import type { ReferenceSnapshot } from './reference.ts';

export type Validated<T> = { value: T | null; problems: Problem[] };
const done = <T>(problems: Problem[], value: T): Validated<T> =>
  problems.length ? { value: null, problems } : { value, problems };

export interface OrgCountInput {
  region: string;
  period: string;
  npo: number | null;
  initiative_groups: number | null;
}

export function validateOrgCount(raw: Raw, ref: ReferenceSnapshot, row?: number): Validated<OrgCountInput> {
  const c = cellChecker(raw, ref, row);
  const region = c.region('region', true);
  const periodText = c.text('period', true, 10);
  const p = periodText ? parsePeriod(periodText) : null;
  if (periodText && (!p || p.kind === 'half'))
    c.add('period', periodText, 'period_format', 'period must be YYYY or YYYY-MM');
  const npo = c.num('npo', false, { integer: true, min: 0 });
  const groups = c.num('initiative_groups', false, { integer: true, min: 0 });
  return done(c.problems, {
    region: region as string,
    period: p?.text as string,
    npo,
    initiative_groups: groups,
  });
}

export interface AppealInput {
  received_at: string;
  channel: string;
  gender: string | null;
  region: string | null;
  country: string | null;
  topic: string;
  related: number;
  status: string;
  first_response_at: string | null;
  resolved_at: string | null;
  external_id: string | null;
}

const TRUE = new Set(['true', '1', 'yes', 'да', 'иә', 'ия']);
const FALSE = new Set(['false', '0', 'no', 'нет', 'жоқ']);

export function validateAppeal(raw: Raw, ref: ReferenceSnapshot, row?: number): Validated<AppealInput> {
  const c = cellChecker(raw, ref, row);
  const receivedAt = c.dateTime('received_at', true);
  const channel = c.code('channel', 'appeal_channel', true);
  const gender = c.code('gender', 'gender', false);
  const region = c.region('region', false);
  const countryText = c.text('country', false, 10);
  let country: string | null = null;
  if (countryText !== null) {
    if (!/^[A-Za-z]{2}$/.test(countryText))
      c.add('country', countryText, 'country_format', 'country must be an ISO 3166-1 alpha-2 code');
    else country = countryText.toUpperCase();
  }
  if (region && country && country !== 'KZ')
    c.add('country', countryText, 'region_and_country', 'give a region or a country abroad, not both');
  const topic = c.code('topic', 'appeal_topic', true);
  const relatedText = c.text('related', true, 10);
  let related: number | null = null;
  if (relatedText !== null) {
    const t = relatedText.toLowerCase();
    if (TRUE.has(t)) related = 1;
    else if (FALSE.has(t)) related = 0;
    else c.add('related', relatedText, 'boolean', 'related must be true or false');
  }
  const status = c.code('status', 'appeal_status', true);
  const firstResponse = c.dateTime('first_response_at', false);
  const resolvedAt = c.dateTime('resolved_at', false);
  if (receivedAt && firstResponse && firstResponse < receivedAt)
    c.add('first_response_at', raw.first_response_at, 'before_received', 'first response before the appeal');
  if (receivedAt && resolvedAt && resolvedAt < receivedAt)
    c.add('resolved_at', raw.resolved_at, 'before_received', 'resolved before the appeal');
  const externalId = c.text('external_id', false, 100);
  return done(c.problems, {
    received_at: receivedAt as string,
    channel: channel as string,
    gender,
    region,
    country: region ? null : country,
    topic: topic as string,
    related: related as number,
    status: status as string,
    first_response_at: firstResponse,
    resolved_at: resolvedAt,
    external_id: externalId,
  });
}

export interface PopulationInput {
  region: string;
  year: number;
  population: number;
}

export function validatePopulation(
  raw: Raw,
  ref: ReferenceSnapshot,
  row?: number,
): Validated<PopulationInput> {
  const c = cellChecker(raw, ref, row);
  const region = c.region('region', true);
  const year = c.year('year');
  const population = c.num('population', true, { integer: true, min: 1 });
  return done(c.problems, {
    region: region as string,
    year: year as number,
    population: population as number,
  });
}

export interface WageInput {
  region: string;
  activity: string;
  year: number;
  monthly_wage_kzt: number;
  source: string;
}

export function validateWage(raw: Raw, ref: ReferenceSnapshot, row?: number): Validated<WageInput> {
  const c = cellChecker(raw, ref, row);
  const region = c.region('region', false);
  const activity = c.text('activity', false, 20);
  const year = c.year('year');
  const wage = c.num('monthly_wage_kzt', true, { min: 1 });
  const source = c.text('source', true);
  return done(c.problems, {
    region: region ?? '',
    activity: activity ?? '',
    year: year as number,
    monthly_wage_kzt: wage as number,
    source: source as string,
  });
}

export interface WorkingTimeInput {
  year: number;
  monthly_hours: number;
  annual_hours: number;
  source: string;
}

export function validateWorkingTime(
  raw: Raw,
  ref: ReferenceSnapshot,
  row?: number,
): Validated<WorkingTimeInput> {
  const c = cellChecker(raw, ref, row);
  const year = c.year('year');
  const monthly = c.num('monthly_hours', true, { min: 1, max: 744 });
  const annual = c.num('annual_hours', true, { min: 1, max: 8784 });
  const source = c.text('source', true);
  return done(c.problems, {
    year: year as number,
    monthly_hours: monthly as number,
    annual_hours: annual as number,
    source: source as string,
  });
}

export interface UnaccountedInput {
  year: number;
  source: string;
  area: string | null;
  volunteers: number | null;
  hours: number;
  note: string | null;
}

export function validateUnaccounted(
  raw: Raw,
  ref: ReferenceSnapshot,
  row?: number,
): Validated<UnaccountedInput> {
  const c = cellChecker(raw, ref, row);
  const year = c.year('year');
  const source = c.text('source', true);
  const area = c.code('area', 'area', false);
  const volunteers = c.num('volunteers', false, { integer: true, min: 0 });
  const hours = c.num('hours', true, { min: 0 });
  const note = c.text('note', false, 2000);
  return done(c.problems, {
    year: year as number,
    source: source as string,
    area,
    volunteers,
    hours: hours as number,
    note,
  });
}
