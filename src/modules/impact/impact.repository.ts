// The queries of measuring impact: a closed opportunity's report and its beneficiary lines, the
// volunteer's surveys, and the rows the figures are computed from — grouped in the database by
// volunteer, region and area, so that a year of participations comes back as a few rows per
// volunteer rather than one per shift.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type {
  ApplicationTimes,
  AttendanceCount,
  OpportunityOutcome,
  ParticipationGroup,
  SurveySums,
} from '../../domain/impact.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The opportunity a report is about, with its organisation and the end of its last shift. */
export async function opportunityForReport(db: Db, id: number) {
  const r = await db
    .selectFrom('opportunity as o')
    .leftJoin('opportunity_shift as s', 's.opportunity_id', 'o.id')
    .select((eb) => [
      'o.id',
      'o.title',
      'o.status',
      'o.area',
      'o.region',
      'o.organization_id',
      eb.fn.max('s.end_at').as('last_end'),
    ])
    .where('o.id', '=', id)
    .groupBy(['o.id', 'o.title', 'o.status', 'o.area', 'o.region', 'o.organization_id'])
    .executeTakeFirst();
  return (
    r && {
      id: Number(r.id),
      title: r.title,
      status: r.status,
      area: r.area,
      region: r.region,
      organizationId: Number(r.organization_id),
      lastEnd: (r.last_end as string | null) ?? null,
    }
  );
}

export async function findReport(db: Db, opportunityId: number) {
  const report = await db
    .selectFrom('impact_report')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  if (!report) return null;
  const lines = await db
    .selectFrom('impact_beneficiary as b')
    .leftJoin('code_list_item as c', (j) =>
      j.onRef('c.code', '=', 'b.type').on('c.list', '=', 'beneficiary_type'),
    )
    .select(['b.type', 'b.count'])
    .where('b.opportunity_id', '=', opportunityId)
    .orderBy('c.sort')
    .orderBy('b.type')
    .execute();
  return {
    outcome: report.outcome,
    beneficiaries: lines.map((l) => ({ type: l.type, count: Number(l.count) })),
    reportedAt: report.reported_at,
    updatedAt: report.updated_at,
  };
}

/** Writes the report whole: its outcome, and its lines in place of the ones before. */
export async function saveReport(
  trx: Transaction<DB>,
  v: {
    opportunityId: number;
    outcome: string;
    lines: { type: string; count: number }[];
    by: number;
    at: string;
  },
) {
  await trx
    .insertInto('impact_report')
    .values({
      opportunity_id: v.opportunityId,
      outcome: v.outcome,
      reported_by: v.by,
      reported_at: v.at,
      updated_by: v.by,
      updated_at: v.at,
    })
    .onConflict((oc) =>
      oc.column('opportunity_id').doUpdateSet({ outcome: v.outcome, updated_by: v.by, updated_at: v.at }),
    )
    .execute();
  await trx.deleteFrom('impact_beneficiary').where('opportunity_id', '=', v.opportunityId).execute();
  await trx
    .insertInto('impact_beneficiary')
    .values(v.lines.map((l) => ({ opportunity_id: v.opportunityId, type: l.type, count: l.count })))
    .execute();
}

/** An application with what a survey needs to know of it. */
export const participation = (db: Db, id: number) =>
  db
    .selectFrom('application')
    .select(['id', 'volunteer_id', 'status', 'revoked_at', 'opportunity_id'])
    .where('id', '=', id)
    .executeTakeFirst();

export const surveyOf = (db: Db, applicationId: number) =>
  db.selectFrom('impact_survey').select('id').where('application_id', '=', applicationId).executeTakeFirst();

export async function insertSurvey(
  db: Db,
  v: {
    application_id: number;
    volunteer_id: number;
    opportunity_id: number;
    satisfaction: number;
    skills_gained: number;
    would_return: number;
    belonging: number;
    created_at: string;
  },
): Promise<number> {
  const r = await db.insertInto('impact_survey').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function surveysOfVolunteer(db: Db, volunteerId: number) {
  const rows = await db
    .selectFrom('impact_survey')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    application: Number(r.application_id),
    satisfaction: Number(r.satisfaction),
    skillsGained: Number(r.skills_gained),
    wouldReturn: Number(r.would_return),
    belonging: Number(r.belonging),
    createdAt: r.created_at,
  }));
}

// --- the rows of the figures: [from, to) are UTC instants (a year of Kazakhstan time) ------------

/** Confirmed participations (attended, hours not revoked) whose shift started in the range. */
export async function participationGroups(db: Db, from: string, to: string): Promise<ParticipationGroup[]> {
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select((eb) => [
      'a.volunteer_id',
      'o.region',
      'o.area',
      eb.fn.countAll().as('n'),
      eb.fn.min('s.start_at').as('first'),
      eb.fn.max('s.start_at').as('last'),
    ])
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .groupBy(['a.volunteer_id', 'o.region', 'o.area'])
    .execute();
  return rows.map((r) => ({
    volunteer: Number(r.volunteer_id),
    region: r.region,
    area: r.area,
    count: Number(r.n),
    first: String(r.first),
    last: String(r.last),
  }));
}

