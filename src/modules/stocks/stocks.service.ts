// The stocks of a region and period (DOMAIN.md §3): unique volunteers by dimension and category,
// and the counts of volunteer NPOs and initiative groups. Written as a whole set, only into an open
// submission, checked against the updated_at the client read (409 when someone saved in between),
// and audited figure by figure. A blank figure stays null: missing is not zero.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { authorize } from '../../domain/policy.ts';
import {
  checkVolunteerSums,
  type VolunteerStatInput,
  validateVolunteerStat,
} from '../../domain/volunteer-rules.ts';
import { staleVersion, validationFailed } from '../../lib/errors.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import { findSubmission } from '../submissions/submissions.repository.ts';
import { checkRegionPeriod } from '../submissions/submissions.service.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  deleteVolunteers,
  insertOrgCounts,
  insertVolunteers,
  readOrgCounts,
  readVolunteers,
  touchVolunteers,
  updateOrgCounts,
  updateVolunteers,
} from './stocks.repository.ts';
import type { OrgCounts, OrgCountsBody, VolunteerStocks, VolunteersBody } from './stocks.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The status and version of the period's submission; a draft when there is none yet. */
async function submissionState(db: Db, { region, period }: { region: string; period: string }) {
  const s = await findSubmission(db, region, period);
  return s ? { status: s.status as string, version: Number(s.version) } : { status: 'draft', version: 1 };
}

/** A timestamp strictly after `previous`, so two saves in one millisecond still differ. */
function nextStamp(previous: string | null): string {
  const now = new Date();
  if (previous && now.toISOString() <= previous) return new Date(Date.parse(previous) + 1).toISOString();
  return now.toISOString();
}

// --- volunteers ----------------------------------------------------------------------------------

export async function getVolunteers(
  db: Kysely<DB>,
  actor: SessionUser,
  region: string,
  period: string,
): Promise<VolunteerStocks> {
  authorize(actor, 'stocks.read', { region });
  await checkRegionPeriod(db, region, period);
  const at = { region, period };
  const [data, submission] = await Promise.all([readVolunteers(db, at), submissionState(db, at)]);
  return { ...data, submission };
}

export async function putVolunteers(
  db: Kysely<DB>,
  actor: SessionUser,
  region: string,
  period: string,
  body: VolunteersBody,
): Promise<VolunteerStocks> {
  const user = authorize(actor, 'region.write', { region });
  await checkRegionPeriod(db, region, period);
  const set = { region, period };
  return db.transaction().execute(async (trx) => {
    const ref = await loadReferenceSnapshot(trx);
    const problems: Record<string, unknown>[] = [];
    const valid: { row: number; value: VolunteerStatInput }[] = [];
    body.rows.forEach((r, i) => {
      const res = validateVolunteerStat(
        {
          region,
          period,
          dimension: r.dimension,
          category: r.category ?? '',
          volunteers: r.volunteers ?? null,
        },
        ref,
        i + 1,
      );
      if (res.value && (res.value.volunteers ?? 0) > 2147483647) {
        // An integer column on PostgreSQL: a larger figure is an input error, not a 500.
        problems.push({
          row: i + 1,
          column: 'volunteers',
          value: res.value.volunteers,
          rule: 'too_large',
          message: 'volunteers is too large',
        });
      } else if (res.value) valid.push({ row: i + 1, value: res.value });
      problems.push(...res.problems.map((p) => ({ ...p })));
    });
    problems.push(...checkVolunteerSums(valid, ref).map((p) => ({ ...p })));
    if (problems.length > 0) {
      throw validationFailed(
        `The volunteer figures have ${problems.length} problem(s)`,
        problems as { rule: string }[],
      );
    }
    await ensureOpenSubmission(trx, region, period);
    const current = await readVolunteers(trx, set);
    if (current.updatedAt !== body.updatedAt) {
      throw staleVersion(
        `The volunteer figures of ${region} ${period} were changed by someone else (updated ${current.updatedAt ?? 'never'})`,
        current,
      );
    }
    const key = (r: { dimension: string; category: string }) => `${r.dimension}|${r.category}`;
    const before = new Map(current.rows.map((r) => [key(r), r.volunteers]));
    const after = new Map(valid.map((v) => [key(v.value), v.value.volunteers]));
    const at = nextStamp(current.updatedAt);
    const audit: AuditInput[] = [];
    const entityId = (k: string) => `${region}|${period}|${k}`;
    for (const [k, v] of after) {
      const [dimension, category] = k.split('|') as [string, string];
      const row = { ...set, dimension, category };
      if (!before.has(k)) {
        await insertVolunteers(trx, row, v, at);
        audit.push({
          userId: user.id,
          action: 'create',
          entity: 'volunteer_stat',
          entityId: entityId(k),
          region,
          period,
          field: 'volunteers',
          oldValue: null,
          newValue: v,
        });
      } else if (before.get(k) !== v) {
        await updateVolunteers(trx, row, v, at);
        audit.push({
          userId: user.id,
          action: 'update',
          entity: 'volunteer_stat',
          entityId: entityId(k),
          region,
          period,
          field: 'volunteers',
          oldValue: before.get(k),
          newValue: v,
        });
      }
    }
    for (const [k, v] of before) {
      if (after.has(k)) continue;
      const [dimension, category] = k.split('|') as [string, string];
      await deleteVolunteers(trx, { ...set, dimension, category });
      audit.push({
        userId: user.id,
        action: 'delete',
        entity: 'volunteer_stat',
        entityId: entityId(k),
        region,
        period,
        field: 'volunteers',
        oldValue: v,
        newValue: null,
      });
    }
    if (audit.length > 0) await touchVolunteers(trx, set, at);
    await writeAudit(trx, audit, at);
    return { ...(await readVolunteers(trx, set)), submission: await submissionState(trx, set) };
  });
}

