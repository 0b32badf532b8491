// Activity records entered one by one (the entry form): validated by the same rules as the import,
// organisers matched in the registry, written only into open submissions, aggregates refreshed and
// every change audited in the same transaction. Updates and deletes name the version the client
// read: a stale one gets 409 with the current row, never a silent overwrite.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ActivityTable, DB } from '../../db/schema.ts';
import {
  ACTIVITY_COLUMNS,
  type ActivityInput,
  COHORT_COLUMNS,
  type RawActivity,
  validateActivity,
} from '../../domain/activity-rules.ts';
import { resolveRegion } from '../../domain/reference.ts';
import { normalizeName } from '../../domain/text.ts';
import { badRequest, conflict, forbidden, notFound, validationFailed } from '../../lib/errors.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { findOrCreateOrganizations, organizationKey } from '../organizations/organizations.repository.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import { canWriteRegion, isNational, requireUser } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';

type Db = Kysely<DB> | Transaction<DB>;
type ActivityRow = Selectable<ActivityTable>;

/** An activity as the API shows it: the FORMATS.md column names, plus id, version and timestamps. */
export interface ActivityRecord extends ActivityInput {
  id: number;
  version: number;
  organization_id: number;
  illustrative: boolean;
  created_at: string;
  updated_at: string;
}

/** The figures of a record that are audited field by field. */
const AUDITED = [
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
  'rfo_support',
  'beneficiaries',
  'excluded',
  'external_id',
  'notes',
] as const;

const n = (v: number | null) => (v === null ? null : Number(v));

async function loadRecords(db: Db, where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) {
  const rows = await where(base(db)).execute();
  return rows.map(toRecord);
}

function base(db: Db) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.type as org_type', 'o.bin as org_bin']);
}

