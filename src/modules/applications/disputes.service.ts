// Disputes of confirmed hours (DOMAIN.md §7): the volunteer disputes what the organisation recorded
// (hours, or a no-show) within DISPUTE_DAYS of the recording, one open dispute at a time; the front
// office of the opportunity's region (or the national office) settles it: upheld (with the hours to
// confirm instead, which corrects the attendance and the statistics) or rejected, with a note the
// volunteer reads. Audited; each side told by e-mail.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, authorize, listScope, requireActor } from '../../domain/policy.ts';
import { forbidden, notFound, refuse } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { kzTime } from '../opportunities/opportunities.service.ts';
import { disputeOpenedMail, disputeSettledMail } from './applications.mail.ts';
import {
  type ApplicationRow,
  findApplication,
  findShift,
  type ShiftContext,
} from './applications.repository.ts';
import type { DisputeBody, DisputeView, SettleBody } from './applications.schemas.ts';
import { DISPUTE_DAYS, mailUser } from './applications.service.ts';
import { applyCorrection, checkHours } from './attendance.service.ts';

const about = (shift: ShiftContext, name: string | null, link: string) => ({
  name,
  title: shift.title,
  organization: shift.organizationName,
  start: kzTime(shift.start),
  link,
});

export async function openDispute(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: DisputeBody,
  at = new Date(),
) {
  const actor = authorize(user, 'volunteers.self');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const found = await findApplication(trx, id);
    if (!found) throw notFound(`No application ${id}`);
    if (found.volunteer_id !== actor.id) throw forbidden('This is another volunteer’s application');
    // The shift locked: two disputes sent at once are one dispute and a 409.
    const shift = (await findShift(trx, found.shift_id, true)) as ShiftContext;
    const app = (await findApplication(trx, id)) as ApplicationRow;
    if ((app.status !== 'attended' && app.status !== 'no_show') || app.attendance_at === null)
      throw refuse(409, 'attendance_not_recorded', 'Nothing is recorded yet to dispute');
    if (app.revoked_at !== null)
      throw refuse(
        409,
        'hours_revoked',
        'These hours were revoked by the organisation: write to the front office',
      );
    const claimed = body.claimedHours === undefined ? undefined : checkHours(body.claimedHours, shift);
    const until = new Date(Date.parse(app.attendance_at) + DISPUTE_DAYS * 24 * 3600_000).toISOString();
    if (now > until)
      throw refuse(
        409,
        'dispute_window_closed',
        `Hours may be disputed within ${DISPUTE_DAYS} days of their recording`,
        {
          days: DISPUTE_DAYS,
        },
      );
    const open = await trx
      .selectFrom('hours_dispute')
      .select('id')
      .where('application_id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw refuse(409, 'dispute_open', 'This participation is already disputed: wait for the answer', {
        id: open.id,
      });
    const row = await trx
      .insertInto('hours_dispute')
      .values({
        application_id: id,
        region: shift.region,
        opened_by: actor.id,
        opened_at: now,
        text: body.text.trim(),
        claimed_hours: claimed ?? null,
        status: 'open',
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
          action: 'dispute',
          entity: 'application',
          entityId: String(id),
          field: 'hours',
          oldValue: app.hours,
          newValue: body.claimedHours ?? null,
          note: body.text.trim(),
          region: shift.region,
        },
      ],
      now,
    );
    // The front office of the region is told.
    const staff = await trx
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'rfo')
      .where('region', '=', shift.region)
      .where('disabled', '=', 0)
      .execute();
    const volunteer = await trx
      .selectFrom('volunteer_profile')
      .select('name')
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    for (const s of staff)
      await mailUser(trx, Number(s.id), 'dispute.opened', (lang, name) =>
        disputeOpenedMail(lang, {
          ...about(shift, name, `${appUrl()}/platform/disputes`),
          volunteer: volunteer?.name ?? '—',
        }),
      );
    return { id: Number(row.id), status: 'open' as const };
  });
}

