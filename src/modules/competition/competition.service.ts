// The "Zhana Bastama" competition (issue 13 item 5, DOMAIN.md §8; seed 004: "approximately 10
// volunteer initiatives will be selected from each region", about 1 million KZT each).
// - The national office opens one call a year with each region's quota (winners) and budget, and
//   the cap per application; it closes the applications (the commissions score), then closes the
//   scores and selects.
// - The coordinator of an organisation verified on the platform applies once per call, for his
//   organisation's region. The eligibility check (domain/competition.ts) refuses, with its code, an
//   organisation not verified, one on the register of unscrupulous grant implementers, a budget
//   over the cap, a region without a quota.
// - The regional commission is the front office of the region: each of its accounts scores each
//   application once, 1–10 (SCORE_MIN–SCORE_MAX), changeable while the call is scoring and never
//   after (the selection closes the scores).
// - The selection (domain/competition.ts selectWinners: the mean score, the tie rule, the quota and
//   the budget) runs per region; an applicant put on the register since it applied is left out
//   (on_register). Each winner becomes a grant project (kind competition): its follow-up reports are
//   grantee reports through the platform, activity records of the region like any other; a winner
//   with none once the reports are due is flagged unreported.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  ineligibility,
  isScoreInScale,
  SCORE_MAX,
  SCORE_MIN,
  selectWinners,
} from '../../domain/competition.ts';
import { kzDate } from '../../domain/platform-cohort.ts';
import { type Actor, authorize, can, listScope, requireActor } from '../../domain/policy.ts';
import { notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordedOf } from '../grants/grants.repository.ts';
import { insertProject } from '../grants/projects.service.ts';
import { isOnRegister } from '../grants/register.service.ts';
import {
  type ApplicationRow,
  applicantOf,
  applicationCounts,
  applicationsQuery,
  findApplication,
  findCall,
  listCallRows,
  quotasOf,
  scoresOf,
} from './competition.repository.ts';
import type {
  ApplicationBody,
  CallBody,
  CallSummary,
  CompetitionApplication,
  CompetitionCall,
  QuotaBody,
  ScoreBody,
} from './competition.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

const statusConflict = (call: { status: string }, wanted: string) =>
  refuse(409, 'competition_call_status', `The call is ${call.status}; this needs it ${wanted}`, {
    status: call.status,
    wanted,
  });

async function summaries(db: Db, calls: CallRow[]): Promise<CallSummary[]> {
  const ids = calls.map((c) => Number(c.id));
  const [quotas, counts] = await Promise.all([quotasOf(db, ids), applicationCounts(db, ids)]);
  return calls.map((c) => ({
    id: Number(c.id),
    year: Number(c.year),
    title: c.title,
    grantor: c.grantor,
    budgetCapKzt: Number(c.budget_cap_kzt),
    reportDue: c.report_due,
    status: c.status,
    illustrative: Number(c.illustrative) === 1,
    createdAt: c.created_at,
    scoringAt: c.scoring_at,
    selectedAt: c.selected_at,
    scale: { min: SCORE_MIN, max: SCORE_MAX },
    quotas: quotas
      .filter((q) => Number(q.call_id) === Number(c.id))
      .map((q) => {
        const n = counts.get(`${c.id}|${q.region}`);
        return {
          region: q.region,
          quota: Number(q.quota),
          budgetKzt: Number(q.budget_kzt),
          applications: n?.applications ?? 0,
          winners: n?.winners ?? 0,
          awardedKzt: n?.awarded ?? 0,
        };
      }),
  }));
}

export async function listCalls(db: Db, user: Actor | null | undefined) {
  authorize(user, 'competition.read');
  return { items: await summaries(db, await listCallRows(db)) };
}

