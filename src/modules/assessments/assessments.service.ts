// Assessments both ways (issue 12 item 3, DOMAIN.md §7 "Assessments and finding volunteers").
// After a confirmed participation (attended, not revoked) the coordinator assesses the volunteer
// once: reliability, skills, teamwork on 1–5 and a comment. The volunteer sees it first (reading
// his list marks it seen; the record book shows it only then) and may contest it within 14 days,
// once; the front office of the opportunity's region settles (upheld: the assessment stops
// counting). The volunteer rates the opportunity once (1–5, what went well, what to improve). An
// organisation's public page gives its average rating and its median response time to
// applications, each with the number behind it (as JeVeuxAider shows them).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, authorize, listScope, requireActor } from '../../domain/policy.ts';
import { forbidden, notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type {
  AssessmentBody,
  AssessmentView,
  ContestBody,
  ContestView,
  RatingBody,
  SettleContestBody,
} from './assessments.schemas.ts';

/** An assessment may be contested this many days after it was given. */
export const CONTEST_DAYS = 14;
const DAY = 24 * 3600_000;

/** The application with its opportunity's organisation and region. */
const participation = (db: Kysely<DB>, id: number) =>
  db
    .selectFrom('application as a')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select([
      'a.id',
      'a.volunteer_id',
      'a.status',
      'a.revoked_at',
      'a.opportunity_id',
      'o.organization_id',
      'o.region',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();

/** For a route's guard: the coordinator of the application's organisation (unknown: the handler's 404). */
export async function assertAssessor(db: Kysely<DB>, user: Actor | null | undefined, id: number | null) {
  const actor = authorize(user, 'platform.opportunities.manage');
  if (id === null) return;
  const p = await participation(db, id);
  if (p) authorize(actor, 'platform.opportunities.manage', { organizationId: Number(p.organization_id) });
}

const confirmed = (p: { status: string; revoked_at: string | null }) =>
  p.status === 'attended' && p.revoked_at === null;

export async function assess(db: Kysely<DB>, user: Actor, id: number, body: AssessmentBody, at = new Date()) {
  const actor = requireActor(user);
  const p = await participation(db, id);
  if (!p) throw notFound(`No application ${id}`);
  authorize(actor, 'platform.opportunities.manage', { organizationId: Number(p.organization_id) });
  if (!confirmed(p))
    throw refuse(409, 'not_attended', 'Only a participation with confirmed hours is assessed', {
      status: p.status,
    });
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('assessment')
      .select('id')
      .where('application_id', '=', id)
      .executeTakeFirst();
    if (done)
      throw refuse(409, 'already_assessed', 'This participation is assessed already', { id: done.id });
    const row = await trx
      .insertInto('assessment')
      .values({
        application_id: id,
        volunteer_id: p.volunteer_id,
        organization_id: Number(p.organization_id),
        region: p.region,
        by_user: actor.id,
        reliability: body.reliability,
        skills: body.skills,
        teamwork: body.teamwork,
        comment: body.comment?.trim() || null,
        created_at: now,
        seen_at: null,
        contest_status: null,
        contest_text: null,
        contested_at: null,
        settled_by: null,
        settled_at: null,
        settlement: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'create',
          entity: 'assessment',
          entityId: String(row.id),
          newValue: JSON.stringify({
            reliability: body.reliability,
            skills: body.skills,
            teamwork: body.teamwork,
          }),
          region: p.region,
        },
      ],
      now,
    );
    return { id: Number(row.id) };
  });
}

function joined(db: Kysely<DB>) {
  return db
    .selectFrom('assessment as s')
    .innerJoin('application as a', 'a.id', 's.application_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .innerJoin('organization as g', 'g.id', 's.organization_id')
    .leftJoin('volunteer_profile as v', 'v.user_id', 's.volunteer_id')
    .selectAll('s')
    .select(['o.title', 'g.name as org_name', 'v.name as volunteer_name']);
}

type Joined = Awaited<ReturnType<ReturnType<typeof joined>['execute']>>[number];

const view = (r: Joined): AssessmentView => ({
  id: Number(r.id),
  application: Number(r.application_id),
  opportunity: r.title,
  organization: r.org_name,
  reliability: Number(r.reliability),
  skills: Number(r.skills),
  teamwork: Number(r.teamwork),
  comment: r.comment,
  createdAt: r.created_at,
  contestUntil: new Date(Date.parse(r.created_at) + CONTEST_DAYS * DAY).toISOString(),
  contest:
    r.contest_status === null
      ? null
      : { status: r.contest_status, text: r.contest_text ?? '', settlement: r.settlement },
});

/** The volunteer's assessments; reading them marks them seen (the record book shows them from then). */
export async function listOwnAssessments(db: Kysely<DB>, user: Actor | null | undefined, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const rows = await joined(db).where('s.volunteer_id', '=', actor.id).orderBy('s.id', 'desc').execute();
  await db
    .updateTable('assessment')
    .set({ seen_at: at.toISOString() })
    .where('volunteer_id', '=', actor.id)
    .where('seen_at', 'is', null)
    .execute();
  return { items: rows.map(view) };
}

export async function contest(db: Kysely<DB>, user: Actor, id: number, body: ContestBody, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound(`No assessment ${id}`);
    if (a.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s assessment');
    if (a.contest_status !== null)
      throw refuse(409, 'already_contested', 'This assessment is contested already');
    if (Date.parse(now) > Date.parse(a.created_at) + CONTEST_DAYS * DAY)
      throw refuse(
        409,
        'contest_window_closed',
        `An assessment may be contested within ${CONTEST_DAYS} days`,
        {
          days: CONTEST_DAYS,
        },
      );
    const moved = await trx
      .updateTable('assessment')
      .set({
        contest_status: 'open',
        contest_text: body.text.trim(),
        contested_at: now,
        seen_at: a.seen_at ?? now,
      })
      .where('id', '=', id)
      .where('contest_status', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw refuse(409, 'already_contested', 'This assessment is contested already');
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'contest',
          entity: 'assessment',
          entityId: String(id),
          note: body.text.trim(),
          region: a.region,
        },
      ],
      now,
    );
    return { status: 'open' as const };
  });
}

