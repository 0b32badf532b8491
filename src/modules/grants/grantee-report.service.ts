// A grantee's report through the platform (issue 13 item 4): the project's activities of one month,
// which become activity records of their regions, like the platform's confirmed hours (DOMAIN.md §7
// "Into the statistics"): `source = platform`, the project attached (`grant_project_id`), row key
// and external id `platform:grant:<project>:<YYYY-MM>:<n>`, read-only for the front office. A
// report of a month replaces the project's records of that month as a whole (a record the new
// report no longer has is deleted): reporting again never adds to what was reported, so nothing is
// counted twice. As with the platform, a month already submitted or accepted is changed and marked
// restated, before and after in the audit. The grantee's organisation is the organiser of every
// record; each item is validated by the rules of any activity record (domain/activity-rules.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  COHORT_COLUMNS,
  type Problem,
  type RawActivity,
  validateActivity,
} from '../../domain/activity-rules.ts';
import { kzMonth } from '../../domain/platform-cohort.ts';
import type { Actor } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import { refuse, validationFailed } from '../../lib/errors.ts';
import {
  type ActivityColumns,
  deleteActivityAt,
  findActivity,
  insertActivity,
  lockOrganizationTypes,
  referenceFor,
  updateActivityAt,
} from '../activities/activities.repository.ts';
import type { Activity } from '../activities/activities.schemas.ts';
import { applyRecordChange, type CountedRecord } from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { markRestated, partitionTotals } from '../platform-stats/platform-stats.repository.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import type { ReportBody, ReportItem } from './grants.schemas.ts';
import { projectFor } from './projects.service.ts';

/** The row key (and external id) of a project's n-th record of a month. */
export const grantKey = (projectId: number, month: string, n: number) =>
  `platform:grant:${projectId}:${month}:${n}`;

/** The fields compared to tell a change, and audited. */
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
  'beneficiaries',
  ...COHORT_COLUMNS,
] as const;
const snapshot = (rec: Activity) =>
  Object.fromEntries([...COMPARED, 'external_id'].map((k) => [k, rec[k as keyof Activity]]));
const counted = (rec: Activity, types: Map<number, string>): CountedRecord => ({
  ...rec,
  org_type: types.get(rec.organization_id) ?? rec.organization_type,
});

/** One item as the validation of any activity record reads it. */
function raw(
  item: ReportItem,
  org: { name: string; type: string; bin: string | null },
  area: string,
  month: string,
): RawActivity {
  return {
    region: item.region,
    period: month,
    organization: org.name,
    organization_type: org.type,
    organization_bin: org.bin,
    title: item.title,
    area,
    format: item.format,
    kind: item.kind,
    start_date: item.startDate,
    end_date: item.endDate,
    volunteers: item.volunteers,
    hours: item.hours,
    beneficiaries: item.beneficiaries ?? null,
    ...Object.fromEntries(COHORT_COLUMNS.map((c) => [c, item[c] ?? null])),
  };
}

