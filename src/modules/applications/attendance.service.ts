// Attendance and hours (DOMAIN.md §7, issue 11 item 5). From the shift's start the coordinator
// marks each accepted volunteer `attended` (hours default to the shift's length, never more) or
// `no_show`, one by one or a whole shift at once (all or nothing). Marked attendance is corrected or
// revoked only with a reason, audited; hours are never deleted (a revoked participation keeps its
// hours, no longer counted). Every change updates, in its transaction, the platform's activity
// record of the opportunity and month (hoursChanged → the statistics) and tells the volunteer.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { ageBandOf, cohortOf, kzDate, kzMonth } from '../../domain/platform-cohort.ts';
import { type Actor, authorize, requireActor } from '../../domain/policy.ts';
import { AppError, badRequest, notFound, refuse } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { kzTime } from '../opportunities/opportunities.service.ts';
import type { NewMessage } from '../outbox/outbox.repository.ts';
import { queueMessages } from '../outbox/outbox.service.ts';
import type { ProfileRow } from '../volunteers/volunteers.repository.ts';
import { hoursMail } from './applications.mail.ts';
import {
  type ApplicationRow,
  findApplication,
  findShift,
  insertEvents,
  markAttendanceMany,
  recipientsOf,
  type ShiftContext,
} from './applications.repository.ts';
import type {
  AttendanceBody,
  BulkAttendanceBody,
  CorrectionBody,
  RevokeBody,
} from './applications.schemas.ts';
import { DISPUTE_DAYS, mailUser, transition } from './applications.service.ts';
import { hoursChanged } from './hours-hook.ts';

/** The shift's length in hours, to the hundredth. */
export const shiftHours = (s: { start: string; end: string }) =>
  Math.round(((Date.parse(s.end) - Date.parse(s.start)) / 3600_000) * 100) / 100;

/** Hours as given (default: the shift's length), checked: positive, at most the shift's length. */
export function checkHours(given: number | undefined, shift: ShiftContext): number {
  const max = shiftHours(shift);
  if (given === undefined) return max;
  const h = Math.round(given * 100) / 100;
  if (!(h > 0))
    throw refuse(400, 'hours_invalid', 'Hours are a positive number (record an absence as no-show)', {
      value: given,
    });
  if (h > max)
    throw refuse(400, 'hours_beyond_shift', `At most the shift's length: ${max} hours`, {
      value: given,
      max,
    });
  return h;
}

/** What the statistics keep of the participation, fixed now: cohort, gender, age band, employment. */
function snapshot(profile: ProfileRow | undefined, shift: ShiftContext) {
  const date = kzDate(shift.start);
  if (!profile?.birth_date)
    return {
      cohort: 'general',
      gender: profile?.gender ?? null,
      age_band: null,
      employment: profile?.employment ?? null,
    };
  return {
    cohort: cohortOf(
      {
        birthDate: profile.birth_date,
        gender: profile.gender,
        disability: Number(profile.disability) === 1,
        resident: Number(profile.resident) === 1,
      },
      { date, orgType: shift.organizationType, probono: shift.probono },
    ),
    gender: profile.gender,
    age_band: ageBandOf(profile.birth_date, profile.gender, date),
    employment: profile.employment,
  };
}

async function profilesOf(trx: Transaction<DB>, ids: number[]): Promise<Map<number, ProfileRow>> {
  const out = new Map<number, ProfileRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('user_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(Number(r.user_id), r);
  }
  return out;
}

interface Mark {
  attended: boolean;
  hours?: number | undefined;
}

/** Checks one mark of an accepted application; the changes it makes. */
function markOf(
  app: ApplicationRow,
  shift: ShiftContext,
  mark: Mark,
  profile: ProfileRow | undefined,
  now: string,
) {
  if (app.status === 'attended' || app.status === 'no_show')
    throw refuse(
      409,
      'attendance_recorded',
      `Attendance of application ${app.id} is recorded: correct it with a reason`,
      {
        id: app.id,
      },
    );
  if (app.status !== 'accepted')
    throw refuse(
      409,
      'not_accepted',
      `Application ${app.id} is ${app.status}: only an accepted volunteer attends`,
      {
        id: app.id,
        status: app.status,
      },
    );
  if (!mark.attended) return { to: 'no_show' as const, changes: { hours: null, attendance_at: now } };
  const hours = checkHours(mark.hours, shift);
  return { to: 'attended' as const, changes: { hours, attendance_at: now, ...snapshot(profile, shift) } };
}

function assertStarted(shift: ShiftContext, now: string) {
  if (shift.start > now)
    throw refuse(
      409,
      'shift_not_started',
      `The shift starts at ${kzTime(shift.start)}: attendance is recorded from then`,
      {
        start: kzTime(shift.start),
      },
    );
}