function toRecord(
  r: ActivityRow & { org_name: string; org_type: string; org_bin: string | null },
): ActivityRecord {
  return {
    id: Number(r.id),
    version: Number(r.version),
    region: r.region,
    period: r.period,
    organization_id: Number(r.organization_id),
    organization: r.org_name,
    organization_type: r.org_type,
    organization_bin: r.org_bin,
    title: r.title,
    area: r.area,
    format: r.format,
    kind: r.kind,
    start_date: r.start_date,
    end_date: r.end_date,
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
    child: n(r.child),
    inclusive: n(r.inclusive),
    corporate: n(r.corporate),
    international: n(r.international),
    silver: n(r.silver),
    probono: n(r.probono),
    general: n(r.general),
    rfo_support: r.rfo_support,
    beneficiaries: n(r.beneficiaries),
    excluded: r.excluded,
    external_id: r.external_id,
    notes: r.notes,
    illustrative: Number(r.illustrative) === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

async function getRecord(db: Db, id: number): Promise<ActivityRecord | undefined> {
  const [r] = await loadRecords(db, (q) => q.where('a.id', '=', id));
  return r;
}

// --- scope -------------------------------------------------------------------------------------

/** Reading raw records: national staff all, RFO staff their region, coordinators their organisation. */
function assertReadRecord(user: SessionUser, rec: { region: string; organization_id: number }) {
  if (isNational(user)) return;
  if (user.role === 'rfo' && user.region === rec.region) return;
  if (user.role === 'org_coordinator' && user.organizationId === rec.organization_id) return;
  throw forbidden('You may not read this record');
}

/** Writing: the national admin anywhere, RFO staff in their region, coordinators their organisation's rows. */
function assertWriteRecord(user: SessionUser, rec: { region: string; organization_id: number }) {
  if (user.role === 'national_admin') return;
  if (user.role === 'rfo' && user.region === rec.region) return;
  if (user.role === 'org_coordinator' && user.organizationId === rec.organization_id) return;
  throw forbidden(`You may not change the records of region ${rec.region}`);
}

/** The scope check of an existing record alone (404 when it does not exist). */
export async function assertMayWriteRecord(db: Kysely<DB>, user: SessionUser, id: number) {
  const rec = await db
    .selectFrom('activity')
    .select(['region', 'organization_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rec) throw notFound(`No activity ${id}`);
  assertWriteRecord(user, { region: rec.region, organization_id: Number(rec.organization_id) });
}

function assertMayWriteAtAll(user: SessionUser) {
  if (!['national_admin', 'rfo', 'org_coordinator'].includes(user.role)) {
    throw forbidden('Your role may read but not change activity records');
  }
}

// --- list and get --------------------------------------------------------------------------------

export async function listActivities(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  q: { region?: string | undefined; period?: string | undefined; limit: number; offset: number },
) {
  const user = requireUser(userIn);
  if (user.role === 'viewer') throw forbidden('Viewers see published figures, not raw records');
  if (user.role === 'rfo' && q.region && q.region !== user.region) {
    throw forbidden(`You may not read the records of region ${q.region}`);
  }
  const scope = (query: ReturnType<typeof base>) => {
    let x = query;
    if (q.region) x = x.where('a.region', '=', q.region);
    if (q.period) x = x.where('a.period', '=', q.period);
    if (user.role === 'rfo') x = x.where('a.region', '=', user.region ?? '');
    if (user.role === 'org_coordinator') x = x.where('a.organization_id', '=', user.organizationId ?? -1);
    return x;
  };
  const [items, total] = await Promise.all([
    loadRecords(db, (x) => scope(x).orderBy('a.period').orderBy('a.id').limit(q.limit).offset(q.offset)),
    scope(base(db))
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), limit: q.limit, offset: q.offset };
}

export async function getActivity(db: Kysely<DB>, userIn: SessionUser | null | undefined, id: number) {
  const user = requireUser(userIn);
  if (user.role === 'viewer') throw forbidden('Viewers see published figures, not raw records');
  const rec = await getRecord(db, id);
  if (!rec) throw notFound(`No activity ${id}`);
  assertReadRecord(user, rec);
  return rec;
}

// --- writes ------------------------------------------------------------------------------------

/** The organisation of a coordinator's account; 403 when the account has none. */
async function ownOrganization(trx: Transaction<DB>, user: SessionUser) {
  const org = await trx
    .selectFrom('organization')
    .selectAll()
    .where('id', '=', user.organizationId ?? -1)
    .executeTakeFirst();
  if (!org) throw forbidden('Your account is not linked to an organisation');
  return org;
}

const given = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Validates the body by the domain rules and finds (or registers) its organiser. Scope comes
 * first: a record for a region (or, for a coordinator, an organisation) the user may not write is
 * refused with 403 whatever else is wrong with it.
 */
async function prepare(trx: Transaction<DB>, user: SessionUser, raw: RawActivity) {
  const ref = await loadReferenceSnapshot(trx);
  let input = raw;
  if (user.role === 'org_coordinator') {
    // A coordinator enters the rows of its own organisation: organiser and region come from it,
    // and a body naming another organisation or region is refused rather than silently rewritten.
    const org = await ownOrganization(trx, user);
    const foreign =
      (given(raw.organization) && normalizeName(raw.organization) !== org.name_key) ||
      (given(raw.organization_type) && raw.organization_type.trim() !== org.type) ||
      (given(raw.region) &&
        resolveRegion(ref, raw.region) !== null &&
        resolveRegion(ref, raw.region) !== org.region);
    if (foreign) throw forbidden('You may enter the records of your own organisation only');
    input = {
      ...raw,
      organization: org.name,
      organization_type: org.type,
      organization_bin: org.bin,
      region: org.region,
    };
  } else if (given(input.region)) {
    const region = resolveRegion(ref, input.region);
    if (region !== null && !canWriteRegion(user, region)) {
      throw forbidden(`You may not change the records of region ${region}`);
    }
  }
  const { value, problems } = validateActivity(input, ref);
  if (!value)
    throw validationFailed(
      `The activity has ${problems.length} problem(s)`,
      problems.map((p) => ({ ...p })),
    );
  // Counts are 32-bit integer columns on PostgreSQL: a larger figure is an input error, not a 500.
  const tooLarge = (['volunteers', 'beneficiaries', ...COHORT_COLUMNS] as const)
    .filter((c) => (value[c] ?? 0) > 2147483647)
    .map((c) => ({ column: c as string, value: value[c], rule: 'too_large', message: `${c} is too large` }));
  if (value.hours > 1e12) {
    tooLarge.push({ column: 'hours', value: value.hours, rule: 'too_large', message: 'hours is too large' });
  }
  if (tooLarge.length > 0) throw validationFailed(`The activity has ${tooLarge.length} problem(s)`, tooLarge);
  const key = {
    name: value.organization,
    type: value.organization_type,
    region: value.region,
    bin: value.organization_bin,
  };
  const ids = await findOrCreateOrganizations(trx, [key]);
  const organizationId = ids.get(organizationKey(key));
  if (organizationId === undefined) throw badRequest('The organiser could not be registered');
  if (user.role === 'org_coordinator' && organizationId !== user.organizationId) {
    throw forbidden('You may enter the records of your own organisation only');
  }
  return { value, organizationId };
}

function columnsOf(value: ActivityInput, organizationId: number) {
  return {
    region: value.region,
    period: value.period,
    organization_id: organizationId,
    title: value.title,
    area: value.area,
    format: value.format,
    kind: value.kind,
    start_date: value.start_date,
    end_date: value.end_date,
    volunteers: value.volunteers,
    hours: value.hours,
    child: value.child,
    inclusive: value.inclusive,
    corporate: value.corporate,
    international: value.international,
    silver: value.silver,
    probono: value.probono,
    general: value.general,
    rfo_support: value.rfo_support,
    beneficiaries: value.beneficiaries,
    excluded: value.excluded,
    external_id: value.external_id,
    notes: value.notes,
  };
}

async function assertRowKeyFree(trx: Transaction<DB>, region: string, rowKey: string, exceptId?: number) {
  let q = trx.selectFrom('activity').select('id').where('region', '=', region).where('row_key', '=', rowKey);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const clash = await q.executeTakeFirst();
  if (clash) {
    throw conflict(
      `Region ${region} already has a record with external_id ${rowKey}`,
      [{ rule: 'duplicate_external_id', column: 'external_id', value: rowKey, id: Number(clash.id) }],
      'duplicate_external_id',
    );
  }
}

const snapshot = (rec: ActivityRecord) => Object.fromEntries(AUDITED.map((k) => [k, rec[k]]));

export async function createActivity(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  raw: RawActivity,
) {
  const user = requireUser(userIn);
  assertMayWriteAtAll(user);
  return db.transaction().execute(async (trx) => {
    const { value, organizationId } = await prepare(trx, user, raw);
    assertWriteRecord(user, { region: value.region, organization_id: organizationId });
    await ensureOpenSubmission(trx, value.region, value.period);
    const rowKey = value.external_id ?? `api:${randomUUID()}`;
    await assertRowKeyFree(trx, value.region, rowKey);
    const now = new Date().toISOString();
    const { id } = await trx
      .insertInto('activity')
      .values({
        ...columnsOf(value, organizationId),
        row_key: rowKey,
        import_id: null,
        illustrative: 0,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshAggregates(trx, [{ region: value.region, period: value.period }]);
    const rec = (await getRecord(trx, Number(id))) as ActivityRecord;
    await writeAudit(
      trx,
      [
        {
          userId: user.id,
          action: 'create',
          entity: 'activity',
          entityId: String(id),
          newValue: snapshot(rec),
          region: rec.region,
          period: rec.period,
        },
      ],
      now,
    );
    return rec;
  });
}

function staleActivity(current: ActivityRecord) {
  return conflict(
    `Activity ${current.id} has changed since you read it (now version ${current.version})`,
    [{ rule: 'stale_version', current }],
    'stale_version',
  );
}

/**
 * Changes a record: `replace` takes the body as the whole record (PUT), `merge` only the fields it
 * names over the current ones (PATCH). Either way the version read must still be the current one.
 */
export async function updateActivity(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  id: number,
  body: RawActivity & { version: number },
  mode: 'replace' | 'merge' = 'replace',
) {
  const user = requireUser(userIn);
  assertMayWriteAtAll(user);
  return db.transaction().execute(async (trx) => {
    const current = await getRecord(trx, id);
    if (!current) throw notFound(`No activity ${id}`);
    assertWriteRecord(user, current);
    if (current.version !== body.version) throw staleActivity(current);
    const { version: _v, ...given } = body;
    const raw: RawActivity =
      mode === 'merge'
        ? { ...Object.fromEntries(ACTIVITY_COLUMNS.map((c) => [c, current[c]])), ...given }
        : given;
    const { value, organizationId } = await prepare(trx, user, raw);
    assertWriteRecord(user, { region: value.region, organization_id: organizationId });
    await ensureOpenSubmission(trx, current.region, current.period);
    if (value.region !== current.region || value.period !== current.period) {
      await ensureOpenSubmission(trx, value.region, value.period);
    }
    const old = await trx
      .selectFrom('activity')
      .select('row_key')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const rowKey =
      value.external_id ??
      (current.external_id !== null && old.row_key === current.external_id
        ? `api:${randomUUID()}`
        : old.row_key);
    await assertRowKeyFree(trx, value.region, rowKey, id);
    const now = new Date().toISOString();
    const res = await trx
      .updateTable('activity')
      .set({
        ...columnsOf(value, organizationId),
        row_key: rowKey,
        version: current.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleActivity((await getRecord(trx, id)) ?? current);
    await refreshAggregates(trx, [
      { region: current.region, period: current.period },
      { region: value.region, period: value.period },
    ]);
    const next = (await getRecord(trx, id)) as ActivityRecord;
    const entries: AuditInput[] = [];
    for (const k of AUDITED) {
      if (current[k] !== next[k]) {
        entries.push({
          userId: user.id,
          action: 'update',
          entity: 'activity',
          entityId: String(id),
          field: k,
          oldValue: current[k],
          newValue: next[k],
          region: next.region,
          period: next.period,
        });
      }
    }
    await writeAudit(trx, entries, now);
    return next;
  });
}

export async function deleteActivity(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  id: number,
  version: number,
) {
  const user = requireUser(userIn);
  assertMayWriteAtAll(user);
  await db.transaction().execute(async (trx) => {
    const current = await getRecord(trx, id);
    if (!current) throw notFound(`No activity ${id}`);
    assertWriteRecord(user, current);
    if (current.version !== version) throw staleActivity(current);
    await ensureOpenSubmission(trx, current.region, current.period);
    const res = await trx
      .deleteFrom('activity')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw staleActivity((await getRecord(trx, id)) ?? current);
    await refreshAggregates(trx, [{ region: current.region, period: current.period }]);
    await writeAudit(trx, [
      {
        userId: user.id,
        action: 'delete',
        entity: 'activity',
        entityId: String(id),
        oldValue: snapshot(current),
        region: current.region,
        period: current.period,
      },
    ]);
  });
}
