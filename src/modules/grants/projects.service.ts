// The register of grant projects (issue 13 item 4, DOMAIN.md §8 "Grants"): the priority projects of
// the state grant programme and the competition's winners, each with its grantee (a registry
// organisation), grantor, area, years, regions, amount and planned figures, kept by the national
// office. A front office reads the projects with its region among theirs, a grantee's coordinator
// his organisation's. What a project reported through the platform is read from its activity
// records (grantee-report.service.ts), never typed twice.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, authorize, listScope, requireActor } from '../../domain/policy.ts';
import { notFound, refuse, staleVersion } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  entriesOf,
  findProject,
  listProjects as listProjectRows,
  listRoundRows,
  projectMonths,
  setProjectRegions,
} from './grants.repository.ts';
import type { GrantProject, GrantProjectDetail, ProjectBody, ProjectPatch } from './grants.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The resource the policy is asked about for a project: its grantee, and the actor's own region
 * when it is among the project's regions (a project of several regions belongs to each).
 */
export function projectResource(actor: Actor, p: { organization: { id: number }; regions: string[] }) {
  const region = actor.region && p.regions.includes(actor.region) ? actor.region : (p.regions[0] ?? null);
  return { region, organizationId: p.organization.id };
}

/** The project when the actor may do `action` on it (404 unknown, 403 outside the scope). */
export async function projectFor(
  db: Db,
  user: Actor | null | undefined,
  id: number,
  action: 'grants.read' | 'grants.manage' | 'grants.report',
) {
  const actor = authorize(user, action);
  const p = await findProject(db, id);
  if (!p) throw notFound(`No grant project ${id}`);
  authorize(actor, action, projectResource(actor, p));
  return p;
}

/** For a route's guard: 403 before the body is read when the project is outside the scope. */
export async function assertProjectAccess(
  db: Db,
  user: Actor | null | undefined,
  id: number | null,
  action: 'grants.read' | 'grants.manage' | 'grants.report',
) {
  authorize(user, action);
  if (id === null) return;
  const p = await findProject(db, id);
  if (p) authorize(user, action, projectResource(requireActor(user), p));
}

export async function listProjects(
  db: Db,
  user: Actor | null | undefined,
  q: {
    year?: number | undefined;
    kind?: 'priority' | 'competition' | undefined;
    region?: string | undefined;
  },
): Promise<{ items: GrantProject[] }> {
  const actor = requireActor(user);
  const scope = listScope(actor, 'grants.read', q.region ? { region: q.region } : {});
  return {
    items: await listProjectRows(db, {
      year: q.year,
      kind: q.kind,
      region: scope.region ?? q.region,
      organizationId: scope.organizationId,
    }),
  };
}

export async function getProject(
  db: Db,
  user: Actor | null | undefined,
  id: number,
): Promise<GrantProjectDetail> {
  const p = await projectFor(db, user, id, 'grants.read');
  const [entries, rounds, months] = await Promise.all([
    entriesOf(db, { projectIds: [id] }),
    listRoundRows(db),
    projectMonths(db, id),
  ]);
  const roundOf = new Map(rounds.map((r) => [Number(r.id), r]));
  return {
    ...p,
    rounds: entries
      .filter((e) => roundOf.has(Number(e.round_id)))
      .map((e) => {
        const r = roundOf.get(Number(e.round_id)) as (typeof rounds)[number];
        return {
          round: { id: Number(r.id), title: r.title, year: Number(r.year) },
          status: e.status,
          comment: e.comment,
          reported: {
            volunteers: e.volunteers === null ? null : Number(e.volunteers),
            hours: e.hours === null ? null : Number(e.hours),
            events: e.events === null ? null : Number(e.events),
          },
          illustrative: Number(e.illustrative) === 1,
          updatedAt: e.updated_at,
        };
      })
      .sort((a, b) => b.round.year - a.round.year || b.round.id - a.round.id),
    months,
  };
}

/** The area and the regions checked against the reference data; the years in order. */
async function checkReference(
  db: Db,
  body: {
    area?: string | undefined;
    regions?: string[] | undefined;
    yearFrom?: number | undefined;
    yearTo?: number | undefined;
  },
) {
  if (body.area !== undefined) {
    const area = await db
      .selectFrom('code_list_item')
      .select('code')
      .where('list', '=', 'area')
      .where('code', '=', body.area)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!area) throw refuse(422, 'unknown_area', `Unknown area: ${body.area}`, { value: body.area });
  }
  if (body.regions !== undefined) {
    const known = new Set(
      (
        await db
          .selectFrom('territory_unit')
          .select('code')
          .where('code', 'in', body.regions.length ? body.regions : ['-'])
          .execute()
      ).map((u) => u.code),
    );
    const unknown = body.regions.find((r) => !known.has(r));
    if (unknown) throw refuse(422, 'unknown_region', `Unknown region: ${unknown}`, { value: unknown });
  }
  if (body.yearFrom !== undefined && body.yearTo !== undefined && body.yearFrom > body.yearTo)
    throw refuse(422, 'grant_years_order', 'The project’s first year comes after its last', {
      yearFrom: body.yearFrom,
      yearTo: body.yearTo,
    });
}

