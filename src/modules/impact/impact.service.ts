// Measuring impact (issue 12 item 5, DOMAIN.md §7 "Measuring impact").
// - A closed opportunity's organisation reports what it reached: beneficiaries by type (code list
//   beneficiary_type) and an outcome line. Its coordinator makes the report at or after the close
//   and may change it until 1 April (Kazakhstan time) of the year after the opportunity's last
//   shift, when the annual report of that year is drawn up (domain/impact.ts reportEditableUntil);
//   after that the report stands as it is (409 impact_report_locked).
// - After a confirmed participation the volunteer may answer a short survey once: satisfaction,
//   skills gained, would volunteer again, sense of trust and belonging (1–5 each). His answers are
//   never shown to the organisation; only means over at least MIN_SURVEYS answers are published.
// - The figures of a year (domain/impact.ts says what each counts), by region and by area, each with
//   its coverage: one service for the annual report and the public dashboard.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  beneficiaryProblems,
  emptyFigures,
  type ImpactFigures,
  type ImpactInput,
  impactFigures,
  kzYearRange,
  MIN_SURVEYS,
  outcomeLine,
  reportEditableUntil,
  type ScopeOf,
} from '../../domain/impact.ts';
import { type Actor, authorize, requireActor } from '../../domain/policy.ts';
import { badRequest, forbidden, notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertManager } from '../opportunities/opportunities.service.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import {
  applicationTimes,
  attendanceCounts,
  findReport,
  insertSurvey,
  opportunityForReport,
  opportunityOutcomes,
  participation,
  participationGroups,
  reachedByType,
  saveReport,
  surveyOf,
  surveySums,
  surveysOfVolunteer,
} from './impact.repository.ts';
import type { ImpactReportView, ImpactSectionView, ReportBody, SurveyBody } from './impact.schemas.ts';

// --- the organisation's report ------------------------------------------------------------------

/** The opportunity, when the actor is its organisation's coordinator (another's: 403; none: 404). */
async function ownOpportunity(db: Kysely<DB>, user: Actor | null | undefined, id: number) {
  const actor = await assertManager(db, user);
  const o = await opportunityForReport(db, id);
  if (!o) throw notFound(`No opportunity ${id}`);
  authorize(actor, 'platform.opportunities.manage', { organizationId: o.organizationId });
  return { actor, o };
}

function viewOf(
  o: NonNullable<Awaited<ReturnType<typeof opportunityForReport>>>,
  report: Awaited<ReturnType<typeof findReport>>,
  now: Date,
): ImpactReportView {
  const until = o.status === 'closed' && o.lastEnd ? reportEditableUntil(o.lastEnd) : null;
  return {
    opportunity: { id: o.id, title: o.title, status: o.status, area: o.area, region: o.region },
    editable: until !== null && now.toISOString() < until,
    editableUntil: until,
    report: report && { ...report, total: report.beneficiaries.reduce((s, l) => s + l.count, 0) },
  };
}

export async function readReport(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  now = new Date(),
): Promise<ImpactReportView> {
  const { o } = await ownOpportunity(db, user, id);
  return viewOf(o, await findReport(db, id), now);
}

export async function writeReport(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: ReportBody,
  now = new Date(),
): Promise<ImpactReportView> {
  const { actor, o } = await ownOpportunity(db, user, id);
  if (o.status !== 'closed')
    throw refuse(409, 'opportunity_not_closed', 'Impact is reported once the opportunity is closed', {
      status: o.status,
    });
  const until = reportEditableUntil(o.lastEnd ?? now.toISOString());
  if (now.toISOString() >= until)
    throw refuse(
      409,
      'impact_report_locked',
      'The report can no longer be changed: the annual report of its year is drawn up',
      { until },
    );
  const problems = beneficiaryProblems(body.beneficiaries, await activeCodes(db, 'beneficiary_type'));
  const first = problems[0];
  if (first) {
    const line = body.beneficiaries[first.index];
    throw badRequest(
      first.rule === 'unknown_beneficiary_type'
        ? `Not a type of beneficiary: ${line?.type}`
        : first.rule === 'duplicate_beneficiary_type'
          ? `The type ${line?.type} is given twice: give each type once`
          : 'A count of beneficiaries is out of range',
      problems.map((p) => ({
        column: `beneficiaries.${p.index}.${p.rule === 'beneficiaries_range' ? 'count' : 'type'}`,
        value:
          p.rule === 'beneficiaries_range'
            ? body.beneficiaries[p.index]?.count
            : body.beneficiaries[p.index]?.type,
        rule: p.rule,
      })),
      first.rule,
    );
  }
  const outcome = outcomeLine(body.outcome);
  const lines = body.beneficiaries.map((l) => ({ type: l.type, count: l.count }));
  const at = now.toISOString();
  const before = await findReport(db, id);
  await db.transaction().execute(async (trx) => {
    await saveReport(trx, { opportunityId: id, outcome, lines, by: actor.id, at });
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: before ? 'update' : 'create',
          entity: 'impact_report',
          entityId: String(id),
          oldValue: before
            ? JSON.stringify({ outcome: before.outcome, beneficiaries: before.beneficiaries })
            : null,
          newValue: JSON.stringify({ outcome, beneficiaries: lines }),
          region: o.region,
        },
      ],
      at,
    );
  });
  return viewOf(o, await findReport(db, id), now);
}

