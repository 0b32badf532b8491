// National award rounds scored by a jury (issue 13 item 3, DOMAIN.md §8 "Awards"): Volunteer of the
// Year. The national admin sets a round up with its nominations (domestic and international apart,
// each with its criteria in order) and a scale, and seats jurors (accounts of the role `juror`);
// the front offices enter nominees of their own region, the national office of any, each with a
// justification (`nominating`). Then the jurors score (`scoring`): each nominee on each criterion,
// 1..scale (outside: 400 score_out_of_scale); a juror declares his conflicts of interest and
// scores none of those nominees (409 conflict_of_interest; a conflict declared after scoring takes
// his scores of that nominee out). Nobody sees another juror's scores — the staff see only how many
// each has entered — until the round is `closed`; from then on no score changes (409 round_closed)
// and the result follows from the scores by the stated rule (domain/award-result.ts). `published`:
// the result with the jury's names on the public page and JSON.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RESULT_RULE } from '../../domain/award-result.ts';
import { type Actor, authorize, listScope, requireActor, scopeOf } from '../../domain/policy.ts';
import { badRequest, notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  accountOf,
  conflictOf,
  conflictsOf,
  deleteScoresOf,
  hasHoursIn,
  insertConflict,
  insertNominee,
  insertRound,
  jurorIds,
  juryOf,
  lockRound,
  moveRoundRow,
  nominationOf,
  nominationsOf,
  nomineeOfVolunteer,
  nomineesOf,
  nomineeWithCriteria,
  publishedRoundRows,
  putScore,
  roundById,
  roundListRows,
  roundOfYear,
  roundsOfJuror,
  scoresOf,
  seatJurorRow,
  volunteerNameOf,
} from './rounds.repository.ts';
import { roundRankings } from './rounds.results.ts';
import type {
  ConflictBody,
  JurorBody,
  NomineeBody,
  PublicRound,
  RoundBody,
  RoundStatus,
  RoundView,
  ScoresBody,
} from './rounds.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
const uid = (a: Actor) => (a.id > 0 ? a.id : null);

/** For a route's guard: `action` on the round, its jury known (unknown round: the handler's 404). */
export async function assertRoundAccess(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number | null,
  action: 'awards.rounds.read' | 'awards.rounds.manage' | 'awards.score',
) {
  const actor = authorize(user, action);
  if (id === null) return;
  if (await roundById(db, id)) authorize(actor, action, { jurors: await jurorIds(db, id) });
}

async function foundRound(db: Db, id: number) {
  const r = await roundById(db, id);
  if (!r) throw notFound(`No award round ${id}`);
  return r;
}

/**
 * The round's row locked for the rest of the transaction, then read: a score, a conflict or a
 * nominee written while the admin closes the round waits for the other (PostgreSQL's row lock;
 * SQLite writes one transaction at a time), so none lands after the close.
 */
async function lockedRound(trx: Transaction<DB>, id: number) {
  await lockRound(trx, id);
  return foundRound(trx, id);
}

const closedRefusal = (id: number, status: string) =>
  refuse(409, 'round_closed', `Round ${id} is ${status}: its scores and conflicts can no longer change`, {
    status,
  });

/** The national admin sets a round up. One round of a kind per year: 409 round_exists. */
export async function createRound(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  body: RoundBody,
  at = new Date(),
  illustrative = false,
) {
  const actor = authorize(user, 'awards.rounds.manage');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const twin = await roundOfYear(trx, body.year);
    if (twin)
      throw refuse(
        409,
        'round_exists',
        `The Volunteer of the Year ${body.year} has a round already (${twin.id})`,
        {
          id: Number(twin.id),
        },
      );
    const id = await insertRound(
      trx,
      {
        kind: 'volunteer_of_year',
        year: body.year,
        title: body.title,
        scale_max: body.scaleMax,
        status: 'nominating',
        created_by: uid(actor),
        created_at: now,
        closed_at: null,
        published_at: null,
        illustrative: illustrative ? 1 : 0,
      },
      body.nominations,
    );
    await writeAudit(
      trx,
      [{ userId: uid(actor), action: 'create', entity: 'award_round', entityId: String(id), newValue: body }],
      now,
    );
    return { id };
  });
}