/** The call with the applications the actor may read. */
export async function getCall(
  db: Db,
  user: Actor | null | undefined,
  id: number,
  at = new Date(),
): Promise<CompetitionCall> {
  const actor = authorize(user, 'competition.read');
  const call = await findCall(db, id);
  if (!call) throw notFound(`No call ${id}`);
  const scope = listScope(actor, 'competition.read');
  let q = applicationsQuery(db).where('a.call_id', '=', id);
  if (scope.region) q = q.where('a.region', '=', scope.region);
  if (scope.organizationId) q = q.where('a.organization_id', '=', scope.organizationId);
  const rows = await q.orderBy('a.region').orderBy('a.rank').orderBy('a.id').execute();
  const [summary] = await summaries(db, [call]);
  const scores = await scoresOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  const projects = rows.flatMap((r) => (r.project_id === null ? [] : [Number(r.project_id)]));
  const reported = await recordedOf(db, projects);
  const today = kzDate(at.toISOString());
  // The applicant sees scores once the selection is made; the commission and the national office
  // while they are given.
  const seesScores =
    call.status === 'selected' || can(actor, 'competition.score') || can(actor, 'competition.manage');
  const view = (r: ApplicationRow): CompetitionApplication => {
    const mine = (scores.get(Number(r.id)) ?? []).find((s) => Number(s.member_id) === actor.id);
    const given = scores.get(Number(r.id)) ?? [];
    const mean = given.length ? given.reduce((s, x) => s + Number(x.score), 0) / given.length : null;
    const projectId = r.project_id === null ? null : Number(r.project_id);
    const rec = projectId === null ? undefined : reported.get(projectId);
    return {
      id: Number(r.id),
      callId: Number(r.call_id),
      organization: { id: Number(r.organization_id), name: r.org_name, bin: r.org_bin },
      region: r.region,
      title: r.title,
      area: r.area,
      description: r.description,
      budgetKzt: Number(r.budget_kzt),
      expectedVolunteers: Number(r.expected_volunteers),
      expectedBeneficiaries: Number(r.expected_beneficiaries),
      status: r.status,
      outcome: r.outcome,
      score: !seesScores
        ? null
        : r.score !== null
          ? Number(r.score)
          : mean === null
            ? null
            : Math.round(mean * 100) / 100,
      scores: !seesScores ? null : r.scores !== null ? Number(r.scores) : given.length,
      rank: call.status === 'selected' && r.rank !== null ? Number(r.rank) : null,
      myScore: mine ? { score: Number(mine.score), comment: mine.comment } : null,
      projectId,
      reported:
        projectId === null
          ? null
          : {
              records: rec?.records ?? 0,
              volunteers: rec?.volunteers ?? 0,
              hours: rec?.hours ?? 0,
              beneficiaries: rec?.beneficiaries ?? 0,
            },
      unreported: r.status === 'winner' && (rec?.records ?? 0) === 0 && today > call.report_due,
      illustrative: Number(r.illustrative) === 1,
      createdAt: r.created_at,
    };
  };
  return { ...(summary as CallSummary), applications: rows.map(view) };
}

async function checkRegions(db: Db, regions: string[]) {
  const known = new Set(
    (await db.selectFrom('territory_unit').select('code').where('code', 'in', regions).execute()).map(
      (u) => u.code,
    ),
  );
  const unknown = regions.find((r) => !known.has(r));
  if (unknown) throw refuse(422, 'unknown_region', `Unknown region: ${unknown}`, { value: unknown });
}

export async function createCall(db: Kysely<DB>, user: Actor, body: CallBody, at = new Date()) {
  const actor = authorize(user, 'competition.manage');
  const regions = body.quotas.map((q) => q.region);
  const twice = regions.find((r, i) => regions.indexOf(r) !== i);
  if (twice)
    throw refuse(422, 'competition_quota_twice', `Region ${twice} is given two quotas`, { region: twice });
  const now = at.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    await checkRegions(trx, regions);
    const same = await trx
      .selectFrom('competition_call')
      .select('id')
      .where('year', '=', body.year)
      .executeTakeFirst();
    if (same)
      throw refuse(409, 'competition_call_exists', `The ${body.year} call exists already`, {
        year: body.year,
        id: Number(same.id),
      });
    const row = await trx
      .insertInto('competition_call')
      .values({
        year: body.year,
        title: body.title.trim(),
        grantor: body.grantor.trim(),
        budget_cap_kzt: body.budgetCapKzt,
        report_due: body.reportDue,
        status: 'open',
        illustrative: 0,
        created_at: now,
        scoring_at: null,
        selected_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await trx
      .insertInto('competition_quota')
      .values(
        body.quotas.map((q) => ({ call_id: id, region: q.region, quota: q.quota, budget_kzt: q.budgetKzt })),
      )
      .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'create',
          entity: 'competition_call',
          entityId: String(id),
          newValue: body,
        },
      ],
      now,
    );
    return id;
  });
  return getCall(db, actor, id, at);
}