/** Open contests (or settled ones) of the front office's region; the national office's all. */
export async function listContests(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  status: 'open' | 'upheld' | 'rejected',
): Promise<{ items: ContestView[] }> {
  const only = listScope(requireActor(user), 'platform.disputes.settle').region;
  let q = joined(db).where('s.contest_status', '=', status);
  if (only) q = q.where('s.region', '=', only);
  const rows = await q.orderBy('s.contested_at').limit(500).execute();
  return { items: rows.map((r) => ({ ...view(r), region: r.region, volunteer: r.volunteer_name ?? '—' })) };
}

/** For a route's guard: the contest's region is the actor's. */
export async function assertMaySettleContest(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number | null,
) {
  const actor = authorize(user, 'platform.disputes.settle');
  if (id === null) return;
  const a = await db.selectFrom('assessment').select('region').where('id', '=', id).executeTakeFirst();
  if (a) authorize(actor, 'platform.disputes.settle', { region: a.region });
}

export async function settleContest(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: SettleContestBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound(`No assessment ${id}`);
    authorize(actor, 'platform.disputes.settle', { region: a.region });
    if (a.contest_status !== 'open')
      throw refuse(409, 'contest_not_open', 'This assessment is not contested, or settled already');
    await trx
      .updateTable('assessment')
      .set({
        contest_status: body.decision,
        settled_by: actor.id,
        settled_at: now,
        settlement: body.note.trim(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'settle',
          entity: 'assessment',
          entityId: String(id),
          field: 'contest_status',
          oldValue: 'open',
          newValue: body.decision,
          note: body.note.trim(),
          region: a.region,
        },
      ],
      now,
    );
    return { status: body.decision };
  });
}

export async function rate(db: Kysely<DB>, user: Actor, id: number, body: RatingBody, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const p = await participation(db, id);
  if (!p) throw notFound(`No application ${id}`);
  if (p.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
  if (!confirmed(p))
    throw refuse(409, 'not_attended', 'Rate an opportunity after your hours there are confirmed');
  const done = await db
    .selectFrom('opportunity_rating')
    .select('id')
    .where('application_id', '=', id)
    .executeTakeFirst();
  if (done) throw refuse(409, 'already_rated', 'You rated this participation already');
  try {
    const row = await db
      .insertInto('opportunity_rating')
      .values({
        application_id: id,
        volunteer_id: actor.id,
        opportunity_id: p.opportunity_id,
        organization_id: Number(p.organization_id),
        rating: body.rating,
        went_well: body.wentWell?.trim() || null,
        improve: body.improve?.trim() || null,
        created_at: at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(row.id) };
  } catch {
    // Two ratings sent at once: the unique index keeps one.
    throw refuse(409, 'already_rated', 'You rated this participation already');
  }
}

/** An organisation's public page: its rating and its response time, with the numbers behind them. */
export async function organizationPublic(db: Kysely<DB>, id: number) {
  const org = await db
    .selectFrom('organization as g')
    .innerJoin('platform_org as p', 'p.organization_id', 'g.id')
    .select(['g.id', 'g.name', 'g.type', 'g.region', 'p.status'])
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (org?.status !== 'verified') throw notFound(`No organisation ${id} on the platform`);
  const [ratings, answers] = await Promise.all([
    db
      .selectFrom('opportunity_rating')
      .select((eb) => [eb.fn.avg<number>('rating').as('avg'), eb.fn.countAll<number>().as('n')])
      .where('organization_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('application as a')
      .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
      .select(['a.created_at', 'a.answered_at'])
      .where('o.organization_id', '=', id)
      .where('a.answered_at', 'is not', null)
      .orderBy('a.id', 'desc')
      .limit(1000)
      .execute(),
  ]);
  const hours = answers
    .map((a) => (Date.parse(a.answered_at as string) - Date.parse(a.created_at)) / 3600_000)
    .filter((h) => h >= 0)
    .sort((a, b) => a - b);
  const mid =
    hours.length === 0
      ? null
      : hours.length % 2
        ? (hours[(hours.length - 1) / 2] as number)
        : ((hours[hours.length / 2 - 1] as number) + (hours[hours.length / 2] as number)) / 2;
  const n = Number(ratings.n);
  return {
    id: Number(org.id),
    name: org.name,
    type: org.type,
    region: org.region,
    rating: n === 0 ? null : Math.round(Number(ratings.avg) * 10) / 10,
    ratings: n,
    responseHours: mid === null ? null : Math.round(mid * 10) / 10,
    answered: hours.length,
  };
}

/** The assessment of each participation the volunteer has seen, for the record book. */
export async function seenAssessmentsOf(db: Kysely<DB>, volunteerId: number) {
  const rows = await db
    .selectFrom('assessment')
    .select(['application_id', 'reliability', 'skills', 'teamwork', 'comment', 'contest_status'])
    .where('volunteer_id', '=', volunteerId)
    .where('seen_at', 'is not', null)
    .execute();
  return new Map(
    rows
      .filter((r) => r.contest_status !== 'upheld')
      .map((r) => [
        Number(r.application_id),
        {
          reliability: Number(r.reliability),
          skills: Number(r.skills),
          teamwork: Number(r.teamwork),
          comment: r.comment,
        },
      ]),
  );
}
