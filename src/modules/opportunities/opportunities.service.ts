// Opportunities of the volunteer platform (DOMAIN.md §7, issue 11 item 3). The coordinator of a
// verified organisation creates an opportunity with its shifts as a `draft`, publishes it, and later
// closes or cancels it (`draft` → `published` → `closed` | `cancelled`; a draft may be cancelled
// too). Only published opportunities of verified organisations are public: suspending an
// organisation hides its opportunities, since every public query joins its platform status. Every
// step is audited. Times are stored as UTC instants and answered in Kazakhstan time (+05:00).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, authorize, can, requireActor } from '../../domain/policy.ts';
import { PLATFORM_MIN_AGE } from '../../domain/volunteer-account.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { takenByShift } from '../applications/applications.repository.ts';
import { closeOpenApplications } from '../applications/applications.service.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { findPlatformOrgOfCoordinator } from '../platform-organizations/platform-organizations.repository.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import { findRegion } from '../reference/regions.ts';
import {
  findOpportunity,
  insertOpportunity,
  type OpportunityRow,
  type ShiftRow,
  searchOpportunities,
  setOpportunityStatus,
  shiftsOf,
} from './opportunities.repository.ts';
import {
  type CancelBody,
  type CreateBody,
  MAX_CAPACITY,
  type Opportunity,
  type OpportunityItem,
  type OpportunityStatus,
  type SearchQuery,
} from './opportunities.schemas.ts';

const problem = (code: string, message: string, column: string, value: unknown) =>
  badRequest(message, [{ column, value, rule: code, message }], code);

/** Kazakhstan time: UTC+5 all year. */
const KZ_OFFSET_MS = 5 * 3600_000;

/** A UTC ISO instant written in Kazakhstan time, e.g. 2027-03-01T10:00:00+05:00. */
export function kzTime(utc: string): string {
  return `${new Date(Date.parse(utc) + KZ_OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/**
 * For a route's guard and the services: the actor allowed to manage opportunities. A coordinator
 * whose organisation is not (or no longer) verified has no organisation on his account: 403
 * organization_not_verified with its status, rather than the policy's generic refusal.
 */
export async function assertManager(db: Kysely<DB>, user: Actor | null | undefined): Promise<Actor> {
  const actor = requireActor(user);
  if (actor.role === 'org_coordinator' && actor.organizationId === null) {
    const mine = await findPlatformOrgOfCoordinator(db, actor.id);
    if (mine && mine.status !== 'verified')
      throw new AppError(
        403,
        'organization_not_verified',
        `Your organisation is ${mine.status}: only a verified organisation publishes opportunities`,
        [{ rule: 'organization_not_verified', status: mine.status }],
      );
  }
  return authorize(actor, 'platform.opportunities.manage');
}

/** For a route's guard: 403 when the opportunity is another organisation's (unknown: the handler's 404). */
export async function assertMayManage(db: Kysely<DB>, user: Actor | null | undefined, id: number | null) {
  const actor = await assertManager(db, user);
  if (id === null) return;
  const found = await findOpportunity(db, id);
  if (found) authorize(actor, 'platform.opportunities.manage', { organizationId: found.organizationId });
}

function checkShifts(shifts: CreateBody['shifts']) {
  if (shifts.length === 0)
    throw problem('shifts_required', 'An opportunity has at least one shift', 'shifts', []);
  return shifts.map((s, i) => {
    const start = new Date(s.start).toISOString();
    const end = new Date(s.end).toISOString();
    if (end <= start)
      throw problem(
        'shift_end_before_start',
        `Shift ${i + 1} ends before it starts`,
        `shifts.${i}.end`,
        s.end,
      );
    if (s.capacity < 1 || s.capacity > MAX_CAPACITY)
      throw problem(
        'shift_capacity',
        `Shift ${i + 1}: the capacity is 1 to ${MAX_CAPACITY}`,
        `shifts.${i}.capacity`,
        s.capacity,
      );
    return { start_at: start, end_at: end, capacity: s.capacity };
  });
}

export async function createOpportunity(
  db: Kysely<DB>,
  user: Actor,
  input: CreateBody,
): Promise<{ id: number; status: 'draft'; shifts: { id: number }[] }> {
  const actor = await assertManager(db, user);
  const orgId = actor.organizationId as number;
  const platform = await db
    .selectFrom('platform_org')
    .select('status')
    .where('organization_id', '=', orgId)
    .executeTakeFirst();
  if (!platform)
    throw conflict(
      'Your organisation is not registered on the platform: register it first',
      [{ rule: 'organization_not_on_platform' }],
      'organization_not_on_platform',
    );
  if (platform.status !== 'verified')
    throw conflict(
      `Your organisation is ${platform.status} on the platform: only a verified organisation publishes opportunities`,
      [{ rule: 'organization_not_verified', status: platform.status }],
      'organization_not_verified',
    );
  const region = await findRegion(db, input.region);
  if (!region) throw problem('unknown_region', `Unknown region: ${input.region}`, 'region', input.region);
  const [areas, formats] = await Promise.all([activeCodes(db, 'area'), activeCodes(db, 'format')]);
  if (!areas.includes(input.area))
    throw problem('unknown_area', `Not an area: one of ${areas.join(', ')}`, 'area', input.area);
  if (!formats.includes(input.format))
    throw problem('unknown_format', `Not a format: one of ${formats.join(', ')}`, 'format', input.format);
  const minAge = input.minAge ?? PLATFORM_MIN_AGE;
  if (minAge < PLATFORM_MIN_AGE)
    throw problem(
      'min_age_below_platform',
      `The minimum age is at least the platform's ${PLATFORM_MIN_AGE}`,
      'minAge',
      input.minAge,
    );
  const shifts = checkShifts(input.shifts);
  const skills = [...new Set((input.skills ?? []).map((s) => s.trim()))];
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const made = await insertOpportunity(
      trx,
      {
        organization_id: orgId,
        title: input.title.trim(),
        description: input.description.trim(),
        area: input.area,
        region,
        format: input.format,
        min_age: minAge,
        probono: input.probono ? 1 : 0,
        skills: JSON.stringify(skills),
        locality: input.locality?.trim() || null,
        training: input.training?.trim() || null,
        created_by: actor.id,
        now,
      },
      shifts,
    );
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'create',
          entity: 'opportunity',
          entityId: String(made.id),
          region,
          newValue: JSON.stringify({ organization: orgId, title: input.title.trim(), shifts: shifts.length }),
          note: null,
        },
      ],
      now,
    );
    return { id: made.id, status: 'draft' as const, shifts: made.shiftIds.map((id) => ({ id })) };
  });
}