/** A region's quota and budget, set (or changed) until the selection. */
export async function setQuota(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  region: string,
  body: QuotaBody,
  at = new Date(),
) {
  const actor = authorize(user, 'competition.manage');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const call = await findCall(trx, id);
    if (!call) throw notFound(`No call ${id}`);
    if (call.status === 'selected') throw statusConflict(call, 'open or scoring');
    await checkRegions(trx, [region]);
    const current = await trx
      .selectFrom('competition_quota')
      .selectAll()
      .where('call_id', '=', id)
      .where('region', '=', region)
      .executeTakeFirst();
    if (current)
      await trx
        .updateTable('competition_quota')
        .set({ quota: body.quota, budget_kzt: body.budgetKzt })
        .where('call_id', '=', id)
        .where('region', '=', region)
        .execute();
    else
      await trx
        .insertInto('competition_quota')
        .values({ call_id: id, region, quota: body.quota, budget_kzt: body.budgetKzt })
        .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'update',
          entity: 'competition_quota',
          entityId: `${id}:${region}`,
          oldValue: current ? { quota: Number(current.quota), budgetKzt: Number(current.budget_kzt) } : null,
          newValue: body,
          region,
        },
      ],
      now,
    );
  });
  return getCall(db, actor, id, at);
}

export async function apply(
  db: Kysely<DB>,
  user: Actor,
  callId: number,
  body: ApplicationBody,
  at = new Date(),
) {
  const actor = authorize(user, 'competition.apply');
  const orgId = actor.organizationId as number;
  const now = at.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const call = await findCall(trx, callId);
    if (!call) throw notFound(`No call ${callId}`);
    if (call.status !== 'open')
      throw refuse(409, 'competition_call_not_open', `The ${call.year} call takes no more applications`, {
        status: call.status,
      });
    const org = await applicantOf(trx, orgId);
    if (!org) throw notFound(`No organisation ${orgId}`);
    const area = await trx
      .selectFrom('code_list_item')
      .select('code')
      .where('list', '=', 'area')
      .where('code', '=', body.area)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!area) throw refuse(422, 'unknown_area', `Unknown area: ${body.area}`, { value: body.area });
    const quota = await trx
      .selectFrom('competition_quota')
      .select('quota')
      .where('call_id', '=', callId)
      .where('region', '=', org.region)
      .executeTakeFirst();
    const entry = await isOnRegister(trx, { id: Number(org.id), bin: org.bin });
    const why = ineligibility({
      verified: org.platform_status === 'verified',
      onRegister: entry !== null,
      budgetKzt: body.budgetKzt,
      capKzt: Number(call.budget_cap_kzt),
      regionHasQuota: quota !== undefined && Number(quota.quota) > 0,
    });
    if (why === 'competition_org_not_verified')
      throw refuse(409, why, 'Only an organisation verified on the platform may apply', {
        status: org.platform_status ?? 'none',
      });
    if (why === 'competition_on_register')
      throw refuse(409, why, 'The organisation is on the register of unscrupulous grant implementers', {
        decisionDate: entry?.decision_date ?? '',
        documentRef: entry?.document_ref ?? '',
      });
    if (why === 'competition_budget_over_cap')
      throw refuse(422, why, `The budget is over the call's cap of ${Number(call.budget_cap_kzt)} KZT`, {
        cap: Number(call.budget_cap_kzt),
        value: body.budgetKzt,
      });
    if (why === 'competition_no_quota')
      throw refuse(409, why, `The call has no places for region ${org.region}`, { region: org.region });
    const done = await trx
      .selectFrom('competition_application')
      .select('id')
      .where('call_id', '=', callId)
      .where('organization_id', '=', orgId)
      .executeTakeFirst();
    const already = () =>
      refuse(409, 'competition_already_applied', 'The organisation has applied to this call already', {
        id: done ? Number(done.id) : null,
      });
    if (done) throw already();
    const row = await trx
      .insertInto('competition_application')
      .values({
        call_id: callId,
        organization_id: orgId,
        region: org.region,
        title: body.title.trim(),
        area: body.area,
        description: body.description.trim(),
        budget_kzt: body.budgetKzt,
        expected_volunteers: body.expectedVolunteers,
        expected_beneficiaries: body.expectedBeneficiaries,
        status: 'submitted',
        outcome: null,
        score: null,
        scores: null,
        rank: null,
        illustrative: 0,
        created_by: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(() => {
        // Two applications sent at once: the unique index keeps one.
        throw already();
      });
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'create',
          entity: 'competition_application',
          entityId: String(row.id),
          newValue: { callId, organizationId: orgId, ...body },
          region: org.region,
        },
      ],
      now,
    );
    return Number(row.id);
  });
  const call = await getCall(db, actor, callId, at);
  return call.applications.find((a) => a.id === id) as CompetitionApplication;
}

