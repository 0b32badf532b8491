// The link (DOMAIN.md §7 "Into the statistics"): the hours confirmed on the platform are activity
// records of their region and month, one per opportunity and month (Kazakhstan time), marked
// `source = platform` with the external id `platform:<opportunity>:<YYYY-MM>`. Every confirmation,
// correction or revocation of hours calls refreshPlatformRecords in its own transaction: the
// month's record is recomputed from the confirmed applications, inserted, changed or deleted, the
// aggregates moved by the change (applyRecordChange), the change audited, and a month already
// submitted or accepted marked `restated` (before / after totals in the audit). The front office
// cannot edit these rows (activities.service.ts refuses with platform_record_readonly).
// Cost: a fixed number of statements per (opportunity, month), whatever the number of applications
// (the bench confirms 10,000 attendances in bulk).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { COHORT_COLUMNS, type CohortColumn } from '../../domain/activity-rules.ts';
import { kzDate, kzMonth } from '../../domain/platform-cohort.ts';
import {
  type ActivityColumns,
  deleteActivityAt,
  findActivity,
  insertActivity,
  lockOrganizationTypes,
  updateActivityAt,
} from '../activities/activities.repository.ts';
import type { Activity } from '../activities/activities.schemas.ts';
import { applyRecordChange, type CountedRecord } from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import {
  type ConfirmedRow,
  confirmedOfOpportunity,
  findByRowKey,
  markRestated,
  monthsOfOpportunity,
  opportunityWithOrganizer,
  partitionTotals,
} from './platform-stats.repository.ts';

/** The row key and external id of an opportunity's record of a month. */
export const platformKey = (opportunityId: number, month: string) => `platform:${opportunityId}:${month}`;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The figures of one opportunity's month, from its confirmed applications (none: null). */
export function monthFigures(rows: ConfirmedRow[], month: string) {
  const mine = rows.filter((r) => kzMonth(r.startAt) === month);
  if (mine.length === 0) return null;
  const shifts = new Map<number, string>();
  // Each volunteer counted once, by the cohort of his earliest confirmed shift of the month.
  const first = new Map<number, ConfirmedRow>();
  let hours = 0;
  for (const r of mine) {
    shifts.set(r.shiftId, r.startAt);
    hours += r.hours;
    const had = first.get(r.volunteerId);
    if (!had || r.startAt < had.startAt || (r.startAt === had.startAt && r.shiftId < had.shiftId))
      first.set(r.volunteerId, r);
  }
  const cohorts = Object.fromEntries(COHORT_COLUMNS.map((c) => [c, 0])) as Record<CohortColumn, number>;
  for (const r of first.values()) {
    const c = (COHORT_COLUMNS as readonly string[]).includes(r.cohort ?? '')
      ? (r.cohort as CohortColumn)
      : 'general';
    cohorts[c]++;
  }
  const starts = [...shifts.values()].sort();
  return {
    kind: shifts.size === 1 ? 'event' : 'ongoing',
    start_date: kzDate(starts[0] as string),
    end_date: kzDate(starts[starts.length - 1] as string),
    volunteers: first.size,
    hours: Math.round(hours * 100) / 100,
    ...cohorts,
  };
}

/** The fields a platform record is written with; compared with the stored row to tell a change. */
const COMPARED = [
  'region',
  'period',
  'organization_id',
  'title',
  'area',
  'format',
  'kind',
  'start_date',
  'end_date',
  'volunteers',
  'hours',
  ...COHORT_COLUMNS,
] as const;

const AUDITED = [...COMPARED, 'external_id'] as const;
const snapshot = (rec: Activity) => Object.fromEntries(AUDITED.map((k) => [k, rec[k]]));

function counted(rec: Activity, types: Map<number, string>): CountedRecord {
  return { ...rec, org_type: types.get(rec.organization_id) ?? rec.organization_type };
}

/**
 * Recomputes the platform's records of the opportunity for these months (YYYY-MM, Kazakhstan
 * time), in the caller's transaction: a month with confirmed hours has its record (inserted or
 * changed), a month without has none (deleted). The aggregates follow, every change is audited, and
 * a month already submitted or accepted whose figures changed is marked restated.
 */
export async function refreshPlatformRecords(
  trx: Transaction<DB>,
  opportunityId: number,
  periods: string[],
  ctx: { userId: number | null; now: string },
): Promise<void> {
  const months = [...new Set(periods)].filter((p) => MONTH.test(p)).sort();
  if (months.length === 0) return;
  const opp = await opportunityWithOrganizer(trx, opportunityId);
  if (!opp) throw new Error(`No opportunity ${opportunityId}`);
  for (const month of months) await refreshMonth(trx, opp, month, ctx);
}