// --- organisation counts -------------------------------------------------------------------------

function assertOrgCountPeriod(period: string) {
  if (!/^\d{4}(-\d{2})?$/.test(period)) {
    throw validationFailed('Organisation counts are kept for a year or a month', [
      { column: 'period', value: period, rule: 'period_format', message: 'period must be YYYY or YYYY-MM' },
    ]);
  }
}

export async function getOrgCounts(
  db: Kysely<DB>,
  actor: SessionUser,
  region: string,
  period: string,
): Promise<OrgCounts> {
  authorize(actor, 'stocks.read', { region });
  await checkRegionPeriod(db, region, period);
  const at = { region, period };
  const [data, submission] = await Promise.all([readOrgCounts(db, at), submissionState(db, at)]);
  return { ...data, submission };
}

export async function putOrgCounts(
  db: Kysely<DB>,
  actor: SessionUser,
  region: string,
  period: string,
  body: OrgCountsBody,
): Promise<OrgCounts> {
  const user = authorize(actor, 'region.write', { region });
  await checkRegionPeriod(db, region, period);
  const set = { region, period };
  assertOrgCountPeriod(period);
  return db.transaction().execute(async (trx) => {
    await ensureOpenSubmission(trx, region, period);
    const current = await readOrgCounts(trx, set);
    if (current.updatedAt !== body.updatedAt) {
      throw staleVersion(
        `The organisation counts of ${region} ${period} were changed by someone else (updated ${current.updatedAt ?? 'never'})`,
        current,
      );
    }
    const at = nextStamp(current.updatedAt);
    const audit: AuditInput[] = [];
    const entityId = `${region}|${period}`;
    const exists = current.updatedAt !== null;
    for (const [field, column] of [
      ['npo', 'npo'],
      ['initiativeGroups', 'initiative_groups'],
    ] as const) {
      // A new row audits the figures it brings; an existing one the figures that changed.
      if (exists ? current[field] !== body[field] : body[field] !== null) {
        audit.push({
          userId: user.id,
          action: exists ? 'update' : 'create',
          entity: 'org_count',
          entityId,
          region,
          period,
          field: column,
          oldValue: current[field],
          newValue: body[field],
        });
      }
    }
    if (!exists) await insertOrgCounts(trx, set, body, at);
    else if (audit.length > 0) await updateOrgCounts(trx, set, body, at);
    await writeAudit(trx, audit, at);
    return { ...(await readOrgCounts(trx, set)), submission: await submissionState(trx, set) };
  });
}
