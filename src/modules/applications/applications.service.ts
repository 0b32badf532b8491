// Applications to shifts (DOMAIN.md §7, issue 11 item 4). A volunteer applies to a shift: `pending`
// while a place is free, else `waitlisted`; the coordinator accepts or declines (a reason code); the
// volunteer withdraws (a reason code). A freed place is offered to the first on the waitlist until an
// expiry; the volunteer takes it (`pending`) or the offer passes to the next. Capacity holds under
// concurrency: the shift's row is locked while its places are counted (PostgreSQL; SQLite runs one
// write transaction at a time), and the volunteer's account while his limits are checked. Every
// transition is kept in application_event (who, when, from, to, reason) and each one tells the
// volunteer by e-mail, queued in its transaction.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { kzDate } from '../../domain/platform-cohort.ts';
import { type Actor, authorize, requireActor } from '../../domain/policy.ts';
import { ADULT_AGE, ageOn } from '../../domain/volunteer-account.ts';
import { type AppError, conflict, forbidden, notFound, refuse } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { assertManager, kzTime } from '../opportunities/opportunities.service.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { findProfile } from '../volunteers/volunteers.repository.ts';
import {
  acceptedMail,
  cancelledMail,
  declinedMail,
  type Mail,
  newApplicationMail,
  offerMail,
  receivedMail,
} from './applications.mail.ts';
import {
  type ApplicationRow,
  countOpen,
  type Db,
  eventsOf,
  findApplication,
  findApplicationOf,
  findShift,
  HOLDING,
  insertApplication,
  insertEvents,
  listOfOpportunity,
  listOfVolunteer,
  lockShifts,
  lockVolunteer,
  nextWaitlisted,
  OPEN,
  openOfOpportunities,
  opportunitiesOfOrganization,
  overlappingAccepted,
  recipientOf,
  type ShiftContext,
  shiftsOfOpportunity,
  takenByShift,
  updateApplication,
} from './applications.repository.ts';
import type {
  Applicant,
  ApplicationStatus,
  ApplyBody,
  DecisionBody,
  OwnApplication,
  ReasonCode,
} from './applications.schemas.ts';

/** At most this many open applications (pending, waitlisted, accepted) per volunteer: scripts applying everywhere stop here. */
export function maxOpenApplications(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PLATFORM_MAX_OPEN_APPLICATIONS);
  return Number.isInteger(n) && n > 0 ? n : 10;
}
/** A place offered from the waitlist is held this long (never past the shift's start). */
export const OFFER_HOURS = 48;
/** Confirmed hours may be disputed this many days after they were recorded. */
export const DISPUTE_DAYS = 14;

// --- mail ----------------------------------------------------------------------------------------

const myApplicationsLink = () => `${appUrl()}/platform/volunteers/me/applications`;
export const applicantsLink = (opportunityId: number) =>
  `${appUrl()}/platform/my/opportunities/${opportunityId}`;

/** Queues a message to a user in his language; nothing for a disabled (erased) account. */
export async function mailUser(
  trx: Transaction<DB>,
  userId: number,
  kind: string,
  make: (lang: Lang, name: string | null) => Mail,
  opts: { optional?: boolean; now?: Date } = {},
): Promise<void> {
  const r = await recipientOf(trx, userId);
  if (!r || Number(r.disabled) === 1) return;
  if (opts.optional && Number(r.notify_optional) !== 1) return;
  const chosen = r.vlang ?? r.lang;
  const lang: Lang = isLang(chosen) ? chosen : 'ru';
  await queueMessage(trx, { kind, to: r.email, lang, ...make(lang, r.name ?? null) }, opts.now);
}

const about = (s: ShiftContext, name: string | null, link = myApplicationsLink()) => ({
  name,
  title: s.title,
  organization: s.organizationName,
  start: kzTime(s.start),
  link,
});

// --- transitions ---------------------------------------------------------------------------------

export interface Move {
  by: number | null;
  reason?: string | null;
  /** The trail's reason when it is not the application's reason code (a correction, a revocation). */
  eventReason?: string;
  note?: string | null;
  now: string;
  changes?: Partial<Omit<ApplicationRow, 'id' | 'version' | 'status'>>;
}

