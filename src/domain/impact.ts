// Measuring impact (issue 12 item 5, DOMAIN.md §7 "Measuring impact"): the figures computed from the
// platform's records, the organisations' reports of closed opportunities and the volunteers'
// surveys — pure, so that the annual report and the dashboard compute them alike and the unit tests
// pin their definitions. The repository hands over rows already grouped by volunteer, region and
// area (a year of participations is a few rows per volunteer, not one per shift).
//
// A *confirmed participation* is an application marked attended whose hours are not revoked; it
// belongs to the year (Kazakhstan time) its shift starts in. A volunteer is *active* in a year with
// at least one. Each figure comes with its coverage: `n` of `of`, what they count is said per figure.
//
// Retention: the definition, not DOMAIN.md's ("within 6 months"): the issue is the later
// word. Of the volunteers active in the previous year, the share active again within 12 months of
// their last participation of that year (that window always ends inside the report's year, so the
// figure of a year is final once the year is over). A region's or area's cohort are the volunteers
// who took part there in the previous year; "active again" counts anywhere on the platform.
import { median, round, share } from './report/maths.ts';

/** An outcome line: one line of text, at most this many characters. */
export const OUTCOME_MAX = 300;
/** Beneficiaries of one type an opportunity may report. */
export const BENEFICIARIES_MAX = 1_000_000;
/**
 * A survey's means are published from this many answers in the scope: a region's or area's mean of
 * one or two volunteers would be their own answers.
 */
