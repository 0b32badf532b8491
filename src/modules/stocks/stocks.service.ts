// The stocks of a region and period (DOMAIN.md §3): unique volunteers by dimension and category,
// and the counts of volunteer NPOs and initiative groups. Written as a whole set, only into an open
// submission, checked against the updated_at the client read (409 when someone saved in between),
// and audited figure by figure. A blank figure stays null: missing is not zero.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  checkVolunteerSums,
  type VolunteerStatInput,
  validateVolunteerStat,
} from '../../domain/volunteer-rules.ts';
import { conflict, forbidden, validationFailed } from '../../lib/errors.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import { checkRegionPeriod } from '../submissions/submissions.service.ts';
import { assertReadRegion, assertWriteRegion } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface VolunteerRow {
  dimension: string;
  category: string;
  volunteers: number | null;
}

/** A timestamp strictly after `previous`, so two saves in one millisecond still differ. */
function nextStamp(previous: string | null): string {
  const now = new Date();
  if (previous && now.toISOString() <= previous) return new Date(Date.parse(previous) + 1).toISOString();
  return now.toISOString();
}

// --- volunteers ----------------------------------------------------------------------------------

async function readVolunteers(db: Db, region: string, period: string) {
  const rows = await db
    .selectFrom('volunteer_stat')
    .select(['dimension', 'category', 'volunteers', 'updated_at', 'illustrative'])
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();
  const order = ['total', 'gender', 'age_band', 'employment'];
  const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
  rows.sort((a, b) => rank(a.dimension) - rank(b.dimension) || a.category.localeCompare(b.category));
  const updatedAt = rows.reduce<string | null>(
    (m, r) => (m === null || r.updated_at > m ? r.updated_at : m),
    null,
  );
  return {
    region,
    period,
    updatedAt,
    rows: rows.map((r) => ({
      dimension: r.dimension,
      category: r.category,
      volunteers: r.volunteers === null ? null : Number(r.volunteers),
    })),
    illustrative: rows.some((r) => Number(r.illustrative) === 1),
  };
}

async function statusOf(db: Db, region: string, period: string) {
  const s = await db
    .selectFrom('submission')
    .select(['status', 'version'])
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();
  return s ? { status: s.status, version: Number(s.version) } : { status: 'draft' as const, version: 1 };
}

export async function getVolunteers(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  region: string,
  period: string,
) {
  assertReadRegion(userIn, region);
  await checkRegionPeriod(db, region, period);
  const [data, submission] = await Promise.all([
    readVolunteers(db, region, period),
    statusOf(db, region, period),
  ]);
  return { ...data, submission };
}

export async function putVolunteers(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  region: string,
  period: string,
  body: {
    updatedAt: string | null;
    rows: { dimension: unknown; category?: unknown; volunteers?: unknown }[];
  },
) {
  const user = assertWriteRegion(userIn, region);
  await checkRegionPeriod(db, region, period);
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
    const current = await readVolunteers(trx, region, period);
    if (current.updatedAt !== body.updatedAt) {
      throw conflict(
        `The volunteer figures of ${region} ${period} were changed by someone else (updated ${current.updatedAt ?? 'never'})`,
        [{ rule: 'stale_version', current }],
        'stale_version',
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
      if (!before.has(k)) {
        await trx
          .insertInto('volunteer_stat')
          .values({ region, period, dimension, category, volunteers: v, illustrative: 0, updated_at: at })
          .execute();
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
        await trx
          .updateTable('volunteer_stat')
          .set({ volunteers: v, illustrative: 0, updated_at: at })
          .where('region', '=', region)
          .where('period', '=', period)
          .where('dimension', '=', dimension)
          .where('category', '=', category)
          .execute();
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
      await trx
        .deleteFrom('volunteer_stat')
        .where('region', '=', region)
        .where('period', '=', period)
        .where('dimension', '=', dimension)
        .where('category', '=', category)
        .execute();
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
    if (audit.length > 0) {
      // Every remaining row carries the save's time, so the set's updated_at moves on every change.
      await trx
        .updateTable('volunteer_stat')
        .set({ updated_at: at })
        .where('region', '=', region)
        .where('period', '=', period)
        .execute();
    }
    await writeAudit(trx, audit, at);
    return {
      ...(await readVolunteers(trx, region, period)),
      submission: await statusOf(trx, region, period),
    };
  });
}

// --- organisation counts -------------------------------------------------------------------------

async function readOrgCounts(db: Db, region: string, period: string) {
  const r = await db
    .selectFrom('org_count')
    .selectAll()
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();
  return {
    region,
    period,
    npo: r?.npo === null || r?.npo === undefined ? null : Number(r.npo),
    initiativeGroups:
      r?.initiative_groups === null || r?.initiative_groups === undefined
        ? null
        : Number(r.initiative_groups),
    updatedAt: r?.updated_at ?? null,
    illustrative: r ? Number(r.illustrative) === 1 : false,
  };
}

function assertOrgCountPeriod(period: string) {
  if (!/^\d{4}(-\d{2})?$/.test(period)) {
    throw validationFailed('Organisation counts are kept for a year or a month', [
      { column: 'period', value: period, rule: 'period_format', message: 'period must be YYYY or YYYY-MM' },
    ]);
  }
}

export async function getOrgCounts(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  region: string,
  period: string,
) {
  assertReadRegion(userIn, region);
  await checkRegionPeriod(db, region, period);
  const [data, submission] = await Promise.all([
    readOrgCounts(db, region, period),
    statusOf(db, region, period),
  ]);
  return { ...data, submission };
}

export async function putOrgCounts(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  region: string,
  period: string,
  body: { npo: number | null; initiativeGroups: number | null; updatedAt: string | null },
) {
  const user = assertWriteRegion(userIn, region);
  if (user.role !== 'national_admin' && user.role !== 'rfo') throw forbidden();
  await checkRegionPeriod(db, region, period);
  assertOrgCountPeriod(period);
  return db.transaction().execute(async (trx) => {
    await ensureOpenSubmission(trx, region, period);
    const current = await readOrgCounts(trx, region, period);
    if (current.updatedAt !== body.updatedAt) {
      throw conflict(
        `The organisation counts of ${region} ${period} were changed by someone else (updated ${current.updatedAt ?? 'never'})`,
        [{ rule: 'stale_version', current }],
        'stale_version',
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
    if (!exists) {
      await trx
        .insertInto('org_count')
        .values({
          region,
          period,
          npo: body.npo,
          initiative_groups: body.initiativeGroups,
          illustrative: 0,
          updated_at: at,
        })
        .execute();
    } else if (audit.length > 0) {
      await trx
        .updateTable('org_count')
        .set({ npo: body.npo, initiative_groups: body.initiativeGroups, illustrative: 0, updated_at: at })
        .where('region', '=', region)
        .where('period', '=', period)
        .execute();
    }
    await writeAudit(trx, audit, at);
    return { ...(await readOrgCounts(trx, region, period)), submission: await statusOf(trx, region, period) };
  });
}
