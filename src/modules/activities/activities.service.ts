// Activity records entered one by one (the entry form): validated by the same rules as the import,
// organisers matched in the registry, written only into open submissions, the aggregates moved by
// the record's change and every change audited in the same transaction. Updates and deletes name the
// version the client read: a stale one gets 409 with the current row, never a silent overwrite.
// A write costs a fixed number of single-row statements, whatever the size of its region-month
// (npm run bench:write measures it).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  ACTIVITY_COLUMNS,
  type ActivityInput,
  COHORT_COLUMNS,
  type RawActivity,
  validateActivity,
} from '../../domain/activity-rules.ts';
import { authorize, can, listScope, scopeOf } from '../../domain/policy.ts';
import { type ReferenceSnapshot, resolveRegion } from '../../domain/reference.ts';
import { normalizeName } from '../../domain/text.ts';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  staleVersion,
  validationFailed,
} from '../../lib/errors.ts';
import {
  applyRecordChange,
  type CountedRecord,
  type Partition,
  uniquePartitions,
} from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { findOrCreateOrganizations } from '../organizations/organizations.repository.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  type ActivityColumns,
  deleteActivityAt,
  findActivity,
  findActivityOwner,
  findOrganization,
  findOrganizationByKey,
  findRowKeyClash,
  insertActivity,
  listActivities as listRecords,
  lockOrganizationTypes,
  referenceFor,
  rowKeyOf,
  updateActivityAt,
} from './activities.repository.ts';
import type { Activity } from './activities.schemas.ts';

/** The organiser columns of the input; a stored record names its organiser by `organization_id`. */
const ORGANIZER = ['organization', 'organization_type', 'organization_bin'] as const;
type OrganizerColumn = (typeof ORGANIZER)[number];
type StoredColumn = Exclude<(typeof ACTIVITY_COLUMNS)[number], OrganizerColumn>;
const isStored = (c: string): c is StoredColumn => !(ORGANIZER as readonly string[]).includes(c);
const STORED = ACTIVITY_COLUMNS.filter(isStored);

/** The fields of a record that are audited one by one: the stored columns, the organiser by id. */
const AUDITED = ACTIVITY_COLUMNS.flatMap((c): (StoredColumn | 'organization_id')[] =>
  c === 'organization' ? ['organization_id'] : isStored(c) ? [c] : [],
);

// --- scope -------------------------------------------------------------------------------------

const owner = (rec: { region: string; organization_id: number }) => ({
  region: rec.region,
  organizationId: rec.organization_id,
});

/** The scope check of an existing record alone (404 when it does not exist). */
export async function assertMayWriteRecord(db: Kysely<DB>, user: SessionUser, id: number) {
  const rec = await findActivityOwner(db, id);
  if (!rec) throw notFound(`No activity ${id}`);
  authorize(user, 'activities.write', rec);
}

// --- list and get --------------------------------------------------------------------------------

export async function listActivities(
  db: Kysely<DB>,
  user: SessionUser,
  q: { region?: string | undefined; period?: string | undefined; limit: number; offset: number },
) {
  const scope = listScope(user, 'activities.read', { region: q.region });
  const { items, total } = await listRecords(
    db,
    { region: q.region, period: q.period, ...scope },
    { limit: q.limit, offset: q.offset },
  );
  return { items, total, limit: q.limit, offset: q.offset };
}

export async function getActivity(db: Kysely<DB>, user: SessionUser, id: number) {
  // A role that reads no records is refused before it can learn which ids exist.
  authorize(user, 'activities.read');
  const rec = await findActivity(db, id);
  if (!rec) throw notFound(`No activity ${id}`);
  authorize(user, 'activities.read', owner(rec));
  return rec;
}

// --- writes ------------------------------------------------------------------------------------

/** The organisation of a coordinator's account; 403 when the account has none. */
async function ownOrganization(trx: Transaction<DB>, user: SessionUser) {
  const org = user.organizationId === null ? undefined : await findOrganization(trx, user.organizationId);
  if (!org) throw forbidden('Your account is not linked to an organisation');
  return org;
}

const given = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The reference data the validation of these bodies can consult (see referenceFor): the aliases
 * their region names, the code-list entries any of their texts (or '|'-separated parts) could be.
 * Read afresh by every write, so a code added or retired on any server counts at once.
 */