/** Moves an application to `to` if it is still the version read, and keeps the transition. */
export async function transition(
  trx: Transaction<DB>,
  app: ApplicationRow,
  to: ApplicationStatus,
  m: Move,
): Promise<void> {
  const changes = m.changes ?? {};
  const ok = await updateApplication(trx, app.id, app.version, {
    status: to,
    ...(m.reason !== undefined ? { reason: m.reason } : {}),
    ...(m.note !== undefined ? { note: m.note } : {}),
    updated_at: m.now,
    ...changes,
  });
  if (!ok)
    throw conflict(
      `Application ${app.id} changed meanwhile: reload it`,
      [{ rule: 'stale_application', id: app.id }],
      'stale_application',
    );
  await insertEvents(trx, [
    {
      application_id: app.id,
      at: m.now,
      by_user: m.by,
      from_status: app.status,
      to_status: to,
      reason: m.eventReason ?? m.reason ?? null,
      note: m.note ?? null,
      hours_before: app.hours === null ? null : Number(app.hours),
      hours_after:
        changes.hours !== undefined
          ? changes.hours === null
            ? null
            : Number(changes.hours)
          : app.hours === null
            ? null
            : Number(app.hours),
    },
  ]);
}

const holdsPlace = (a: ApplicationRow, now: string) =>
  HOLDING.includes(a.status) ||
  (a.status === 'waitlisted' && a.offer_expires_at !== null && a.offer_expires_at > now);

/**
 * Offers the shift's free places to the first on its waitlist, each until OFFER_HOURS from now (or
 * the shift's start). In the transaction that freed the place, with the shift locked.
 */
export async function offerFreedPlaces(
  trx: Transaction<DB>,
  shift: ShiftContext,
  now: string,
): Promise<void> {
  if (shift.start <= now) return;
  const until = new Date(
    Math.min(Date.parse(now) + OFFER_HOURS * 3600_000, Date.parse(shift.start)),
  ).toISOString();
  for (;;) {
    const taken = (await takenByShift(trx, [shift.shiftId], now)).get(shift.shiftId) ?? 0;
    if (taken >= shift.capacity) return;
    const next = await nextWaitlisted(trx, shift.shiftId);
    if (!next) return;
    await transition(trx, next, 'waitlisted', {
      by: null,
      note: 'place offered',
      now,
      changes: { offer_expires_at: until },
    });
    await mailUser(trx, next.volunteer_id, 'application.offer', (lang, name) =>
      offerMail(lang, { ...about(shift, name), until: kzTime(until) }),
    );
  }
}

// --- applying ------------------------------------------------------------------------------------