/** Which status may follow which. */
const ALLOWED: Record<'published' | 'closed' | 'cancelled', OpportunityStatus[]> = {
  published: ['draft'],
  closed: ['published'],
  cancelled: ['draft', 'published'],
};

/**
 * Called in the cancellation's transaction: the open applications of the opportunity's shifts are
 * declined (opportunity_cancelled, with the reason) and each volunteer told.
 */
export async function onOpportunityCancelled(
  trx: Transaction<DB>,
  opportunity: OpportunityRow,
  reason: string,
  by: number,
): Promise<void> {
  await closeOpenApplications(trx, [opportunity.id], 'opportunity_cancelled', reason, by);
}

async function move(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  to: 'published' | 'closed' | 'cancelled',
  reasonTyped?: string,
): Promise<{ status: OpportunityStatus }> {
  const actor = await assertManager(db, user);
  const current = await findOpportunity(db, id);
  if (!current) throw notFound(`No opportunity ${id}`);
  authorize(actor, 'platform.opportunities.manage', { organizationId: current.organizationId });
  const reason = reasonTyped?.trim() || null;
  if (to === 'cancelled' && !reason)
    throw problem('reason_required', 'A reason is required to cancel an opportunity', 'reason', null);
  if (to === 'published' && current.orgStatus !== 'verified')
    throw conflict(
      `The organisation is ${current.orgStatus ?? 'not on the platform'}: it publishes nothing`,
      [{ rule: 'organization_not_verified', status: current.orgStatus }],
      'organization_not_verified',
    );
  const from = current.status;
  if (!ALLOWED[to].includes(from))
    throw conflict(
      `Opportunity ${id} is ${from}: it cannot become ${to}`,
      [{ rule: 'opportunity_status_transition', from, to }],
      'opportunity_status_transition',
    );
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const moved = await setOpportunityStatus(trx, id, from, to, {
      updated_at: now,
      ...(to === 'published' ? { published_at: now } : {}),
      ...(to === 'cancelled' ? { reason } : {}),
    });
    if (!moved)
      throw conflict(
        `Opportunity ${id} changed meanwhile: reload it`,
        [{ rule: 'opportunity_status_transition', from }],
        'opportunity_status_transition',
      );
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'status',
          entity: 'opportunity',
          entityId: String(id),
          field: 'status',
          oldValue: from,
          newValue: to,
          note: reason,
          region: current.region,
        },
      ],
      now,
    );
    if (to === 'cancelled') await onOpportunityCancelled(trx, current, reason as string, actor.id);
  });
  return { status: to };
}