async function referenceOf(trx: Transaction<DB>, ...bodies: RawActivity[]): Promise<ReferenceSnapshot> {
  const aliases = new Set<string>();
  const codes = new Set<string>();
  for (const body of bodies) {
    for (const [column, v] of Object.entries(body)) {
      if (v === null || v === undefined) continue;
      const text = String(v).trim();
      if (column === 'region') aliases.add(normalizeName(text));
      codes.add(text.toLowerCase());
      if (text.includes('|')) for (const part of text.split('|')) codes.add(part.trim().toLowerCase());
    }
  }
  codes.delete('');
  return referenceFor(trx, [...aliases], [...codes]);
}

/**
 * Validates the body by the domain rules and finds (or registers) its organiser. Scope comes
 * first: a record for a region (or, for a coordinator, an organisation) the user may not write is
 * refused with 403 whatever else is wrong with it.
 */
async function prepare(trx: Transaction<DB>, user: SessionUser, raw: RawActivity) {
  let input = raw;
  const ownRowsOnly = scopeOf(user, 'activities.write') === 'organization';
  const org = ownRowsOnly ? await ownOrganization(trx, user) : undefined;
  if (org) {
    input = {
      ...raw,
      organization: org.name,
      organization_type: org.type,
      organization_bin: org.bin,
      region: org.region,
    };
  }
  const ref = await referenceOf(trx, raw, input);
  if (org) {
    // A coordinator enters the rows of its own organisation: organiser and region come from it,
    // and a body naming another organisation or region is refused rather than silently rewritten.
    const foreign =
      (given(raw.organization) && normalizeName(raw.organization) !== org.name_key) ||
      (given(raw.organization_type) && raw.organization_type.trim() !== org.type) ||
      (given(raw.region) &&
        resolveRegion(ref, raw.region) !== null &&
        resolveRegion(ref, raw.region) !== org.region);
    if (foreign) throw forbidden('You may enter the records of your own organisation only');
  } else if (given(input.region)) {
    const region = resolveRegion(ref, input.region);
    if (region !== null) authorize(user, 'activities.write', { region });
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
  // Registering (or giving a BIN to) an organiser reads the region's registry; finding one, its key.
  let organizer = await findOrganizationByKey(trx, key);
  if (!organizer || (key.bin && !organizer.bin)) {
    await findOrCreateOrganizations(trx, [key]);
    organizer = await findOrganizationByKey(trx, key);
  }
  if (organizer === undefined) throw badRequest('The organiser could not be registered');
  const organizationId = Number(organizer.id);
  if (ownRowsOnly && !can(user, 'activities.write', { organizationId })) {
    throw forbidden('You may enter the records of your own organisation only');
  }
  authorize(user, 'activities.write', { region: value.region, organizationId });
  return { value, organizationId, organizer };
}

function columnsOf(value: ActivityInput, organizationId: number): ActivityColumns {
  return {
    ...(Object.fromEntries(STORED.map((c) => [c, value[c]])) as Pick<ActivityInput, StoredColumn>),
    organization_id: organizationId,
  };
}

async function assertRowKeyFree(trx: Transaction<DB>, region: string, rowKey: string, exceptId?: number) {
  const clash = await findRowKeyClash(trx, region, rowKey, exceptId);
  if (clash !== undefined) {
    throw conflict(
      `Region ${region} already has a record with external_id ${rowKey}`,
      [{ rule: 'duplicate_external_id', column: 'external_id', value: rowKey, id: clash }],
      'duplicate_external_id',
    );
  }
}

const snapshot = (rec: Activity) => Object.fromEntries(AUDITED.map((k) => [k, rec[k]]));

/** The record as the aggregates count it, under its organiser's type read under lock (see lockOrganizationTypes). */
function counted(rec: Activity, types: Map<number, string>): CountedRecord {
  return { ...rec, org_type: types.get(rec.organization_id) ?? rec.organization_type };
}

export async function createActivity(db: Kysely<DB>, user: SessionUser, raw: RawActivity) {
  authorize(user, 'activities.write');
  return db.transaction().execute(async (trx) => {
    const { value, organizationId, organizer } = await prepare(trx, user, raw);
    await ensureOpenSubmission(trx, value.region, value.period);
    // A key made here is new (a random UUID): only an external_id can clash with another record.
    const rowKey = value.external_id ?? `api:${randomUUID()}`;
    if (value.external_id !== null) await assertRowKeyFree(trx, value.region, rowKey);
    const now = new Date().toISOString();
    const types = await lockOrganizationTypes(trx, [organizationId]);
    const rec = await insertActivity(trx, columnsOf(value, organizationId), rowKey, now, {
      ...organizer,
      type: types.get(organizationId) ?? organizer.type,
    });
    await applyRecordChange(trx, null, counted(rec, types));
    await writeAudit(
      trx,
      [
        {
          userId: user.id,
          action: 'create',
          entity: 'activity',
          entityId: String(rec.id),
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

const byPartition = (a: Partition, b: Partition) =>
  a.region < b.region ? -1 : a.region > b.region ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

/** A record derived from the platform's confirmed hours is corrected on the platform, not here (409). */
function assertNotPlatform(current: Activity) {
  if (current.source === 'platform')
    throw conflict(
      `Activity ${current.id} comes from the volunteer platform: its figures are the hours confirmed there, and corrections go through the platform (the coordinator corrects or revokes the hours)`,
      [{ rule: 'platform_record_readonly', id: current.id, external_id: current.external_id }],
      'platform_record_readonly',
    );
}

function staleActivity(current: Activity) {
  return staleVersion(
    `Activity ${current.id} has changed since you read it (now version ${current.version})`,
    current,
  );
}

/**
 * Changes a record: `replace` takes the body as the whole record (PUT), `merge` only the fields it
 * names over the current ones (PATCH). Either way the version read must still be the current one.
 */
export async function updateActivity(
  db: Kysely<DB>,
  user: SessionUser,
  id: number,
  body: RawActivity & { version: number },
  mode: 'replace' | 'merge' = 'replace',
) {
  authorize(user, 'activities.write');
  return db.transaction().execute(async (trx) => {
    const current = await findActivity(trx, id);
    if (!current) throw notFound(`No activity ${id}`);
    authorize(user, 'activities.write', owner(current));
    assertNotPlatform(current);
    if (current.version !== body.version) throw staleActivity(current);
    const { version: _v, ...given } = body;
    const raw: RawActivity =
      mode === 'merge'
        ? { ...Object.fromEntries(ACTIVITY_COLUMNS.map((c) => [c, current[c]])), ...given }
        : given;
    const { value, organizationId } = await prepare(trx, user, raw);
    // Both months locked in one order, so that two moves between the same months cannot deadlock.
    for (const p of uniquePartitions([current, value]).sort(byPartition)) {
      await ensureOpenSubmission(trx, p.region, p.period);
    }
    // Read after the months' locks: a record deleted by a write that held them is gone now (404),
    // not a 500; one changed meanwhile fails the version check of the update below (409).
    const oldKey = await rowKeyOf(trx, id);
    if (oldKey === undefined) throw notFound(`No activity ${id}`);
    const rowKey =
      value.external_id ??
      (current.external_id !== null && oldKey === current.external_id ? `api:${randomUUID()}` : oldKey);
    await assertRowKeyFree(trx, value.region, rowKey, id);
    const now = new Date().toISOString();
    const written = await updateActivityAt(
      trx,
      id,
      current.version,
      columnsOf(value, organizationId),
      rowKey,
      now,
    );
    if (!written) throw staleActivity((await findActivity(trx, id)) ?? current);
    const types = await lockOrganizationTypes(trx, [current.organization_id, organizationId]);
    const next = (await findActivity(trx, id)) as Activity;
    await applyRecordChange(trx, counted(current, types), counted(next, types));
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

export async function deleteActivity(db: Kysely<DB>, user: SessionUser, id: number, version: number) {
  authorize(user, 'activities.write');
  await db.transaction().execute(async (trx) => {
    const current = await findActivity(trx, id);
    if (!current) throw notFound(`No activity ${id}`);
    authorize(user, 'activities.write', owner(current));
    assertNotPlatform(current);
    if (current.version !== version) throw staleActivity(current);
    await ensureOpenSubmission(trx, current.region, current.period);
    if (!(await deleteActivityAt(trx, id, version)))
      throw staleActivity((await findActivity(trx, id)) ?? current);
    const types = await lockOrganizationTypes(trx, [current.organization_id]);
    await applyRecordChange(trx, counted(current, types), null);
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