// --- the volunteer's survey ----------------------------------------------------------------------

export async function submitSurvey(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: SurveyBody,
  now = new Date(),
) {
  const actor = authorize(user, 'volunteers.self');
  const p = await participation(db, id);
  if (!p) throw notFound(`No application ${id}`);
  if (p.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
  if (p.status !== 'attended' || p.revoked_at !== null)
    throw refuse(409, 'not_attended', 'The survey follows a participation whose hours are confirmed', {
      status: p.status,
    });
  if (await surveyOf(db, id))
    throw refuse(409, 'already_surveyed', 'You answered the survey of this participation');
  try {
    return {
      id: await insertSurvey(db, {
        application_id: id,
        volunteer_id: actor.id,
        opportunity_id: Number(p.opportunity_id),
        satisfaction: body.satisfaction,
        skills_gained: body.skillsGained,
        would_return: body.wouldReturn,
        belonging: body.belonging,
        created_at: now.toISOString(),
      }),
    };
  } catch {
    // Two answers sent at once: the unique index keeps one.
    throw refuse(409, 'already_surveyed', 'You answered the survey of this participation');
  }
}

export async function listOwnSurveys(db: Kysely<DB>, user: Actor | null | undefined) {
  const actor = authorize(user, 'volunteers.self');
  return { items: await surveysOfVolunteer(db, actor.id) };
}

/** For a route's guard: a signed-in volunteer (whose application it is, the service checks). */
export const assertVolunteer = (user: Actor | null | undefined) =>
  authorize(requireActor(user), 'volunteers.self');

// --- the figures ---------------------------------------------------------------------------------

/** What the figures are named and placed with: the report's map and code lists, in its language. */
export interface ImpactNames {
  /** The map unit a region's figures go to (null: none on this map). */
  unitOf(region: string): string | null;
  units: readonly string[];
  unitName(unit: string): string;
  areas: readonly string[];
  areaName(area: string): string;
  types: readonly string[];
  typeName(type: string): string;
}

/** Everything the figures of `year` are computed from (concurrent reads: not in a transaction). */
export async function loadImpact(db: Kysely<DB> | Transaction<DB>, year: number) {
  const cur = kzYearRange(year);
  const prev = kzYearRange(year - 1);
  const [previous, current, attendance, applications, opportunities, surveys, reached] = await Promise.all([
    participationGroups(db, prev.from, prev.to),
    participationGroups(db, cur.from, cur.to),
    attendanceCounts(db, cur.from, cur.to),
    applicationTimes(db, cur.from, cur.to),
    opportunityOutcomes(db, cur.from, cur.to),
    surveySums(db, cur.from, cur.to),
    reachedByType(db, cur.from, cur.to),
  ]);
  return { input: { previous, current, attendance, applications, opportunities, surveys }, reached };
}

export type ImpactData = Awaited<ReturnType<typeof loadImpact>>;

const hasData = (f: ImpactFigures) =>
  f.retention.of > 0 ||
  f.repeatParticipation.of > 0 ||
  f.noShowRate.of > 0 ||
  f.responseHours.of > 0 ||
  f.beneficiariesPer100Hours.of > 0;

/**
 * The figures of a year nationally, by region (map units, in the map's order) and by area (in the
 * code list's order); with `only`, of that one unit (the dashboard of a region).
 */
export function impactSection(
  data: ImpactData,
  year: number,
  names: ImpactNames,
  only: string | null = null,
): ImpactSectionView {
  const inside = (region: string) => {
    const u = names.unitOf(region);
    return only === null || u === only ? u : null;
  };
  const within =
    (key: (p: { region: string; area: string }) => string): ScopeOf =>
    (p) =>
      only === null || names.unitOf(p.region) === only ? key(p) : null;
  const input: ImpactInput = data.input;
  const national =
    impactFigures(
      input,
      within(() => 'all'),
    ).get('all') ?? emptyFigures();
  const byUnit = impactFigures(input, (p) => inside(p.region));
  const byArea = impactFigures(
    input,
    within((p) => p.area),
  );
  const areaOrder = [...names.areas, ...[...byArea.keys()].filter((a) => !names.areas.includes(a)).sort()];
  const reached = new Map<string, number>();
  for (const r of data.reached)
    if (only === null || names.unitOf(r.region) === only)
      reached.set(r.type, (reached.get(r.type) ?? 0) + r.count);
  return {
    year,
    available: hasData(national),
    national,
    byRegion: names.units
      .filter((u) => byUnit.has(u))
      .map((u) => ({ region: u, name: names.unitName(u), ...(byUnit.get(u) as ImpactFigures) })),
    byArea: areaOrder
      .filter((a) => byArea.has(a))
      .map((a) => ({ area: a, name: names.areaName(a), ...(byArea.get(a) as ImpactFigures) })),
    reached: [...reached]
      .filter(([, n]) => n > 0)
      .map(([type, n]) => ({ type, name: names.typeName(type), beneficiaries: n }))
      .sort((a, b) => b.beneficiaries - a.beneficiaries || a.type.localeCompare(b.type)),
    minSurveys: MIN_SURVEYS,
  };
}

/** Loads and computes the figures of a year. */
export async function impactOfYear(
  db: Kysely<DB> | Transaction<DB>,
  year: number,
  names: ImpactNames,
  only: string | null = null,
): Promise<ImpactSectionView> {
  return impactSection(await loadImpact(db, year), year, names, only);
}