/** The volunteer's application to a shift: 201 pending (a place is free) or waitlisted. */
export async function apply(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  shiftId: number,
  at = new Date(),
  body: ApplyBody = {},
): Promise<{ id: number; status: 'pending' | 'waitlisted' }> {
  const actor = authorize(user, 'volunteers.self');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    await lockVolunteer(trx, actor.id);
    const shift = await findShift(trx, shiftId, true);
    if (!shift || shift.opportunityStatus === 'draft') throw notFound(`No shift ${shiftId}`);
    if (shift.orgStatus !== 'verified')
      throw refuse(
        409,
        'organization_not_verified',
        'The organisation is not verified: it takes no applications',
        {
          status: shift.orgStatus,
        },
      );
    if (shift.opportunityStatus !== 'published')
      throw refuse(
        409,
        'opportunity_not_open',
        `The opportunity is ${shift.opportunityStatus}: it takes no applications`,
        {
          status: shift.opportunityStatus,
        },
      );
    if (shift.start <= now)
      throw refuse(409, 'shift_started', 'The shift has started or is over: it takes no applications');
    if (shift.training && body.trainingConfirmed !== true)
      throw refuse(
        409,
        'training_confirmation_required',
        `This opportunity requires training: ${shift.training}. Confirm that you have it to apply`,
        { training: shift.training },
      );
    const profile = await findProfile(trx, actor.id);
    if (!profile || profile.erased_at !== null || profile.birth_date === null)
      throw forbidden('Only a volunteer with a profile applies');
    const age = ageOn(profile.birth_date, kzDate(shift.start));
    if (age < shift.minAge)
      throw refuse(
        409,
        'below_min_age',
        `The opportunity asks at least ${shift.minAge} years; you will be ${age}`,
        {
          minAge: shift.minAge,
          age,
        },
      );
    if (profile.guardian_status === 'pending' && age < ADULT_AGE)
      throw refuse(
        409,
        'guardian_consent_missing',
        'Your guardian has not confirmed yet: you can apply once the guardian opens the link sent to them',
      );
    const existing = await findApplicationOf(trx, shiftId, actor.id);
    if (existing && existing.status !== 'withdrawn')
      throw refuse(409, 'already_applied', `You have applied to this shift already (${existing.status})`, {
        id: existing.id,
        status: existing.status,
      });
    const clash = await overlapping(trx, actor.id, shift);
    if (clash) throw clash;
    const limit = maxOpenApplications();
    if ((await countOpen(trx, actor.id, now)) >= limit)
      throw refuse(
        429,
        'too_many_open_applications',
        `You have ${limit} open applications: withdraw one or wait for an answer before applying again`,
        { limit },
      );
    // Offers of this shift that ran out pass on first: a newcomer never overtakes the waitlist.
    await expireShiftOffers(trx, shift, now);
    const taken = (await takenByShift(trx, [shiftId], now)).get(shiftId) ?? 0;
    const status = taken < shift.capacity ? 'pending' : 'waitlisted';
    let id: number;
    if (existing) {
      // Applying again after a withdrawal: the same application comes back, its trail kept.
      await transition(trx, existing, status, {
        by: actor.id,
        reason: null,
        note: null,
        now,
        changes: { offer_expires_at: null, created_at: now, answered_at: null },
      });
      id = existing.id;
    } else {
      id = await insertApplication(trx, {
        shift_id: shiftId,
        opportunity_id: shift.opportunityId,
        volunteer_id: actor.id,
        status,
        now,
      });
      await insertEvents(trx, [
        {
          application_id: id,
          at: now,
          by_user: actor.id,
          from_status: null,
          to_status: status,
          reason: null,
          note: null,
          hours_before: null,
          hours_after: null,
        },
      ]);
    }
    const waitlisted = status === 'waitlisted';
    await mailUser(trx, actor.id, 'application.received', (lang, name) =>
      receivedMail(lang, { ...about(shift, name), waitlisted }),
    );
    if (shift.coordinatorId !== null)
      await mailUser(
        trx,
        shift.coordinatorId,
        'application.new',
        (lang, name) =>
          newApplicationMail(lang, {
            ...about(shift, name, applicantsLink(shift.opportunityId)),
            volunteer: profile.name,
            waitlisted,
          }),
        { optional: true },
      );
    return { id, status };
  });
}

/** 409 overlapping_shift when the volunteer is accepted on a shift at the same time. */
async function overlapping(trx: Db, volunteerId: number, shift: ShiftContext): Promise<AppError | null> {
  const other = await overlappingAccepted(trx, volunteerId, shift.start, shift.end, shift.shiftId);
  if (!other) return null;
  return refuse(
    409,
    'overlapping_shift',
    `You are accepted on «${other.title}» at the same time (${kzTime(other.start_at)} – ${kzTime(other.end_at)})`,
    { shift: Number(other.shift_id), title: other.title, start: kzTime(other.start_at) },
  );
}

// --- the guards of the routes --------------------------------------------------------------------