export async function reportProject(
  db: Kysely<DB>,
  user: Actor,
  projectId: number,
  month: string,
  body: ReportBody,
  at = new Date(),
) {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const project = await projectFor(trx, user, projectId, 'grants.report');
    const year = Number(month.slice(0, 4));
    if (year < project.yearFrom || year > project.yearTo)
      throw refuse(
        422,
        'grant_period_outside',
        `The project runs ${project.yearFrom}–${project.yearTo}, not in ${month}`,
        {
          value: month,
          yearFrom: project.yearFrom,
          yearTo: project.yearTo,
        },
      );
    if (month > kzMonth(now))
      throw refuse(422, 'grant_period_future', `${month} has not begun: report a month once it has`, {
        value: month,
      });
    const org = project.organization;
    const raws = body.items.map((item) => raw(item, org, project.area, month));
    // The reference data these items can name (as the entry form reads it): the aliases of their
    // regions and the code-list entries any of their texts could be.
    const codes = new Set<string>();
    for (const r of raws)
      for (const v of Object.values(r))
        if (typeof v === 'string' && v.trim()) codes.add(v.trim().toLowerCase());
    const ref = await referenceFor(
      trx,
      [...new Set(body.items.map((i) => normalizeName(i.region)))],
      [...codes],
    );
    const problems: Problem[] = [];
    const desired = new Map<string, ActivityColumns>();
    body.items.forEach((item, i) => {
      const { value, problems: found } = validateActivity(raws[i] as RawActivity, ref, i + 1);
      problems.push(...found);
      if (!value) return;
      if (!project.regions.includes(value.region)) {
        problems.push({
          row: i + 1,
          column: 'region',
          value: item.region,
          rule: 'grant_region_outside',
          message: `Region ${value.region} is not among the project's regions (${project.regions.join(', ')})`,
        });
        return;
      }
      const key = grantKey(project.id, month, i + 1);
      desired.set(key, {
        region: value.region,
        period: month,
        organization_id: org.id,
        title: value.title,
        area: value.area,
        format: value.format,
        kind: value.kind,
        start_date: value.start_date,
        end_date: value.end_date,
        volunteers: value.volunteers,
        hours: value.hours,
        ...Object.fromEntries(COHORT_COLUMNS.map((c) => [c, value[c]])),
        rfo_support: null,
        beneficiaries: value.beneficiaries,
        excluded: null,
        external_id: key,
        notes: null,
        source: 'platform',
        grant_project_id: project.id,
      });
    });
    if (problems.length)
      throw validationFailed(
        `The report has ${problems.length} problem(s)`,
        problems.map((p) => ({ ...p })),
      );

    const existing = await trx
      .selectFrom('activity')
      .select(['id', 'row_key', 'region'])
      .where('grant_project_id', '=', project.id)
      .where('period', '=', month)
      .execute();
    // Every region-month the report touches is locked first, in one order (no two reports can
    // deadlock), as every write of a region-month takes its lock.
    const regions = [
      ...new Set([...existing.map((e) => e.region), ...[...desired.values()].map((c) => c.region as string)]),
    ].sort();
    const subs = [];
    for (const region of regions)
      subs.push(await ensureOpenSubmission(trx, region, month, { allowClosed: true }));
    const closed = subs.filter((s) => s.status === 'submitted' || s.status === 'accepted');
    const before = new Map<number, Awaited<ReturnType<typeof partitionTotals>>>();
    for (const s of closed) before.set(Number(s.id), await partitionTotals(trx, s.region, s.period));
    const types = await lockOrganizationTypes(trx, [org.id]);
    const organizer = { id: org.id, name: org.name, type: types.get(org.id) ?? org.type, bin: org.bin };

    const entries: AuditInput[] = [];
    const base = { userId: user.id || null, entity: 'activity', note: `grant:${project.id}` };
    const changed = new Set<string>();
    for (const e of existing) {
      const current = (await findActivity(trx, Number(e.id))) as Activity;
      const columns = desired.get(e.row_key);
      if (!columns) {
        if (!(await deleteActivityAt(trx, current.id, current.version)))
          throw new Error(`The grant record ${current.id} changed under its lock`);
        await applyRecordChange(trx, counted(current, types), null);
        entries.push({
          ...base,
          action: 'delete',
          entityId: String(current.id),
          oldValue: snapshot(current),
          region: current.region,
          period: month,
        });
        changed.add(current.region);
        continue;
      }
      desired.delete(e.row_key);
      if (COMPARED.every((k) => current[k] === (columns as Record<string, unknown>)[k])) continue;
      if (!(await updateActivityAt(trx, current.id, current.version, columns, e.row_key, now)))
        throw new Error(`The grant record ${current.id} changed under its lock`);
      const next = (await findActivity(trx, current.id)) as Activity;
      await applyRecordChange(trx, counted(current, types), counted(next, types));
      for (const k of COMPARED)
        if (current[k] !== next[k])
          entries.push({
            ...base,
            action: 'update',
            entityId: String(current.id),
            field: k,
            oldValue: current[k],
            newValue: next[k],
            region: next.region,
            period: month,
          });
      changed.add(current.region).add(next.region);
    }
    for (const [key, columns] of desired) {
      const rec = await insertActivity(trx, columns, key, now, organizer);
      await applyRecordChange(trx, null, counted(rec, types));
      entries.push({
        ...base,
        action: 'create',
        entityId: String(rec.id),
        newValue: snapshot(rec),
        region: rec.region,
        period: month,
      });
      changed.add(rec.region);
    }
    for (const s of closed) {
      if (!changed.has(s.region)) continue;
      await markRestated(trx, Number(s.id), now);
      entries.push({
        userId: user.id || null,
        action: 'restated',
        entity: 'submission',
        entityId: String(s.id),
        oldValue: { status: s.status, ...before.get(Number(s.id)) },
        newValue: { status: s.status, ...(await partitionTotals(trx, s.region, s.period)) },
        note: `grant:${project.id}`,
        region: s.region,
        period: s.period,
      });
    }
    await writeAudit(trx, entries, now);

    const items = body.items;
    return {
      period: month,
      records: items.length,
      volunteers: items.reduce((s, i) => s + i.volunteers, 0),
      hours: Math.round(items.reduce((s, i) => s + i.hours, 0) * 100) / 100,
      beneficiaries: items.reduce((s, i) => s + (i.beneficiaries ?? 0), 0),
      replaced: existing.length,
    };
  });
}