export async function closeApplications(db: Kysely<DB>, user: Actor, id: number, at = new Date()) {
  const actor = authorize(user, 'competition.manage');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const call = await findCall(trx, id);
    if (!call) throw notFound(`No call ${id}`);
    if (call.status !== 'open') throw statusConflict(call, 'open');
    await trx
      .updateTable('competition_call')
      .set({ status: 'scoring', scoring_at: now })
      .where('id', '=', id)
      .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'status',
          entity: 'competition_call',
          entityId: String(id),
          field: 'status',
          oldValue: 'open',
          newValue: 'scoring',
        },
      ],
      now,
    );
  });
  return getCall(db, actor, id, at);
}

/** For a route's guard: the application's region is the member's (404 for an unknown one later). */
export async function assertMayScore(db: Db, user: Actor | null | undefined, id: number | null) {
  const actor = authorize(user, 'competition.score');
  if (id === null) return;
  const a = await db
    .selectFrom('competition_application')
    .select('region')
    .where('id', '=', id)
    .executeTakeFirst();
  if (a) authorize(actor, 'competition.score', { region: a.region });
}

/** A commission member's score of an application: given or changed while the call is scoring. */
export async function score(db: Kysely<DB>, user: Actor, id: number, body: ScoreBody, at = new Date()) {
  const actor = requireActor(user);
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const a = await findApplication(trx, id);
    if (!a) throw notFound(`No application ${id}`);
    authorize(actor, 'competition.score', { region: a.region });
    // The call's row locked first (PostgreSQL): a selection committing meanwhile is waited for and
    // its status read, so that no score lands after the winners are drawn from the scores.
    await trx
      .updateTable('competition_call')
      .set((eb) => ({ status: eb.ref('status') }))
      .where('id', '=', Number(a.call_id))
      .execute();
    const call = (await findCall(trx, Number(a.call_id))) as CallRow;
    if (call.status === 'open')
      throw refuse(
        409,
        'competition_scoring_not_open',
        'Applications are scored once the call stops taking them',
      );
    if (call.status === 'selected')
      throw refuse(409, 'competition_scoring_closed', 'The scores are closed: the winners are selected', {
        selectedAt: call.selected_at ?? '',
      });
    if (!isScoreInScale(body.score))
      throw refuse(
        422,
        'competition_score_out_of_scale',
        `A score is a whole number from ${SCORE_MIN} to ${SCORE_MAX}`,
        {
          min: SCORE_MIN,
          max: SCORE_MAX,
          value: body.score,
        },
      );
    if (a.status !== 'submitted')
      throw refuse(409, 'competition_call_status', 'This application is not being scored', {
        status: a.status,
      });
    const current = await trx
      .selectFrom('competition_score')
      .selectAll()
      .where('application_id', '=', id)
      .where('member_id', '=', actor.id)
      .executeTakeFirst();
    const comment = body.comment?.trim() || null;
    if (current)
      await trx
        .updateTable('competition_score')
        .set({ score: body.score, comment, scored_at: now })
        .where('application_id', '=', id)
        .where('member_id', '=', actor.id)
        .execute();
    else
      await trx
        .insertInto('competition_score')
        .values({ application_id: id, member_id: actor.id, score: body.score, comment, scored_at: now })
        .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: current ? 'update' : 'create',
          entity: 'competition_score',
          entityId: `${id}:${actor.id}`,
          field: 'score',
          oldValue: current ? Number(current.score) : null,
          newValue: body.score,
          note: comment,
          region: a.region,
        },
      ],
      now,
    );
  });
  return { application: id, score: body.score, comment: body.comment?.trim() || null };
}