/** For a route's guard: the volunteer's own application (another's: 403; unknown: the handler's 404). */
export async function assertOwnApplication(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number | null,
) {
  const actor = authorize(user, 'volunteers.self');
  if (id === null) return;
  const app = await findApplication(db, id);
  if (app && app.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
}

/** For a route's guard: the coordinator of the application's organisation (another's: 403). */
export async function assertCoordinatorOf(db: Kysely<DB>, user: Actor | null | undefined, id: number | null) {
  const actor = await assertManager(db, user);
  if (id === null) return;
  const app = await findApplication(db, id);
  if (!app) return;
  const org = await db
    .selectFrom('opportunity')
    .select('organization_id')
    .where('id', '=', app.opportunity_id)
    .executeTakeFirst();
  if (org) authorize(actor, 'platform.opportunities.manage', { organizationId: Number(org.organization_id) });
}

/** For a route's guard: the coordinator of the shift's organisation. */
export async function assertCoordinatorOfShift(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number | null,
) {
  const actor = await assertManager(db, user);
  if (id === null) return;
  const shift = await findShift(db, id);
  if (shift) authorize(actor, 'platform.opportunities.manage', { organizationId: shift.organizationId });
}

/** The application and its shift, for a decision: 404 unknown; the shift locked. */
async function load(trx: Transaction<DB>, id: number) {
  const app = await findApplication(trx, id);
  if (!app) throw notFound(`No application ${id}`);
  const shift = await findShift(trx, app.shift_id, true);
  if (!shift) throw notFound(`No application ${id}`);
  // Read again under the shift's lock: a decision made meanwhile is seen.
  return { app: (await findApplication(trx, id)) as ApplicationRow, shift };
}

const badMove = (app: ApplicationRow, to: string) =>
  refuse(
    409,
    'application_status_transition',
    `Application ${app.id} is ${app.status}: it cannot become ${to}`,
    {
      from: app.status,
      to,
    },
  );

// --- the coordinator's decisions -----------------------------------------------------------------

export async function accept(db: Kysely<DB>, user: Actor, id: number, at = new Date()) {
  const actor = requireActor(user);
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    // The volunteer's lock before the shift's, in the order apply takes them (no deadlock).
    const first = await findApplication(trx, id);
    if (!first) throw notFound(`No application ${id}`);
    await lockVolunteer(trx, first.volunteer_id);
    const { app, shift } = await load(trx, id);
    authorize(actor, 'platform.opportunities.manage', { organizationId: shift.organizationId });
    if (app.status !== 'pending' && app.status !== 'waitlisted') throw badMove(app, 'accepted');
    if (shift.opportunityStatus !== 'published' || shift.orgStatus !== 'verified')
      throw badMove(app, 'accepted');
    if (shift.end <= now) throw refuse(409, 'shift_over', 'The shift is over: record attendance instead');
    const profile = await findProfile(trx, app.volunteer_id);
    if (!profile || profile.erased_at !== null || profile.birth_date === null) throw badMove(app, 'accepted');
    if (profile.guardian_status === 'pending' && ageOn(profile.birth_date, kzDate(shift.start)) < ADULT_AGE)
      throw refuse(
        409,
        'guardian_consent_missing',
        'The volunteer is under 18 and the guardian has not confirmed yet: accept once they have',
      );
    if (app.status === 'waitlisted' && !holdsPlace(app, now)) {
      const taken = (await takenByShift(trx, [shift.shiftId], now)).get(shift.shiftId) ?? 0;
      if (taken >= shift.capacity)
        throw refuse(409, 'shift_full', `The shift's ${shift.capacity} places are taken`, {
          capacity: shift.capacity,
        });
    }
    const clash = await overlapping(trx, app.volunteer_id, shift);
    if (clash)
      throw refuse(409, 'overlapping_shift', 'The volunteer is accepted on another shift at the same time', {
        ...(clash.details[0] ?? {}),
      });
    await transition(trx, app, 'accepted', {
      by: actor.id,
      reason: null,
      now,
      changes: { offer_expires_at: null, answered_at: app.answered_at ?? now },
    });
    await mailUser(trx, app.volunteer_id, 'application.accepted', (lang, name) =>
      acceptedMail(lang, about(shift, name)),
    );
  });
  return { status: 'accepted' as const };
}