const FIELDS = {
  title: 'title',
  grantor: 'grantor',
  area: 'area',
  yearFrom: 'year_from',
  yearTo: 'year_to',
  amountKzt: 'amount_kzt',
  plannedVolunteers: 'planned_volunteers',
  plannedHours: 'planned_hours',
  plannedEvents: 'planned_events',
  plannedBeneficiaries: 'planned_beneficiaries',
  notes: 'notes',
} as const;
type Field = keyof typeof FIELDS;

function columnsOf(body: Partial<Record<Field, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(FIELDS)) {
    const v = body[k as Field];
    if (v === undefined) continue;
    out[col] = typeof v === 'string' ? v.trim() || (k === 'notes' ? null : v) : v;
  }
  return out;
}

/** Creates a project; a competition's winners are created by the competition (kind competition). */
export async function createProject(
  db: Kysely<DB>,
  user: Actor,
  body: ProjectBody,
  opts: { kind?: 'priority' | 'competition'; applicationId?: number; illustrative?: boolean; at?: Date } = {},
) {
  const actor = authorize(user, 'grants.manage');
  return db.transaction().execute(async (trx) => insertProject(trx, actor, body, opts));
}

/** The insert itself, in the caller's transaction (the competition's selection creates its winners). */
export async function insertProject(
  trx: Transaction<DB>,
  actor: Actor,
  body: ProjectBody,
  opts: { kind?: 'priority' | 'competition'; applicationId?: number; illustrative?: boolean; at?: Date } = {},
): Promise<GrantProject> {
  await checkReference(trx, body);
  const org = await trx
    .selectFrom('organization')
    .select('id')
    .where('id', '=', body.organizationId)
    .executeTakeFirst();
  if (!org)
    throw refuse(
      422,
      'grant_unknown_organization',
      `No organisation ${body.organizationId} in the registry`,
      {
        value: body.organizationId,
      },
    );
  const now = (opts.at ?? new Date()).toISOString();
  const row = await trx
    .insertInto('grant_project')
    .values({
      kind: opts.kind ?? 'priority',
      organization_id: body.organizationId,
      title: body.title.trim(),
      grantor: body.grantor.trim(),
      area: body.area,
      year_from: body.yearFrom,
      year_to: body.yearTo,
      amount_kzt: body.amountKzt ?? null,
      planned_volunteers: body.plannedVolunteers ?? null,
      planned_hours: body.plannedHours ?? null,
      planned_events: body.plannedEvents ?? null,
      planned_beneficiaries: body.plannedBeneficiaries ?? null,
      notes: body.notes?.trim() || null,
      illustrative: opts.illustrative ? 1 : 0,
      application_id: opts.applicationId ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await setProjectRegions(trx, id, body.regions);
  await writeAudit(
    trx,
    [
      {
        userId: actor.id || null,
        action: 'create',
        entity: 'grant_project',
        entityId: String(id),
        newValue: { ...body, kind: opts.kind ?? 'priority' },
      },
    ],
    now,
  );
  return (await findProject(trx, id)) as GrantProject;
}

export async function updateProject(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: ProjectPatch,
  at = new Date(),
) {
  const actor = authorize(user, 'grants.manage');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const current = await findProject(trx, id);
    if (!current) throw notFound(`No grant project ${id}`);
    if (current.version !== body.version)
      throw staleVersion(
        `Grant project ${id} has changed since you read it (now version ${current.version})`,
        current,
      );
    await checkReference(trx, {
      area: body.area,
      regions: body.regions,
      yearFrom: body.yearFrom ?? current.yearFrom,
      yearTo: body.yearTo ?? current.yearTo,
    });
    const columns = columnsOf(body);
    await trx
      .updateTable('grant_project')
      .set({ ...columns, version: current.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', current.version)
      .execute();
    if (body.regions) await setProjectRegions(trx, id, body.regions);
    const next = (await findProject(trx, id)) as GrantProject;
    const before: Record<string, unknown> = {
      title: current.title,
      grantor: current.grantor,
      area: current.area,
      yearFrom: current.yearFrom,
      yearTo: current.yearTo,
      amountKzt: current.amountKzt,
      plannedVolunteers: current.planned.volunteers,
      plannedHours: current.planned.hours,
      plannedEvents: current.planned.events,
      plannedBeneficiaries: current.planned.beneficiaries,
      notes: current.notes,
      regions: current.regions.join('|'),
    };
    const after: Record<string, unknown> = {
      ...before,
      ...Object.fromEntries(
        (Object.keys(FIELDS) as Field[])
          .filter((k) => FIELDS[k] in columns)
          .map((k) => [k, columns[FIELDS[k]]]),
      ),
      regions: next.regions.join('|'),
    };
    await writeAudit(
      trx,
      Object.keys(before)
        .filter((k) => before[k] !== after[k])
        .map((k) => ({
          userId: actor.id || null,
          action: 'update',
          entity: 'grant_project',
          entityId: String(id),
          field: k,
          oldValue: before[k],
          newValue: after[k],
        })),
      now,
    );
    return next;
  });
}