/**
 * Closes the scores and selects each region's winners (domain/competition.ts). An applicant on the
 * register by now is left out (ineligible, on_register); each winner becomes a grant project.
 */
export async function selectCall(db: Kysely<DB>, user: Actor, id: number, at = new Date()) {
  const actor = authorize(user, 'competition.manage');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const call = await findCall(trx, id);
    if (!call) throw notFound(`No call ${id}`);
    if (call.status !== 'scoring') throw statusConflict(call, 'scoring');
    // The status first: a score arriving from now on finds the call selected.
    await trx
      .updateTable('competition_call')
      .set({ status: 'selected', selected_at: now })
      .where('id', '=', id)
      .execute();
    const apps = await applicationsQuery(trx)
      .where('a.call_id', '=', id)
      .where('a.status', '=', 'submitted')
      .execute();
    const scores = await scoresOf(
      trx,
      apps.map((a) => Number(a.id)),
    );
    const quotas = await quotasOf(trx, [id]);
    const entries = [];
    const dueYear = Number(call.report_due.slice(0, 4));
    for (const q of quotas) {
      const mine = apps.filter((a) => a.region === q.region);
      const eligible = [];
      for (const a of mine) {
        if (await isOnRegister(trx, { id: Number(a.organization_id), bin: a.org_bin })) {
          await trx
            .updateTable('competition_application')
            .set({ status: 'ineligible', outcome: 'on_register' })
            .where('id', '=', a.id)
            .execute();
          entries.push({ id: Number(a.id), status: 'ineligible', outcome: 'on_register', region: a.region });
        } else eligible.push(a);
      }
      const ranked = selectWinners(
        eligible.map((a) => ({
          id: Number(a.id),
          scores: (scores.get(Number(a.id)) ?? []).map((s) => Number(s.score)),
          budgetKzt: Number(a.budget_kzt),
          submittedAt: a.created_at,
        })),
        Number(q.quota),
        Number(q.budget_kzt),
      );
      for (const r of ranked) {
        const a = eligible.find((x) => Number(x.id) === r.id) as ApplicationRow;
        const status = r.outcome === 'selected' ? 'winner' : 'not_selected';
        await trx
          .updateTable('competition_application')
          .set({
            status,
            outcome: r.outcome,
            score: r.score,
            scores: (scores.get(r.id) ?? []).length,
            rank: r.rank,
          })
          .where('id', '=', r.id)
          .execute();
        entries.push({
          id: r.id,
          status,
          outcome: r.outcome,
          region: a.region,
          score: r.score,
          rank: r.rank,
        });
        if (status === 'winner')
          await insertProject(
            trx,
            actor,
            {
              title: a.title,
              organizationId: Number(a.organization_id),
              grantor: call.grantor,
              area: a.area,
              yearFrom: Number(call.year),
              yearTo: Math.max(Number(call.year), dueYear),
              regions: [a.region],
              amountKzt: Number(a.budget_kzt),
              plannedVolunteers: Number(a.expected_volunteers),
              plannedBeneficiaries: Number(a.expected_beneficiaries),
            },
            { kind: 'competition', applicationId: r.id, illustrative: Number(a.illustrative) === 1, at },
          );
      }
    }
    // Applications of a region the call has no quota for (its quota removed since): not selected.
    const placed = new Set(entries.map((e) => e.id));
    for (const a of apps.filter((x) => !placed.has(Number(x.id)))) {
      await trx
        .updateTable('competition_application')
        .set({ status: 'not_selected', outcome: 'quota_full' })
        .where('id', '=', a.id)
        .execute();
      entries.push({ id: Number(a.id), status: 'not_selected', outcome: 'quota_full', region: a.region });
    }
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'status',
          entity: 'competition_call',
          entityId: String(id),
          field: 'status',
          oldValue: 'scoring',
          newValue: 'selected',
        },
        ...entries.map((e) => ({
          userId: actor.id || null,
          action: 'select',
          entity: 'competition_application',
          entityId: String(e.id),
          newValue: e,
          region: e.region,
        })),
      ],
      now,
    );
  });
  return getCall(db, actor, id, at);
}