export async function decline(db: Kysely<DB>, user: Actor, id: number, body: DecisionBody, at = new Date()) {
  const actor = requireActor(user);
  const now = at.toISOString();
  const reason = body.reason;
  if (!reason)
    throw refuse(
      400,
      'reason_required',
      'Say why: a reason code (no_places, requirements_not_met, not_available, no_response, other)',
    );
  const note = body.note?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const { app, shift } = await load(trx, id);
    authorize(actor, 'platform.opportunities.manage', { organizationId: shift.organizationId });
    if (!OPEN.includes(app.status)) throw badMove(app, 'declined');
    if (app.status === 'accepted' && shift.start <= now)
      throw refuse(
        409,
        'shift_started',
        'The shift has started: record the volunteer as absent (no-show) instead',
      );
    const freed = holdsPlace(app, now);
    await transition(trx, app, 'declined', {
      by: actor.id,
      reason,
      note,
      now,
      changes: { offer_expires_at: null, answered_at: app.answered_at ?? now },
    });
    await mailUser(trx, app.volunteer_id, 'application.declined', (lang, name) =>
      declinedMail(lang, { ...about(shift, name), reason, note }),
    );
    if (freed) await offerFreedPlaces(trx, shift, now);
  });
  return { status: 'declined' as const };
}

// --- the volunteer's moves -----------------------------------------------------------------------

export async function withdraw(db: Kysely<DB>, user: Actor, id: number, body: DecisionBody, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const { app, shift } = await load(trx, id);
    if (app.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
    if (!OPEN.includes(app.status)) throw badMove(app, 'withdrawn');
    if (shift.start <= now)
      throw refuse(409, 'shift_started', 'The shift has started: tell the organiser instead');
    const freed = holdsPlace(app, now);
    await transition(trx, app, 'withdrawn', {
      by: actor.id,
      reason: body.reason ?? 'other',
      note: body.note?.trim() || null,
      now,
      changes: { offer_expires_at: null },
    });
    if (freed) await offerFreedPlaces(trx, shift, now);
  });
  return { status: 'withdrawn' as const };
}

/** The volunteer takes the place offered from the waitlist: pending again, places counted. */
export async function takeOffer(db: Kysely<DB>, user: Actor, id: number, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const { app, shift } = await load(trx, id);
    if (app.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
    if (app.status !== 'waitlisted' || app.offer_expires_at === null)
      throw refuse(409, 'no_offer', 'No place is offered on this application');
    if (app.offer_expires_at <= now || shift.start <= now)
      throw refuse(409, 'offer_expired', 'The offer has expired: the place went to the next on the waitlist');
    await transition(trx, app, 'pending', { by: actor.id, now, changes: { offer_expires_at: null } });
  });
  return { status: 'pending' as const };
}

// --- the system's moves --------------------------------------------------------------------------

/**
 * Offers not taken in time: the application is withdrawn (no_response) and the place offered to
 * the next (a scheduled job). How many expired.
 */
export async function expireOffers(db: Kysely<DB>, at = new Date()): Promise<number> {
  const now = at.toISOString();
  const due = await db
    .selectFrom('application')
    .select(['id'])
    .where('status', '=', 'waitlisted')
    .where('offer_expires_at', '<=', now)
    .limit(1000)
    .execute();
  let n = 0;
  for (const { id } of due)
    await db.transaction().execute(async (trx) => {
      const { app, shift } = await load(trx, Number(id));
      if (app.status !== 'waitlisted' || app.offer_expires_at === null || app.offer_expires_at > now) return;
      await transition(trx, app, 'withdrawn', {
        by: null,
        reason: 'no_response',
        note: 'the offered place was not taken in time',
        now,
        changes: { offer_expires_at: null },
      });
      n++;
      await offerFreedPlaces(trx, shift, now);
    });
  return n;
}

/**
 * In the transaction that cancels an opportunity or suspends an organisation: its open
 * applications (of shifts not yet started, for a suspension) are declined with the reason, each
 * volunteer told. Confirmed history (attended, no-show) stays.
 */