export const publishOpportunity = (db: Kysely<DB>, actor: Actor, id: number) =>
  move(db, actor, id, 'published');
export const closeOpportunity = (db: Kysely<DB>, actor: Actor, id: number) => move(db, actor, id, 'closed');
export const cancelOpportunity = (db: Kysely<DB>, actor: Actor, id: number, body: CancelBody) =>
  move(db, actor, id, 'cancelled', body.reason);

const shiftView = (s: ShiftRow, taken: Map<number, number>) => ({
  id: s.id,
  start: kzTime(s.start),
  end: kzTime(s.end),
  capacity: s.capacity,
  free: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)),
});

const itemView = (r: OpportunityRow, shifts: ShiftRow[], taken: Map<number, number>): OpportunityItem => ({
  id: r.id,
  title: r.title,
  organization: { id: r.organizationId, name: r.organizationName },
  area: r.area,
  region: r.region,
  format: r.format,
  minAge: r.minAge,
  probono: r.probono,
  locality: r.locality,
  training: r.training,
  status: r.status,
  shifts: shifts.filter((s) => s.opportunityId === r.id).map((s) => shiftView(s, taken)),
});

/** A date YYYY-MM-DD as the start (or end) of that day in Kazakhstan time; an instant as UTC. */
function instant(v: string | undefined, endOfDay: boolean): string | undefined {
  if (v === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v))
    return new Date(Date.parse(`${v}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+05:00`)).toISOString();
  return new Date(v).toISOString();
}

/** The public search: published opportunities of verified organisations. */
export async function search(db: Kysely<DB>, query: SearchQuery) {
  const region = query.region ? ((await findRegion(db, query.region)) ?? query.region) : undefined;
  const { rows, total } = await searchOpportunities(db, {
    region,
    area: query.area || undefined,
    format: query.format || undefined,
    // Without `from`, what is still ahead: opportunities with a shift not yet ended.
    from: instant(query.from, false) ?? new Date().toISOString(),
    to: instant(query.to, true),
    q: query.q?.trim() || undefined,
    age: query.age,
    limit: query.limit,
    offset: query.offset,
  });
  const shifts = await shiftsOf(
    db,
    rows.map((r) => r.id),
  );
  const taken = await takenByShift(
    db,
    shifts.map((s) => s.id),
    new Date().toISOString(),
  );
  return { items: rows.map((r) => itemView(r, shifts, taken)), total };
}

/**
 * One opportunity: public when published by a verified organisation; its organisation's
 * coordinator sees it in any status. Otherwise 404 (a draft's existence is not told).
 */
export async function readOpportunity(db: Kysely<DB>, user: Actor | null, id: number): Promise<Opportunity> {
  const r = await findOpportunity(db, id);
  const own = r && user && can(user, 'platform.opportunities.manage', { organizationId: r.organizationId });
  if (!r || (!own && (r.status !== 'published' || r.orgStatus !== 'verified')))
    throw notFound(`No published opportunity ${id}`);
  const shifts = await shiftsOf(db, [r.id]);
  const taken = await takenByShift(
    db,
    shifts.map((s) => s.id),
    new Date().toISOString(),
  );
  return {
    ...itemView(r, shifts, taken),
    description: r.description,
    skills: r.skills,
    reason: r.reason,
    publishedAt: r.publishedAt,
  };
}

// The coordinator's list (appended: the functions above are being edited elsewhere).
import { opportunitiesOfOrganization } from './opportunities.repository.ts';
import type { MineResponse } from './opportunities.schemas.ts';

/**
 * The coordinator's own opportunities in every status (drafts, closed and cancelled too), the
 * newest first: GET /api/platform/opportunities/mine.
 */
export async function listMine(db: Kysely<DB>, user: Actor | null | undefined): Promise<MineResponse> {
  const actor = await assertManager(db, user);
  const rows = await opportunitiesOfOrganization(db, actor.organizationId as number);
  const shifts = await shiftsOf(
    db,
    rows.map((r) => r.id),
  );
  const taken = await takenByShift(
    db,
    shifts.map((s) => s.id),
    new Date().toISOString(),
  );
  return {
    items: rows.map((r) => ({ ...itemView(r, shifts, taken), reason: r.reason, publishedAt: r.publishedAt })),
  };
}