/** Attendance marked for the shifts that started in the range: attended (not revoked) and no-show. */
export async function attendanceCounts(db: Db, from: string, to: string): Promise<AttendanceCount[]> {
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select((eb) => ['o.region', 'o.area', 'a.status', eb.fn.countAll().as('n')])
    .where((eb) =>
      eb.or([
        eb('a.status', '=', 'no_show'),
        eb.and([eb('a.status', '=', 'attended'), eb('a.revoked_at', 'is', null)]),
      ]),
    )
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .groupBy(['o.region', 'o.area', 'a.status'])
    .execute();
  const out = new Map<string, AttendanceCount>();
  for (const r of rows) {
    const key = `${r.region}\u0000${r.area}`;
    const c = out.get(key) ?? { region: r.region, area: r.area, attended: 0, noShow: 0 };
    if (r.status === 'no_show') c.noShow += Number(r.n);
    else c.attended += Number(r.n);
    out.set(key, c);
  }
  return [...out.values()];
}

/** Applications made in the range, and the hours to the answer of those answered. */
export async function applicationTimes(db: Db, from: string, to: string): Promise<ApplicationTimes[]> {
  const [counts, answered] = await Promise.all([
    db
      .selectFrom('application as a')
      .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
      .select((eb) => ['o.region', 'o.area', eb.fn.countAll().as('n')])
      .where('a.created_at', '>=', from)
      .where('a.created_at', '<', to)
      .groupBy(['o.region', 'o.area'])
      .execute(),
    db
      .selectFrom('application as a')
      .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
      .select(['o.region', 'o.area', 'a.created_at', 'a.answered_at'])
      .where('a.created_at', '>=', from)
      .where('a.created_at', '<', to)
      .where('a.answered_at', 'is not', null)
      .execute(),
  ]);
  const out = new Map<string, ApplicationTimes>();
  const at = (region: string, area: string) => {
    const key = `${region}\u0000${area}`;
    let c = out.get(key);
    if (!c) {
      c = { region, area, applications: 0, answerHours: [] };
      out.set(key, c);
    }
    return c;
  };
  for (const r of counts) at(r.region, r.area).applications += Number(r.n);
  for (const r of answered) {
    const h = (Date.parse(r.answered_at as string) - Date.parse(r.created_at)) / 3600_000;
    // An answer dated before the application (a clock put right) says nothing of the wait.
    if (h >= 0) at(r.region, r.area).answerHours.push(h);
  }
  return [...out.values()];
}

/** The closed opportunities whose last shift ended in the range. */
const closedInRange = (db: Db, from: string, to: string) =>
  db
    .selectFrom('opportunity as o')
    .innerJoin('opportunity_shift as s', 's.opportunity_id', 'o.id')
    .select('o.id')
    .where('o.status', '=', 'closed')
    .groupBy('o.id')
    .having((eb) => eb.fn.max('s.end_at'), '>=', from)
    .having((eb) => eb.fn.max('s.end_at'), '<', to);

/** Those opportunities with their confirmed hours and, when reported, their beneficiaries. */
export async function opportunityOutcomes(db: Db, from: string, to: string): Promise<OpportunityOutcome[]> {
  const rows = await db
    .selectFrom('opportunity as o')
    .leftJoin('impact_report as r', 'r.opportunity_id', 'o.id')
    .select((eb) => [
      'o.region',
      'o.area',
      'r.opportunity_id as reported',
      eb
        .selectFrom('application as a')
        .select((x) => x.fn.sum<number>('a.hours').as('h'))
        .whereRef('a.opportunity_id', '=', 'o.id')
        .where('a.status', '=', 'attended')
        .where('a.revoked_at', 'is', null)
        .as('hours'),
      eb
        .selectFrom('impact_beneficiary as b')
        .select((x) => x.fn.sum<number>('b.count').as('c'))
        .whereRef('b.opportunity_id', '=', 'o.id')
        .as('beneficiaries'),
    ])
    .where('o.id', 'in', closedInRange(db, from, to))
    .execute();
  return rows.map((r) => ({
    region: r.region,
    area: r.area,
    hours: Number(r.hours ?? 0),
    reported: r.reported !== null,
    beneficiaries: Number(r.beneficiaries ?? 0),
  }));
}

/** Beneficiaries reported by type, region and area, for those opportunities. */
export async function reachedByType(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('impact_beneficiary as b')
    .innerJoin('opportunity as o', 'o.id', 'b.opportunity_id')
    .select((eb) => ['o.region', 'o.area', 'b.type', eb.fn.sum<number>('b.count').as('n')])
    .where('b.opportunity_id', 'in', closedInRange(db, from, to))
    .groupBy(['o.region', 'o.area', 'b.type'])
    .execute();
  return rows.map((r) => ({ region: r.region, area: r.area, type: r.type, count: Number(r.n) }));
}

/** The surveys of the confirmed participations whose shift started in the range, summed. */
export async function surveySums(db: Db, from: string, to: string): Promise<SurveySums[]> {
  const rows = await db
    .selectFrom('impact_survey as v')
    .innerJoin('application as a', 'a.id', 'v.application_id')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select((eb) => [
      'o.region',
      'o.area',
      eb.fn.countAll().as('n'),
      eb.fn.sum<number>('v.satisfaction').as('satisfaction'),
      eb.fn.sum<number>('v.skills_gained').as('skills'),
      eb.fn.sum<number>('v.would_return').as('again'),
      eb.fn.sum<number>('v.belonging').as('belonging'),
    ])
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .groupBy(['o.region', 'o.area'])
    .execute();
  return rows.map((r) => ({
    region: r.region,
    area: r.area,
    surveys: Number(r.n),
    satisfaction: Number(r.satisfaction),
    skillsGained: Number(r.skills),
    wouldReturn: Number(r.again),
    belonging: Number(r.belonging),
  }));
}