export async function closeOpenApplications(
  trx: Transaction<DB>,
  opportunityIds: number[],
  reason: 'opportunity_cancelled' | 'organization_suspended',
  note: string | null,
  by: number | null,
  at = new Date(),
): Promise<number> {
  if (opportunityIds.length === 0) return 0;
  const now = at.toISOString();
  // The shifts locked (in id order, as apply locks one): an application racing this is seen.
  await lockShifts(trx, opportunityIds);
  // Only shifts not started: those already under way or over keep their volunteers for attendance.
  const open = await openOfOpportunities(trx, opportunityIds, now);
  for (const a of open) {
    await transition(trx, a, 'declined', { by, reason, note, now, changes: { offer_expires_at: null } });
    const shift = (await findShift(trx, a.shift_id)) as ShiftContext;
    await mailUser(trx, a.volunteer_id, `application.${reason}`, (lang, name) =>
      cancelledMail(lang, { ...about(shift, name), reason, note }),
    );
  }
  return open.length;
}

export const closeApplicationsOfOrganization = async (
  trx: Transaction<DB>,
  organizationId: number,
  note: string | null,
  by: number | null,
) =>
  closeOpenApplications(
    trx,
    await opportunitiesOfOrganization(trx, organizationId),
    'organization_suspended',
    note,
    by,
  );

/**
 * In the transaction erasing a volunteer's account: his open applications are withdrawn (a deleted
 * account attends nothing) and the places they held offered to the waitlist. Confirmed history stays.
 */
export async function withdrawOpenOf(
  trx: Transaction<DB>,
  volunteerId: number,
  at = new Date(),
): Promise<void> {
  const now = at.toISOString();
  const open = await trx
    .selectFrom('application')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .where('status', 'in', OPEN)
    .execute();
  for (const a of open) {
    const shift = (await findShift(trx, a.shift_id, true)) as ShiftContext;
    const fresh = (await findApplication(trx, a.id)) as ApplicationRow;
    if (!OPEN.includes(fresh.status)) continue;
    const freed = holdsPlace(fresh, now);
    await transition(trx, fresh, 'withdrawn', {
      by: null,
      reason: 'other',
      note: 'account erased',
      now,
      changes: { offer_expires_at: null },
    });
    if (freed) await offerFreedPlaces(trx, shift, now);
  }
}

/** Offers of the shift that ran out: withdrawn (no_response) and the place offered on; with the shift locked. */
async function expireShiftOffers(trx: Transaction<DB>, shift: ShiftContext, now: string): Promise<void> {
  const due = await trx
    .selectFrom('application')
    .selectAll()
    .where('shift_id', '=', shift.shiftId)
    .where('status', '=', 'waitlisted')
    .where('offer_expires_at', '<=', now)
    .execute();
  for (const app of due)
    await transition(trx, app, 'withdrawn', {
      by: null,
      reason: 'no_response',
      note: 'the offered place was not taken in time',
      now,
      changes: { offer_expires_at: null },
    });
  if (due.length > 0) await offerFreedPlaces(trx, shift, now);
}

// --- reading -------------------------------------------------------------------------------------

function eventView(e: Awaited<ReturnType<typeof eventsOf>>[number], volunteerId: number) {
  const by =
    e.by_user === null
      ? 'system'
      : Number(e.by_user) === volunteerId
        ? 'volunteer'
        : e.role === 'org_coordinator'
          ? 'organization'
          : 'staff';
  return {
    at: e.at,
    from: e.from_status,
    to: e.to_status,
    reason: e.reason,
    note: e.note,
    hoursBefore: e.hours_before === null ? null : Number(e.hours_before),
    hoursAfter: e.hours_after === null ? null : Number(e.hours_after),
    by: by as 'volunteer' | 'organization' | 'staff' | 'system',
  };
}