async function tellHours(trx: Transaction<DB>, app: ApplicationRow, shift: ShiftContext, hours: number) {
  const link = `${appUrl()}/platform/volunteers/me/applications`;
  await mailUser(trx, app.volunteer_id, 'application.hours', (lang, name) =>
    hoursMail(lang, {
      name,
      title: shift.title,
      organization: shift.organizationName,
      start: kzTime(shift.start),
      link,
      hours,
      disputeDays: DISPUTE_DAYS,
    }),
  );
}

async function loadForCoordinator(trx: Transaction<DB>, actor: Actor, id: number) {
  const app = await findApplication(trx, id);
  if (!app) throw notFound(`No application ${id}`);
  const shift = await findShift(trx, app.shift_id, true);
  if (!shift) throw notFound(`No application ${id}`);
  authorize(actor, 'platform.opportunities.manage', { organizationId: shift.organizationId });
  return { app: (await findApplication(trx, id)) as ApplicationRow, shift };
}

/** One volunteer's attendance: attended with hours, or no-show. */
export async function recordAttendance(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: AttendanceBody,
  at = new Date(),
): Promise<{ status: 'attended' | 'no_show'; hours: number | null }> {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const { app, shift } = await loadForCoordinator(trx, actor, id);
    assertStarted(shift, now);
    const profile = (await profilesOf(trx, [app.volunteer_id])).get(app.volunteer_id);
    const { to, changes } = markOf(
      app,
      shift,
      { attended: body.attended, hours: 'hours' in body ? body.hours : undefined },
      profile,
      now,
    );
    await transition(trx, app, to, { by: actor.id, now, changes });
    if (to === 'attended') await tellHours(trx, app, shift, changes.hours as number);
    await hoursChanged(trx, shift.opportunityId, [kzMonth(shift.start)], { userId: actor.id, now }, [
      app.volunteer_id,
    ]);
    return { status: to, hours: changes.hours };
  });
}

/**
 * A whole shift's attendance at once: every entry checked first, and nothing written unless all
 * pass (422 attendance_rejected naming each refused entry).
 */
export async function recordShiftAttendance(
  db: Kysely<DB>,
  user: Actor,
  shiftId: number,
  body: BulkAttendanceBody,
  at = new Date(),
): Promise<{ recorded: number; attended: number; hours: number }> {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const shift = await findShift(trx, shiftId, true);
    if (!shift) throw notFound(`No shift ${shiftId}`);
    authorize(actor, 'platform.opportunities.manage', { organizationId: shift.organizationId });
    assertStarted(shift, now);
    const ids = [...new Set(body.entries.map((e) => e.application))];
    if (ids.length !== body.entries.length)
      throw badRequest('An application is named twice', [{ rule: 'duplicate_entry' }], 'duplicate_entry');
    const apps = new Map<number, ApplicationRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom('application')
        .selectAll()
        .where('shift_id', '=', shiftId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) apps.set(Number(r.id), r);
    }
    const profiles = await profilesOf(
      trx,
      [...apps.values()].map((a) => a.volunteer_id),
    );
    const problems: Record<string, unknown>[] = [];
    const marks: { app: ApplicationRow; to: 'attended' | 'no_show'; changes: Record<string, unknown> }[] = [];
    body.entries.forEach((e, index) => {
      const app = apps.get(e.application);
      if (!app) {
        problems.push({
          index,
          application: e.application,
          rule: 'not_in_shift',
          message: `Application ${e.application} is not of this shift`,
        });
        return;
      }
      try {
        marks.push({ app, ...markOf(app, shift, e, profiles.get(app.volunteer_id), now) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        problems.push({
          index,
          application: e.application,
          ...(err.details[0] ?? {}),
          rule: err.code,
          message: err.message,
        });
      }
    });
    if (problems.length > 0)
      throw new AppError(
        422,
        'attendance_rejected',
        `${problems.length} of ${body.entries.length} entries cannot be recorded: nothing was`,
        problems,
      );
    // A whole shift in a few statements: the marks, their trail, the e-mails (bench:platform).
    const written = await markAttendanceMany(
      trx,
      marks.map((m) => ({
        id: m.app.id,
        version: m.app.version,
        status: m.to,
        hours: (m.changes.hours as number | null) ?? null,
        cohort: (m.changes.cohort as string | undefined) ?? null,
        gender: (m.changes.gender as string | null | undefined) ?? null,
        age_band: (m.changes.age_band as string | null | undefined) ?? null,
        employment: (m.changes.employment as string | null | undefined) ?? null,
      })),
      now,
    );
    if (written !== marks.length)
      throw new AppError(
        409,
        'stale_application',
        'Applications of this shift changed meanwhile: reload and save again',
        [{ rule: 'stale_application' }],
      );
    await insertEvents(
      trx,
      marks.map((m) => ({
        application_id: m.app.id,
        at: now,
        by_user: actor.id,
        from_status: m.app.status,
        to_status: m.to,
        reason: null,
        note: null,
        hours_before: null,
        hours_after: (m.changes.hours as number | null) ?? null,
      })),
    );
    const present = marks.filter((m) => m.to === 'attended');
    const hours = present.reduce((sum, m) => sum + (m.changes.hours as number), 0);
    const attended = present.length;
    const who = await recipientsOf(
      trx,
      marks.map((m) => m.app.volunteer_id),
    );
    const link = `${appUrl()}/platform/volunteers/me/applications`;
    const mails: NewMessage[] = [];
    for (const m of present) {
      const r = who.get(m.app.volunteer_id);
      if (!r || Number(r.disabled) === 1) continue;
      const chosen = r.vlang ?? r.lang;
      const lang: Lang = isLang(chosen) ? chosen : 'ru';
      mails.push({
        kind: 'application.hours',
        to: r.email,
        lang,
        ...hoursMail(lang, {
          name: r.name ?? null,
          title: shift.title,
          organization: shift.organizationName,
          start: kzTime(shift.start),
          link,
          hours: m.changes.hours as number,
          disputeDays: DISPUTE_DAYS,
        }),
      });
    }
    await queueMessages(trx, mails);
    await hoursChanged(
      trx,
      shift.opportunityId,
      [kzMonth(shift.start)],
      { userId: actor.id, now },
      marks.map((m) => m.app.volunteer_id),
    );
    return { recorded: marks.length, attended, hours: Math.round(hours * 100) / 100 };
  });
}

