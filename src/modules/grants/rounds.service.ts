// Reporting rounds of the grant projects (issue 13 item 4; the 2022 report's section on priority
// projects): the national office asks every project active in the round's year for its data and
// records, per project, whether the grantee provided it, sent only the grantor's figures
// (duplicated_grantor), refused or could not be reached, with the grantee's comments and the
// figures it gave outside the platform. A front office reads the rounds with its region's projects;
// a grantee's coordinator his organisation's.
import type { Kysely, Transaction } from 'kysely';
import type { DataProvision, DB } from '../../db/schema.ts';
import { type Actor, authorize, listScope, requireActor } from '../../domain/policy.ts';
import { notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  type EntryRow,
  entriesOf,
  findEntry,
  findRound,
  listProjects,
  listRoundRows,
  recordedOf,
} from './grants.repository.ts';
import type { GrantProject, GrantRound, RoundBody, RoundEntryBody, RoundRow } from './grants.schemas.ts';
import { projectFor } from './projects.service.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The projects the actor may read (all for the national office). */
async function visibleProjects(db: Db, actor: Actor, year?: number): Promise<GrantProject[]> {
  const scope = listScope(actor, 'grants.read');
  return listProjects(db, { year, region: scope.region, organizationId: scope.organizationId });
}

const figure = (v: number | null) => (v === null ? null : Number(v));

function countStatuses(entries: { status: DataProvision | null }[]) {
  const by = { provided: 0, duplicated_grantor: 0, refused: 0, unreachable: 0, pending: 0 };
  for (const e of entries) by[e.status ?? 'pending']++;
  return by;
}

type RoundRowDb = Awaited<ReturnType<typeof listRoundRows>>[number];

function summary(r: RoundRowDb, entries: EntryRow[]) {
  return {
    id: Number(r.id),
    title: r.title,
    year: Number(r.year),
    createdAt: r.created_at,
    projects: entries.length,
    byStatus: countStatuses(entries),
  };
}

export async function listRounds(db: Db, user: Actor | null | undefined) {
  const actor = authorize(user, 'grants.read');
  const [rounds, projects] = await Promise.all([listRoundRows(db), visibleProjects(db, actor)]);
  const ids = projects.map((p) => p.id);
  const entries = await entriesOf(db, { projectIds: ids });
  return {
    items: rounds.map((r) =>
      summary(
        r,
        entries.filter((e) => Number(e.round_id) === Number(r.id)),
      ),
    ),
  };
}

export async function getRound(db: Db, user: Actor | null | undefined, id: number): Promise<GrantRound> {
  const actor = authorize(user, 'grants.read');
  const round = await findRound(db, id);
  if (!round) throw notFound(`No reporting round ${id}`);
  const year = Number(round.year);
  const projects = await visibleProjects(db, actor);
  const byId = new Map(projects.map((p) => [p.id, p]));
  const entries = (await entriesOf(db, { roundIds: [id] })).filter((e) => byId.has(Number(e.project_id)));
  const recorded = await recordedOf(
    db,
    entries.map((e) => Number(e.project_id)),
    { from: `${year}-01`, to: `${year}-12` },
  );
  const rows: RoundRow[] = entries.map((e) => {
    const p = byId.get(Number(e.project_id)) as GrantProject;
    const rec = recorded.get(p.id);
    return {
      project: {
        id: p.id,
        kind: p.kind,
        title: p.title,
        organization: p.organization,
        grantor: p.grantor,
        area: p.area,
        regions: p.regions,
        illustrative: p.illustrative,
      },
      status: e.status,
      comment: e.comment,
      reported: { volunteers: figure(e.volunteers), hours: figure(e.hours), events: figure(e.events) },
      recorded: {
        records: rec?.records ?? 0,
        volunteers: rec?.volunteers ?? 0,
        hours: rec?.hours ?? 0,
        beneficiaries: rec?.beneficiaries ?? 0,
      },
      illustrative: Number(e.illustrative) === 1,
      updatedAt: e.updated_at,
    };
  });
  rows.sort((a, b) => a.project.title.localeCompare(b.project.title) || a.project.id - b.project.id);
  return { ...summary(round, entries), entries: rows };
}

/** A new round of the year, with an entry (status not known yet) for every project active in it. */
export async function createRound(db: Kysely<DB>, user: Actor, body: RoundBody, at = new Date()) {
  const actor = authorize(user, 'grants.manage');
  const now = at.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('grant_round')
      .values({ title: body.title.trim(), year: body.year, created_at: now, created_by: actor.id || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const projects = await listProjects(trx, { year: body.year });
    if (projects.length)
      await trx
        .insertInto('grant_round_entry')
        .values(
          projects.map((p) => ({
            round_id: id,
            project_id: p.id,
            status: null,
            comment: null,
            volunteers: null,
            hours: null,
            events: null,
            illustrative: 0,
            updated_at: now,
            updated_by: actor.id || null,
          })),
        )
        .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'create',
          entity: 'grant_round',
          entityId: String(id),
          newValue: { title: body.title.trim(), year: body.year, projects: projects.length },
        },
      ],
      now,
    );
    return id;
  });
  return getRound(db, actor, id);
}

/**
 * A project's data provision in the round: its status, the grantee's comment and the figures it
 * gave. A project not in the round yet (registered after the round began) is added. Each changed
 * field is audited.
 */
export async function setRoundEntry(
  db: Kysely<DB>,
  user: Actor,
  roundId: number,
  projectId: number,
  body: RoundEntryBody,
  at = new Date(),
) {
  const actor = authorize(user, 'grants.manage');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const round = await findRound(trx, roundId);
    if (!round) throw notFound(`No reporting round ${roundId}`);
    await projectFor(trx, actor, projectId, 'grants.manage');
    const current = await findEntry(trx, roundId, projectId);
    const next = {
      status: body.status,
      comment: body.comment === undefined ? (current?.comment ?? null) : body.comment?.trim() || null,
      volunteers: body.volunteers === undefined ? (current?.volunteers ?? null) : body.volunteers,
      hours: body.hours === undefined ? (current?.hours ?? null) : body.hours,
      events: body.events === undefined ? (current?.events ?? null) : body.events,
    };
    if (current)
      await trx
        .updateTable('grant_round_entry')
        .set({ ...next, updated_at: now, updated_by: actor.id || null })
        .where('round_id', '=', roundId)
        .where('project_id', '=', projectId)
        .execute();
    else
      await trx
        .insertInto('grant_round_entry')
        .values({
          round_id: roundId,
          project_id: projectId,
          ...next,
          illustrative: 0,
          updated_at: now,
          updated_by: actor.id || null,
        })
        .execute();
    const old: Record<string, unknown> = {
      status: current?.status ?? null,
      comment: current?.comment ?? null,
      volunteers: figure(current?.volunteers ?? null),
      hours: figure(current?.hours ?? null),
      events: figure(current?.events ?? null),
    };
    await writeAudit(
      trx,
      (Object.keys(next) as (keyof typeof next)[])
        .filter((k) => old[k] !== next[k])
        .map((k) => ({
          userId: actor.id || null,
          action: 'update',
          entity: 'grant_round_entry',
          entityId: `${roundId}:${projectId}`,
          field: k,
          oldValue: old[k],
          newValue: next[k],
          period: String(round.year),
        })),
      now,
    );
  });
  const round = await getRound(db, requireActor(actor), roundId);
  return round.entries.find((e) => e.project.id === projectId) as RoundRow;
}