/** The volunteer's applications with their trail, disputes and confirmed hours. */
export async function listOwn(db: Kysely<DB>, user: Actor | null | undefined) {
  const actor = authorize(user, 'volunteers.self');
  const rows = await listOfVolunteer(db, actor.id);
  const ids = rows.map((r) => Number(r.id));
  const [events, disputes, ratings] = await Promise.all([
    eventsOf(db, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('hours_dispute')
          .selectAll()
          .where('application_id', 'in', ids)
          .orderBy('id', 'desc')
          .execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('opportunity_rating')
          .select('application_id')
          .where('application_id', 'in', ids)
          .execute(),
  ]);
  const rated = new Set(ratings.map((r) => Number(r.application_id)));
  let confirmedHours = 0;
  const items: OwnApplication[] = rows.map((r) => {
    const id = Number(r.id);
    const hours = r.hours === null ? null : Number(r.hours);
    const revoked = r.revoked_at !== null;
    if (r.status === 'attended' && !revoked && hours !== null) confirmedHours += hours;
    const d = disputes.find((x) => Number(x.application_id) === id);
    return {
      id,
      status: r.status,
      reason: r.reason,
      note: r.note,
      shift: { id: Number(r.shift_id), start: kzTime(r.start_at), end: kzTime(r.end_at) },
      opportunity: {
        id: Number(r.opportunity_id),
        title: r.title,
        organization: r.org_name,
        region: r.region,
        area: r.area,
      },
      offerExpiresAt: r.offer_expires_at ? kzTime(r.offer_expires_at) : null,
      hours,
      revoked,
      attendanceAt: r.attendance_at,
      disputeUntil: r.attendance_at
        ? new Date(Date.parse(r.attendance_at) + DISPUTE_DAYS * 24 * 3600_000).toISOString()
        : null,
      dispute: d
        ? { id: Number(d.id), status: d.status, openedAt: d.opened_at, settlement: d.settlement }
        : null,
      rated: rated.has(id),
      createdAt: r.created_at,
      events: events
        .filter((e) => Number(e.application_id) === id)
        .map((e) => eventView(e, Number(r.volunteer_id))),
    };
  });
  return { items, confirmedHours: Math.round(confirmedHours * 100) / 100 };
}

/** The applicants of an opportunity, for its coordinator: names and ages, no contact data. */
export async function listApplicants(db: Kysely<DB>, user: Actor, opportunityId: number, at = new Date()) {
  const actor = await assertManager(db, user);
  const opp = await db
    .selectFrom('opportunity')
    .select(['organization_id'])
    .where('id', '=', opportunityId)
    .executeTakeFirst();
  if (!opp) throw notFound(`No opportunity ${opportunityId}`);
  authorize(actor, 'platform.opportunities.manage', { organizationId: Number(opp.organization_id) });
  const now = at.toISOString();
  const [shifts, rows] = await Promise.all([
    shiftsOfOpportunity(db, opportunityId),
    listOfOpportunity(db, opportunityId),
  ]);
  const [taken, assessments] = await Promise.all([
    takenByShift(
      db,
      shifts.map((s) => Number(s.id)),
      now,
    ),
    db
      .selectFrom('assessment')
      .select('application_id')
      .where('organization_id', '=', Number(opp.organization_id))
      .where(
        'application_id',
        'in',
        db.selectFrom('application').select('id').where('opportunity_id', '=', opportunityId),
      )
      .execute(),
  ]);
  const assessed = new Set(assessments.map((a) => Number(a.application_id)));
  const items: Applicant[] = rows.map((r) => ({
    id: Number(r.id),
    shiftId: Number(r.shift_id),
    status: r.status,
    reason: r.reason,
    volunteer: {
      id: Number(r.volunteer_id),
      name: r.name ?? '—',
      age: r.birth_date ? ageOn(r.birth_date, kzDate(r.start_at)) : null,
      guardianPending: r.guardian_status === 'pending',
      skills: r.skills ? (JSON.parse(r.skills) as string[]) : [],
    },
    offerExpiresAt: r.offer_expires_at ? kzTime(r.offer_expires_at) : null,
    hours: r.hours === null ? null : Number(r.hours),
    revoked: r.revoked_at !== null,
    assessed: assessed.has(Number(r.id)),
    createdAt: r.created_at,
  }));
  return {
    shifts: shifts.map((s) => ({
      id: Number(s.id),
      start: kzTime(s.start_at),
      end: kzTime(s.end_at),
      capacity: Number(s.capacity),
      taken: taken.get(Number(s.id)) ?? 0,
      started: s.start_at <= now,
    })),
    items,
  };
}

export type { ReasonCode };