/** For a route's guard: the dispute's region is the actor's to settle (unknown: the handler's 404). */
export async function assertMaySettle(db: Kysely<DB>, user: Actor | null | undefined, id: number | null) {
  const actor = authorize(user, 'platform.disputes.settle');
  if (id === null) return;
  const d = await db.selectFrom('hours_dispute').select('region').where('id', '=', id).executeTakeFirst();
  if (d) authorize(actor, 'platform.disputes.settle', { region: d.region });
}

export async function listDisputes(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  q: { status: 'open' | 'upheld' | 'rejected'; region?: string | undefined },
): Promise<{ items: DisputeView[] }> {
  const only = listScope(
    requireActor(user),
    'platform.disputes.settle',
    q.region ? { region: q.region } : {},
  ).region;
  let query = db
    .selectFrom('hours_dispute as d')
    .innerJoin('application as a', 'a.id', 'd.application_id')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .innerJoin('organization as g', 'g.id', 'o.organization_id')
    .leftJoin('volunteer_profile as v', 'v.user_id', 'a.volunteer_id')
    .selectAll('d')
    .select([
      'a.status as app_status',
      'a.hours',
      'a.opportunity_id',
      's.id as shift_id',
      's.start_at',
      's.end_at',
      'o.title',
      'g.name as org_name',
      'v.name',
    ])
    .where('d.status', '=', q.status);
  if (only) query = query.where('d.region', '=', only);
  if (q.region) query = query.where('d.region', '=', q.region);
  const rows = await query.orderBy('d.opened_at').orderBy('d.id').limit(500).execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      status: r.status,
      region: r.region,
      application: Number(r.application_id),
      applicationStatus: r.app_status,
      volunteer: r.name ?? '—',
      opportunity: { id: Number(r.opportunity_id), title: r.title, organization: r.org_name },
      shift: { id: Number(r.shift_id), start: kzTime(r.start_at), end: kzTime(r.end_at) },
      hours: r.hours === null ? null : Number(r.hours),
      claimedHours: r.claimed_hours === null ? null : Number(r.claimed_hours),
      text: r.text,
      openedAt: r.opened_at,
      settledAt: r.settled_at,
      settlement: r.settlement,
    })),
  };
}

export async function settleDispute(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: SettleBody,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('hours_dispute').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw notFound(`No dispute ${id}`);
    authorize(actor, 'platform.disputes.settle', { region: d.region });
    if (d.status !== 'open')
      throw refuse(409, 'dispute_settled', `Dispute ${id} is settled already (${d.status})`);
    const app = (await findApplication(trx, d.application_id)) as ApplicationRow;
    const shift = (await findShift(trx, app.shift_id, true)) as ShiftContext;
    const fresh = (await findApplication(trx, d.application_id)) as ApplicationRow;
    let hours: number | null = fresh.hours === null ? null : Number(fresh.hours);
    if (body.decision === 'upheld') {
      const target = body.hours ?? (d.claimed_hours === null ? undefined : Number(d.claimed_hours));
      if (target === undefined && fresh.status === 'no_show')
        throw refuse(400, 'hours_required', 'The volunteer was marked absent: say how many hours to confirm');
      if (target !== undefined || fresh.status === 'no_show') {
        const done = await applyCorrection(trx, fresh, shift, {
          attended: true,
          hours: target,
          reason: `dispute ${id} upheld: ${body.note.trim()}`,
          by: actor.id,
          now,
        });
        hours = done.hours;
      }
    }
    const moved = await trx
      .updateTable('hours_dispute')
      .set({ status: body.decision, settled_by: actor.id, settled_at: now, settlement: body.note.trim() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw refuse(409, 'dispute_settled', `Dispute ${id} is settled already`);
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'settle',
          entity: 'hours_dispute',
          entityId: String(id),
          field: 'status',
          oldValue: 'open',
          newValue: body.decision,
          note: body.note.trim(),
          region: d.region,
        },
      ],
      now,
    );
    await mailUser(trx, app.volunteer_id, 'dispute.settled', (lang, name) =>
      disputeSettledMail(lang, {
        ...about(shift, name, `${appUrl()}/platform/volunteers/me/applications`),
        upheld: body.decision === 'upheld',
        hours,
        note: body.note.trim(),
      }),
    );
    return { status: body.decision, hours };
  });
}