/**
 * Applies a correction inside a transaction (the coordinator's, or the front office settling a
 * dispute): attended with hours, or no-show; audited with the reason.
 */
export async function applyCorrection(
  trx: Transaction<DB>,
  app: ApplicationRow,
  shift: ShiftContext,
  c: { attended: boolean; hours?: number | undefined; reason: string; by: number; now: string },
): Promise<{ status: 'attended' | 'no_show'; hours: number | null }> {
  if (app.status !== 'attended' && app.status !== 'no_show')
    throw refuse(
      409,
      'attendance_not_recorded',
      `Application ${app.id} is ${app.status}: record its attendance first`,
      {
        status: app.status,
      },
    );
  if (app.revoked_at !== null)
    throw refuse(409, 'hours_revoked', `The hours of application ${app.id} are revoked`);
  const to = c.attended ? ('attended' as const) : ('no_show' as const);
  let changes: Record<string, unknown>;
  if (c.attended) {
    const profile = (await profilesOf(trx, [app.volunteer_id])).get(app.volunteer_id);
    // The snapshot of the first marking stays (the statistics keep it after an erasure).
    const snap = app.cohort ? {} : snapshot(profile, shift);
    changes = { hours: checkHours(c.hours, shift), attendance_at: c.now, ...snap };
  } else changes = { hours: null, attendance_at: c.now };
  const before = { status: app.status, hours: app.hours === null ? null : Number(app.hours) };
  await transition(trx, app, to, {
    by: c.by,
    eventReason: 'correction',
    note: c.reason,
    now: c.now,
    changes,
  });
  const after = { status: to, hours: (changes.hours as number | null) ?? null };
  await writeAudit(
    trx,
    [
      {
        userId: c.by,
        action: 'correct',
        entity: 'application',
        entityId: String(app.id),
        field: 'hours',
        oldValue: JSON.stringify(before),
        newValue: JSON.stringify(after),
        note: c.reason,
        region: shift.region,
        period: kzMonth(shift.start),
      },
    ],
    c.now,
  );
  if (to === 'attended') await tellHours(trx, app, shift, after.hours as number);
  await hoursChanged(trx, shift.opportunityId, [kzMonth(shift.start)], { userId: c.by, now: c.now }, [
    app.volunteer_id,
  ]);
  return after;
}

export async function correctAttendance(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: CorrectionBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const { app, shift } = await loadForCoordinator(trx, actor, id);
    return applyCorrection(trx, app, shift, { ...body, by: actor.id, now });
  });
}

/** Revokes confirmed hours: kept on the application, no longer counted; audited with the reason. */
export async function revokeHours(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: RevokeBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const { app, shift } = await loadForCoordinator(trx, actor, id);
    if (app.status !== 'attended')
      throw refuse(409, 'attendance_not_recorded', `Application ${app.id} has no confirmed hours to revoke`, {
        status: app.status,
      });
    if (app.revoked_at !== null)
      throw refuse(409, 'hours_revoked', `The hours of application ${app.id} are revoked`);
    await transition(trx, app, 'attended', {
      by: actor.id,
      eventReason: 'revoked',
      note: body.reason,
      now,
      changes: { revoked_at: now },
    });
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'revoke',
          entity: 'application',
          entityId: String(app.id),
          field: 'hours',
          oldValue: app.hours,
          newValue: null,
          note: body.reason,
          region: shift.region,
          period: kzMonth(shift.start),
        },
      ],
      now,
    );
    await hoursChanged(trx, shift.opportunityId, [kzMonth(shift.start)], { userId: actor.id, now }, [
      app.volunteer_id,
    ]);
    return {
      status: 'attended' as const,
      hours: app.hours === null ? null : Number(app.hours),
      revoked: true,
    };
  });
}