export const MIN_SURVEYS = 3;
/** A survey answer: 1 (not at all) to 5 (very much). */
export const SURVEY_QUESTIONS = ['satisfaction', 'skillsGained', 'wouldReturn', 'belonging'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

/** Kazakhstan time: UTC+5 all year. */
const KZ = '+05:00';

/** The UTC instants the year (Kazakhstan time) runs between: [from, to). */
export function kzYearRange(year: number): { from: string; to: string } {
  return {
    from: new Date(`${year}-01-01T00:00:00${KZ}`).toISOString(),
    to: new Date(`${year + 1}-01-01T00:00:00${KZ}`).toISOString(),
  };
}

/** The year (Kazakhstan time) of a UTC instant. */
export const kzYear = (utc: string) => new Date(Date.parse(utc) + 5 * 3600_000).getUTCFullYear();

/**
 * Until when a closed opportunity's report can be made or changed: 1 April (Kazakhstan time) of the
 * year after its last shift ended — the annual report of that year is drawn up in the first quarter,
 * and a figure it printed should not move afterwards.
 */
export function reportEditableUntil(lastShiftEnd: string): string {
  return new Date(`${kzYear(lastShiftEnd) + 1}-04-01T00:00:00${KZ}`).toISOString();
}

/** The same instant a year later (29 February: 1 March). */
function yearAfter(utc: string): number {
  const d = new Date(utc);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

/** Where a row took place: the opportunity's region (on the caller's map) and area. */
export interface Place {
  region: string;
  area: string;
}

/** The key of the scope a row counts in (national, a region, an area), or null when outside it. */
export type ScopeOf = (p: Place) => string | null;

/** A volunteer's confirmed participations of a year in one region and area. */
export interface ParticipationGroup extends Place {
  volunteer: number;
  count: number;
  /** The first and last shift start among them (UTC ISO). */
  first: string;
  last: string;
}

/** Attendance marked in a year: attended (hours not revoked) and no-show. */
export interface AttendanceCount extends Place {
  attended: number;
  noShow: number;
}

/** Applications made in a year; `answerHours` the hours to the answer of those answered. */
export interface ApplicationTimes extends Place {
  applications: number;
  answerHours: number[];
}

/** A closed opportunity of the year (its last shift ended in it) with confirmed hours. */
export interface OpportunityOutcome extends Place {
  hours: number;
  reported: boolean;
  beneficiaries: number;
}

/** Surveys of a year's participations: how many and the sums of their answers. */
export interface SurveySums extends Place {
  surveys: number;
  satisfaction: number;
  skillsGained: number;
  wouldReturn: number;
  belonging: number;
}

export interface ImpactInput {
  /** Participations of the year before the report's year, and of the report's year. */
  previous: ParticipationGroup[];
  current: ParticipationGroup[];
  attendance: AttendanceCount[];
  applications: ApplicationTimes[];
  opportunities: OpportunityOutcome[];
  surveys: SurveySums[];
}

/** A figure with its coverage: `n` counted of `of` (what they count: per figure). */
export interface Figure {
  value: number | null;
  n: number;
  of: number;
}

export interface BeneficiaryFigure extends Figure {
  /** Beneficiaries and confirmed hours of the opportunities that reported. */
  beneficiaries: number;
  hours: number;
}

export interface ImpactFigures {
  retention: Figure;
  repeatParticipation: Figure;
  noShowRate: Figure;
  responseHours: Figure;
  beneficiariesPer100Hours: BeneficiaryFigure;
  satisfaction: Figure;
  skillsGained: Figure;
  wouldReturn: Figure;
  belonging: Figure;
}

function bucket<T>(m: Map<string, T>, key: string, make: () => T): T {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

/** Retention in each scope: volunteers of the previous year's cohort active again within 12 months. */
export function retentionOf(
  previous: ParticipationGroup[],
  current: ParticipationGroup[],
  scopeOf: ScopeOf,
): Map<string, Figure> {
  const last = new Map<number, string>();
  for (const g of previous) {
    const l = last.get(g.volunteer);
    if (l === undefined || g.last > l) last.set(g.volunteer, g.last);
  }
  // Active again anywhere: the scope narrows the cohort, never where they came back.
  const next = new Map<number, string>();
  for (const g of current) {
    const f = next.get(g.volunteer);
    if (f === undefined || g.first < f) next.set(g.volunteer, g.first);
  }
  const cohorts = new Map<string, Set<number>>();
  for (const g of previous) {
    const key = scopeOf(g);
    if (key !== null) bucket(cohorts, key, () => new Set<number>()).add(g.volunteer);
  }
  const out = new Map<string, Figure>();
  for (const [key, cohort] of cohorts) {
    let n = 0;
    for (const v of cohort) {
      const again = next.get(v);
      if (again !== undefined && Date.parse(again) <= yearAfter(last.get(v) as string)) n++;
    }
    out.set(key, { value: share(n, cohort.size), n, of: cohort.size });
  }
  return out;
}

/** Repeat participation: of the year's active volunteers in the scope, those with two or more there. */
export function repeatOf(current: ParticipationGroup[], scopeOf: ScopeOf): Map<string, Figure> {
  const counts = new Map<string, Map<number, number>>();
  for (const g of current) {
    const key = scopeOf(g);
    if (key === null) continue;
    const m = bucket(counts, key, () => new Map<number, number>());
    m.set(g.volunteer, (m.get(g.volunteer) ?? 0) + g.count);
  }
  const out = new Map<string, Figure>();
  for (const [key, m] of counts) {
    const n = [...m.values()].filter((c) => c >= 2).length;
    out.set(key, { value: share(n, m.size), n, of: m.size });
  }
  return out;
}

/** No-show rate: no-shows of the attendance marked (attended + no-show). */
export function noShowOf(rows: AttendanceCount[], scopeOf: ScopeOf): Map<string, Figure> {
  const sums = new Map<string, { noShow: number; marked: number }>();
  for (const r of rows) {
    const key = scopeOf(r);
    if (key === null) continue;
    const s = bucket(sums, key, () => ({ noShow: 0, marked: 0 }));
    s.noShow += r.noShow;
    s.marked += r.attended + r.noShow;
  }
  return new Map(
    [...sums].map(([k, s]) => [k, { value: share(s.noShow, s.marked), n: s.noShow, of: s.marked }]),
  );
}

/** The median hours from an application to its answer (accepted or declined), of those answered. */
export function responseOf(rows: ApplicationTimes[], scopeOf: ScopeOf): Map<string, Figure> {
  const sums = new Map<string, { hours: number[]; of: number }>();
  for (const r of rows) {
    const key = scopeOf(r);
    if (key === null) continue;
    const s = bucket(sums, key, () => ({ hours: [] as number[], of: 0 }));
    for (const h of r.answerHours) s.hours.push(h);
    s.of += r.applications;
  }
  return new Map(
    [...sums].map(([k, s]) => {
      const m = median(s.hours);
      return [k, { value: m === null ? null : round(m, 1), n: s.hours.length, of: s.of }];
    }),
  );
}

/** Beneficiaries per 100 confirmed hours, over the closed opportunities that reported. */
export function beneficiariesOf(
  rows: OpportunityOutcome[],
  scopeOf: ScopeOf,
): Map<string, BeneficiaryFigure> {
  const sums = new Map<string, BeneficiaryFigure>();
  for (const r of rows) {
    const key = scopeOf(r);
    if (key === null || !(r.hours > 0)) continue;
    const s = bucket(sums, key, () => ({ value: null, n: 0, of: 0, beneficiaries: 0, hours: 0 }));
    s.of++;
    if (!r.reported) continue;
    s.n++;
    s.beneficiaries += r.beneficiaries;
    s.hours += r.hours;
  }
  for (const s of sums.values()) {
    s.value = s.n > 0 && s.hours > 0 ? round((100 * s.beneficiaries) / s.hours, 2) : null;
    s.hours = round(s.hours, 2);
  }
  return sums;
}

/** The mean answer to each question (1–5, 2 decimals), published from MIN_SURVEYS answers. */
export function surveyOf(
  rows: SurveySums[],
  participations: ParticipationGroup[],
  scopeOf: ScopeOf,
): Map<string, Record<SurveyQuestion, Figure>> {
  const base = new Map<string, number>();
  for (const g of participations) {
    const key = scopeOf(g);
    if (key !== null) base.set(key, (base.get(key) ?? 0) + g.count);
  }
  const sums = new Map<string, SurveySums>();
  for (const r of rows) {
    const key = scopeOf(r);
    if (key === null) continue;
    const s = bucket(sums, key, () => ({
      region: r.region,
      area: r.area,
      surveys: 0,
      satisfaction: 0,
      skillsGained: 0,
      wouldReturn: 0,
      belonging: 0,
    }));
    s.surveys += r.surveys;
    for (const q of SURVEY_QUESTIONS) s[q] += r[q];
  }
  const out = new Map<string, Record<SurveyQuestion, Figure>>();
  for (const key of new Set([...base.keys(), ...sums.keys()])) {
    const s = sums.get(key);
    const n = s?.surveys ?? 0;
    const of = base.get(key) ?? 0;
    const mean = (q: SurveyQuestion) => (s && n >= MIN_SURVEYS ? round(s[q] / n, 2) : null);
    out.set(key, {
      satisfaction: { value: mean('satisfaction'), n, of },
      skillsGained: { value: mean('skillsGained'), n, of },
      wouldReturn: { value: mean('wouldReturn'), n, of },
      belonging: { value: mean('belonging'), n, of },
    });
  }
  return out;
}

const none = (): Figure => ({ value: null, n: 0, of: 0 });

/** Every figure in every scope that has any data; a scope without a figure's data gets null of 0. */
export function impactFigures(input: ImpactInput, scopeOf: ScopeOf): Map<string, ImpactFigures> {
  const retention = retentionOf(input.previous, input.current, scopeOf);
  const repeat = repeatOf(input.current, scopeOf);
  const noShow = noShowOf(input.attendance, scopeOf);
  const response = responseOf(input.applications, scopeOf);
  const beneficiaries = beneficiariesOf(input.opportunities, scopeOf);
  const survey = surveyOf(input.surveys, input.current, scopeOf);
  const keys = new Set([
    ...retention.keys(),
    ...repeat.keys(),
    ...noShow.keys(),
    ...response.keys(),
    ...beneficiaries.keys(),
    ...survey.keys(),
  ]);
  const out = new Map<string, ImpactFigures>();
  for (const key of keys) {
    const s = survey.get(key);
    out.set(key, {
      retention: retention.get(key) ?? none(),
      repeatParticipation: repeat.get(key) ?? none(),
      noShowRate: noShow.get(key) ?? none(),
      responseHours: response.get(key) ?? none(),
      beneficiariesPer100Hours: beneficiaries.get(key) ?? { ...none(), beneficiaries: 0, hours: 0 },
      satisfaction: s?.satisfaction ?? none(),
      skillsGained: s?.skillsGained ?? none(),
      wouldReturn: s?.wouldReturn ?? none(),
      belonging: s?.belonging ?? none(),
    });
  }
  return out;
}

/** The figures of a scope without any data: every value null, every coverage 0 of 0. */
export function emptyFigures(): ImpactFigures {
  return {
    retention: none(),
    repeatParticipation: none(),
    noShowRate: none(),
    responseHours: none(),
    beneficiariesPer100Hours: { ...none(), beneficiaries: 0, hours: 0 },
    satisfaction: none(),
    skillsGained: none(),
    wouldReturn: none(),
    belonging: none(),
  };
}

/** A report's beneficiary lines checked: known types, each once, whole counts within bounds. */
export function beneficiaryProblems(
  lines: { type: string; count: number }[],
  types: readonly string[],
): {
  index: number;
  rule: 'unknown_beneficiary_type' | 'duplicate_beneficiary_type' | 'beneficiaries_range';
}[] {
  const seen = new Set<string>();
  const out: ReturnType<typeof beneficiaryProblems> = [];
  lines.forEach((l, index) => {
    if (!types.includes(l.type)) out.push({ index, rule: 'unknown_beneficiary_type' });
    else if (seen.has(l.type)) out.push({ index, rule: 'duplicate_beneficiary_type' });
    if (!Number.isInteger(l.count) || l.count < 0 || l.count > BENEFICIARIES_MAX)
      out.push({ index, rule: 'beneficiaries_range' });
    seen.add(l.type);
  });
  return out;
}

/** An outcome line as stored: whitespace (line breaks too) collapsed, trimmed. */
export const outcomeLine = (s: string) => s.replace(/\s+/g, ' ').trim();