/**
 * Every month of the opportunity recomputed: for a change of the opportunity itself (its title,
 * area, format, region or organiser), which its records repeat.
 */
export async function refreshAllPlatformRecords(
  trx: Transaction<DB>,
  opportunityId: number,
  ctx: { userId: number | null; now: string },
): Promise<void> {
  await refreshPlatformRecords(trx, opportunityId, await monthsOfOpportunity(trx, opportunityId), ctx);
}

type Opportunity = NonNullable<Awaited<ReturnType<typeof opportunityWithOrganizer>>>;

async function refreshMonth(
  trx: Transaction<DB>,
  opp: Opportunity,
  month: string,
  ctx: { userId: number | null; now: string },
): Promise<void> {
  const key = platformKey(opp.id, month);
  // The month's lock first, as every write of a region-month takes it; the record is looked for
  // under it, so that two confirmations of one month at once take turns and the second sees the
  // first's record (and its hours) rather than inserting a twin.
  const subs = new Map<string, Awaited<ReturnType<typeof ensureOpenSubmission>>>();
  const lock = async (region: string, period: string) => {
    if (!subs.has(`${region}|${period}`))
      subs.set(`${region}|${period}`, await ensureOpenSubmission(trx, region, period, { allowClosed: true }));
  };
  await lock(opp.region, month);
  const found = await findByRowKey(trx, key);
  // The record is elsewhere only if the opportunity's region changed since it was written.
  if (found) await lock(found.region, found.period);

  const figures = monthFigures(await confirmedOfOpportunity(trx, opp.id, month), month);
  const current = found ? await findActivity(trx, found.id) : undefined;
  const columns: ActivityColumns | null = figures && {
    region: opp.region,
    period: month,
    organization_id: opp.organizationId,
    title: opp.title,
    area: opp.area,
    format: opp.format,
    ...figures,
    rfo_support: null,
    beneficiaries: null,
    excluded: null,
    external_id: key,
    notes: null,
    source: 'platform',
  };
  if (!current && !columns) return;
  if (current && columns && COMPARED.every((k) => current[k] === (columns as Record<string, unknown>)[k]))
    return;

  // What the restatement's audit compares: the figures of each closed month before the change.
  const closed = [...subs.values()].filter((s) => s.status === 'submitted' || s.status === 'accepted');
  const before = new Map<number, Awaited<ReturnType<typeof partitionTotals>>>();
  for (const s of closed) before.set(Number(s.id), await partitionTotals(trx, s.region, s.period));

  const types = await lockOrganizationTypes(trx, [
    opp.organizationId,
    ...(current ? [current.organization_id] : []),
  ]);
  const entries: AuditInput[] = [];
  const base = { userId: ctx.userId, entity: 'activity', note: 'platform' };
  if (!current && columns) {
    const rec = await insertActivity(trx, columns, key, ctx.now, {
      ...opp.organizer,
      type: types.get(opp.organizationId) ?? opp.organizer.type,
    });
    await applyRecordChange(trx, null, counted(rec, types));
    entries.push({
      ...base,
      action: 'create',
      entityId: String(rec.id),
      newValue: snapshot(rec),
      region: rec.region,
      period: rec.period,
    });
  } else if (current && !columns) {
    if (!(await deleteActivityAt(trx, current.id, current.version)))
      throw new Error(`The platform's record ${current.id} changed under its lock`);
    await applyRecordChange(trx, counted(current, types), null);
    entries.push({
      ...base,
      action: 'delete',
      entityId: String(current.id),
      oldValue: snapshot(current),
      region: current.region,
      period: current.period,
    });
  } else if (current && columns) {
    if (!(await updateActivityAt(trx, current.id, current.version, columns, key, ctx.now)))
      throw new Error(`The platform's record ${current.id} changed under its lock`);
    const next = (await findActivity(trx, current.id)) as Activity;
    await applyRecordChange(trx, counted(current, types), counted(next, types));
    for (const k of AUDITED) {
      if (current[k] !== next[k])
        entries.push({
          ...base,
          action: 'update',
          entityId: String(current.id),
          field: k,
          oldValue: current[k],
          newValue: next[k],
          region: next.region,
          period: next.period,
        });
    }
  }
  for (const s of closed) {
    const after = await partitionTotals(trx, s.region, s.period);
    await markRestated(trx, Number(s.id), ctx.now);
    entries.push({
      userId: ctx.userId,
      action: 'restated',
      entity: 'submission',
      entityId: String(s.id),
      oldValue: { status: s.status, ...before.get(Number(s.id)) },
      newValue: { status: s.status, ...after },
      note: key,
      region: s.region,
      period: s.period,
    });
  }
  await writeAudit(trx, entries, ctx.now);
}