/** Seats a juror: an active account of the role juror, named as the results will publish him. */
export async function seatJuror(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
  body: JurorBody,
  at = new Date(),
) {
  const actor = authorize(user, 'awards.rounds.manage');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await lockedRound(trx, roundId);
    if (r.status === 'closed' || r.status === 'published') throw closedRefusal(roundId, r.status);
    const u = await accountOf(trx, body.user);
    if (u?.role !== 'juror' || u.disabled === 1)
      throw refuse(422, 'not_a_juror', `Account ${body.user} is not an active account of the role juror`, {
        user: body.user,
      });
    const name = body.name ?? u.display_name?.trim();
    if (!name)
      throw refuse(422, 'juror_name_required', 'Give the juror’s name as the results will publish it', {
        user: body.user,
      });
    await seatJurorRow(trx, roundId, body.user, name, now);
    await writeAudit(
      trx,
      [
        {
          userId: uid(actor),
          action: 'seat',
          entity: 'award_round',
          entityId: String(roundId),
          field: 'juror',
          newValue: { user: body.user, name },
        },
      ],
      now,
    );
    return { user: body.user, name };
  });
}

/** A nominee with a justification: a front office from its own region, the national office any. */
export async function enterNominee(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
  body: NomineeBody,
  at = new Date(),
) {
  const actor = authorize(user, 'awards.nominate', { region: body.region });
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await lockedRound(trx, roundId);
    if (r.status !== 'nominating')
      throw refuse(409, 'round_not_nominating', `Round ${roundId} is ${r.status}: nominations are closed`, {
        status: r.status,
      });
    const nomination = await nominationOf(trx, roundId, body.nomination);
    if (!nomination)
      throw refuse(422, 'unknown_nomination', `Round ${roundId} has no nomination ${body.nomination}`, {
        nomination: body.nomination,
      });
    let name = body.name;
    if (body.volunteer !== undefined) {
      const p = await volunteerNameOf(trx, body.volunteer);
      // A front office names only a volunteer of its region (living there, or with confirmed hours
      // there): not anyone's name behind an id. The national office any.
      const ofRegion =
        p !== undefined &&
        (scopeOf(actor, 'awards.nominate') === 'all' ||
          p.region === body.region ||
          (await hasHoursIn(trx, body.volunteer, body.region)));
      if (!p || p.erased_at !== null || !ofRegion)
        throw refuse(
          422,
          'unknown_volunteer',
          `No volunteer ${body.volunteer} of ${body.region} on the platform`,
          { volunteer: body.volunteer },
        );
      name = p.name;
      const twice = await nomineeOfVolunteer(trx, body.nomination, body.volunteer);
      if (twice)
        throw refuse(409, 'already_nominated', `${p.name} is nominated in this nomination already`, {
          id: Number(twice.id),
        });
    }
    const id = await insertNominee(trx, {
      round_id: roundId,
      nomination_id: body.nomination,
      name: (name as string).trim(),
      region: body.region,
      volunteer_id: body.volunteer ?? null,
      justification: body.justification,
      entered_by: uid(actor),
      entered_at: now,
    });
    await writeAudit(
      trx,
      [
        {
          userId: uid(actor),
          action: 'nominate',
          entity: 'award_nominee',
          entityId: String(id),
          newValue: { round: roundId, nomination: body.nomination, name },
          note: body.justification,
          region: body.region,
        },
      ],
      now,
    );
    return { id };
  });
}

async function nomineeOf(trx: Db, roundId: number, nominee: number) {
  const n = await nomineeWithCriteria(trx, roundId, nominee);
  if (!n) throw refuse(422, 'unknown_nominee', `Round ${roundId} has no nominee ${nominee}`, { nominee });
  return { ...n, criteria: JSON.parse(n.criteria) as string[] };
}

/** A juror declares a conflict of interest with a nominee: he scores none of that nominee (his scores go). */
export async function declareConflict(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
  body: ConflictBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await lockedRound(trx, roundId);
    authorize(actor, 'awards.score', { jurors: await jurorIds(trx, roundId) });
    if (r.status === 'closed' || r.status === 'published') throw closedRefusal(roundId, r.status);
    const n = await nomineeOf(trx, roundId, body.nominee);
    const had = await conflictOf(trx, actor.id, body.nominee);
    if (had) return { nominee: body.nominee, declaredAt: had.declared_at, withdrawnScores: 0 };
    await insertConflict(trx, {
      round_id: roundId,
      juror_id: actor.id,
      nominee_id: body.nominee,
      note: body.note?.trim() || null,
      declared_at: now,
    });
    const gone = await deleteScoresOf(trx, actor.id, body.nominee);
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'conflict',
          entity: 'award_nominee',
          entityId: String(n.id),
          note: body.note?.trim() || null,
        },
      ],
      now,
    );
    return { nominee: body.nominee, declaredAt: now, withdrawnScores: gone };
  });
}

/** A juror's scores of one nominee, criterion by criterion (a score given again replaces the earlier). */
export async function scoreNominee(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
  body: ScoresBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await lockedRound(trx, roundId);
    authorize(actor, 'awards.score', { jurors: await jurorIds(trx, roundId) });
    if (r.status === 'closed' || r.status === 'published') throw closedRefusal(roundId, r.status);
    if (r.status !== 'scoring')
      throw refuse(
        409,
        'round_not_scoring',
        `Round ${roundId} is still taking nominations: scoring has not begun`,
        {
          status: r.status,
        },
      );
    const n = await nomineeOf(trx, roundId, body.nominee);
    const conflict = await conflictOf(trx, actor.id, body.nominee);
    if (conflict)
      throw refuse(
        409,
        'conflict_of_interest',
        `You declared a conflict of interest with ${n.name}: you score none of this nominee`,
        {
          nominee: body.nominee,
        },
      );
    const seen = new Set<number>();
    for (const s of body.scores) {
      if (s.criterion >= n.criteria.length)
        throw refuse(
          400,
          'unknown_criterion',
          `The nomination has ${n.criteria.length} criteria (0 to ${n.criteria.length - 1})`,
          {
            criterion: s.criterion,
            criteria: n.criteria.length,
          },
        );
      if (s.score < 1 || s.score > r.scale_max)
        throw refuse(
          400,
          'score_out_of_scale',
          `A score is 1 to ${r.scale_max}: ${s.score} is outside the scale`,
          {
            score: s.score,
            min: 1,
            max: r.scale_max,
          },
        );
      if (seen.has(s.criterion)) throw badRequest(`Criterion ${s.criterion} is scored twice`);
      seen.add(s.criterion);
    }
    for (const s of body.scores)
      await putScore(trx, {
        round_id: roundId,
        nominee_id: body.nominee,
        juror_id: actor.id,
        criterion: s.criterion,
        score: s.score,
        scored_at: now,
      });
    // The values stay out of the trail while the round is open: it is read by staff.
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'score',
          entity: 'award_nominee',
          entityId: String(body.nominee),
          note: `${body.scores.length} criteria`,
        },
      ],
      now,
    );
    return { nominee: body.nominee, scored: body.scores.length };
  });
}

const NEXT: Record<RoundStatus, RoundStatus | null> = {
  nominating: 'scoring',
  scoring: 'closed',
  closed: 'published',
  published: null,
};

/** Moves the round on: nominating → scoring → closed → published, one step at a time. */
export async function moveRound(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
  to: RoundStatus,
  at = new Date(),
) {
  const actor = authorize(user, 'awards.rounds.manage');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await lockedRound(trx, roundId);
    if (NEXT[r.status] !== to)
      throw refuse(
        409,
        'round_transition',
        `Round ${roundId} is ${r.status}: it moves to ${NEXT[r.status] ?? 'nothing'} next, not ${to}`,
        {
          status: r.status,
          to,
        },
      );
    const moved = await moveRoundRow(trx, roundId, r.status, {
      status: to,
      ...(to === 'closed' ? { closed_at: now } : {}),
      ...(to === 'published' ? { published_at: now } : {}),
    });
    if (!moved)
      throw refuse(409, 'round_transition', `Round ${roundId} moved on meanwhile`, { status: r.status, to });
    await writeAudit(
      trx,
      [
        {
          userId: uid(actor),
          action: 'status',
          entity: 'award_round',
          entityId: String(roundId),
          field: 'status',
          oldValue: r.status,
          newValue: to,
        },
      ],
      now,
    );
    return { status: to };
  });
}

/** The rounds: all for staff, his own for a juror. */
export async function listRounds(db: Kysely<DB>, user: Actor | null | undefined) {
  const actor = requireActor(user);
  const scope = listScope(actor, 'awards.rounds.read');
  const mine = await roundsOfJuror(db, actor.id);
  const rows = await roundListRows(db, scope.juror !== undefined ? [...mine] : undefined);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      year: Number(r.year),
      title: r.title,
      status: r.status,
      nominees: Number(r.nominees ?? 0),
      jurors: Number(r.jurors ?? 0),
      juror: mine.has(Number(r.id)),
      illustrative: Number(r.illustrative) === 1,
    })),
  };
}

const done = (s: RoundStatus) => s === 'closed' || s === 'published';

/**
 * One round as the caller may see it: a juror his own scores and conflicts while it is open, the
 * staff each juror's progress; everyone with access every score and the ranking once it is closed.
 */
export async function readRound(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  roundId: number,
): Promise<RoundView> {
  const actor = requireActor(user);
  const r = await foundRound(db, roundId);
  const jury = await juryOf(db, roundId);
  authorize(actor, 'awards.rounds.read', { jurors: jury.map((j) => Number(j.user_id)) });
  const isJuror = jury.some((j) => Number(j.user_id) === actor.id);
  const [nominations, nominees, scores, conflicts] = await Promise.all([
    nominationsOf(db, roundId),
    nomineesOf(db, roundId),
    scoresOf(db, roundId),
    conflictsOf(db, roundId),
  ]);
  const rankings = done(r.status) ? ((await roundRankings(db, [roundId])).get(roundId) ?? []) : [];
  return {
    id: Number(r.id),
    year: Number(r.year),
    title: r.title,
    scaleMax: Number(r.scale_max),
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    publishedAt: r.published_at,
    illustrative: Number(r.illustrative) === 1,
    rule: RESULT_RULE,
    juror: isJuror,
    nominations: nominations.map((m) => {
      const criteria = JSON.parse(m.criteria) as string[];
      return {
        id: Number(m.id),
        scope: m.scope,
        name: m.name,
        criteria,
        nominees: nominees
          .filter((n) => Number(n.nomination_id) === Number(m.id))
          .map((n) => ({
            id: Number(n.id),
            name: n.name,
            region: n.region,
            volunteer: n.volunteer_id === null ? null : Number(n.volunteer_id),
            justification: n.justification,
            enteredAt: n.entered_at,
            conflict: conflicts.some(
              (c) => Number(c.nominee_id) === Number(n.id) && Number(c.juror_id) === actor.id,
            ),
            myScores: isJuror
              ? criteria.map((_, i) => {
                  const s = scores.find(
                    (x) =>
                      Number(x.nominee_id) === Number(n.id) &&
                      Number(x.juror_id) === actor.id &&
                      Number(x.criterion) === i,
                  );
                  return s ? Number(s.score) : null;
                })
              : null,
          })),
        ranking: done(r.status)
          ? (rankings.find((x) => x.nomination === Number(m.id))?.ranking ?? []).map(
              ({ volunteer: _v, ...x }) => x,
            )
          : null,
      };
    }),
    jury: jury.map((j) => ({
      user: Number(j.user_id),
      name: j.name,
      scores: scores.filter((s) => Number(s.juror_id) === Number(j.user_id)).length,
      conflicts: conflicts.filter((c) => Number(c.juror_id) === Number(j.user_id)).length,
    })),
    scores: done(r.status)
      ? scores.map((s) => ({
          nominee: Number(s.nominee_id),
          juror: Number(s.juror_id),
          criterion: Number(s.criterion),
          score: Number(s.score),
        }))
      : null,
  };
}

/** The published rounds, newest first (anyone). */
export async function publishedRounds(db: Kysely<DB>) {
  const rows = await publishedRoundRows(db);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      year: Number(r.year),
      title: r.title,
      publishedAt: r.published_at as string,
      illustrative: Number(r.illustrative) === 1,
    })),
  };
}

/** A published round's result with the jury's names (anyone); not published: 404. */
export async function publicRound(db: Kysely<DB>, roundId: number): Promise<PublicRound> {
  const r = await roundById(db, roundId);
  if (r?.status !== 'published') throw notFound(`No published award round ${roundId}`);
  const [jury, nominations, rankings] = await Promise.all([
    juryOf(db, roundId),
    nominationsOf(db, roundId),
    roundRankings(db, [roundId]),
  ]);
  const ranked = rankings.get(roundId) ?? [];
  return {
    id: Number(r.id),
    year: Number(r.year),
    title: r.title,
    scaleMax: Number(r.scale_max),
    publishedAt: r.published_at as string,
    illustrative: Number(r.illustrative) === 1,
    rule: RESULT_RULE,
    jury: jury.map((j) => j.name),
    nominations: nominations.map((m) => ({
      scope: m.scope,
      name: m.name,
      criteria: JSON.parse(m.criteria) as string[],
      ranking: (ranked.find((x) => x.nomination === Number(m.id))?.ranking ?? []).map((x) => ({
        name: x.name,
        region: x.region,
        place: x.place,
        shared: x.shared,
        total: x.total,
        means: x.means,
      })),
    })),
  };
}
