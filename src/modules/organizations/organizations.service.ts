// The registry of organisations over HTTP: searching it (scoped to the reader's region for regional
// staff) and adding an organisation by hand (the national admin anywhere, RFO staff in their region).
// Imports add organisations through organizations.repository.ts with the same name key.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isValidBin } from '../../domain/ids.ts';
import { normalizeName } from '../../domain/text.ts';
import { conflict, type ErrorDetail, forbidden, notFound, validationFailed } from '../../lib/errors.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { assertWriteRegion, isNational, requireUser } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';

export interface OrganizationView {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  createdAt: string;
  version: number;
}

const columns = ['id', 'name', 'type', 'bin', 'region', 'created_at', 'version'] as const;
const view = (r: {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  created_at: string;
  version: number;
}): OrganizationView => ({
  id: Number(r.id),
  name: r.name,
  type: r.type,
  bin: r.bin,
  region: r.region,
  createdAt: r.created_at,
  version: Number(r.version),
});

/** The one region a user may see, or null for all (national staff and government viewers). */
function readScope(user: SessionUser): string | null {
  if (isNational(user) || user.role === 'viewer') return null;
  if (!user.region) throw forbidden('Your account has no region');
  return user.region;
}

export interface OrganizationQuery {
  region?: string;
  type?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function searchOrganizations(db: Kysely<DB>, user: SessionUser, query: OrganizationQuery) {
  const own = readScope(user);
  if (own && query.region && query.region !== own)
    throw forbidden(`You may not read the registry of region ${query.region}`);
  const region = own ?? query.region;
  let q = db.selectFrom('organization');
  if (region) q = q.where('region', '=', region);
  if (query.type) q = q.where('type', '=', query.type);
  const text = query.q ? normalizeName(query.q) : '';
  if (text) {
    // Matched on the normalised name (lower case, quotes dropped); LIKE's wildcards taken literally.
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = query.q?.replace(/\s/g, '') ?? '';
    q = q.where((eb) =>
      eb.or([
        eb(sql`name_key`, 'like', sql`${pattern} escape '\\'`),
        ...(/^\d{4,12}$/.test(digits) ? [eb('bin', 'like', `${digits}%`)] : []),
      ]),
    );
  }
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([...columns])
      .orderBy('name_key')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { items: rows.map(view), total: Number(n), limit: query.limit, offset: query.offset };
}

export async function getOrganization(
  db: Kysely<DB>,
  user: SessionUser,
  id: number,
): Promise<OrganizationView> {
  const row = await db
    .selectFrom('organization')
    .select([...columns])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`No organisation ${id}`);
  const own = readScope(user);
  if (own && row.region !== own) throw forbidden(`Organisation ${id} belongs to another region`);
  return view(row);
}

export interface NewOrganization {
  name: string;
  type: string;
  region: string;
  bin?: string | null;
}

/** Checks name, region, type and BIN; 422 naming every problem. Returns the clean name and BIN. */
async function checkOrganization(db: Kysely<DB>, input: NewOrganization) {
  const name = input.name.replace(/\s+/g, ' ').trim();
  const problems: ErrorDetail[] = [];
  if (!name)
    problems.push({ column: 'name', value: input.name, rule: 'required', message: 'A name is needed' });
  const [unit, type] = await Promise.all([
    db.selectFrom('territory_unit').select('code').where('code', '=', input.region).executeTakeFirst(),
    db
      .selectFrom('code_list_item')
      .select('code')
      .where('list', '=', 'organization_type')
      .where('code', '=', input.type)
      .where('active', '=', 1)
      .executeTakeFirst(),
  ]);
  if (!unit)
    problems.push({
      column: 'region',
      value: input.region,
      rule: 'region_exists',
      message: 'Unknown region',
    });
  if (!type)
    problems.push({
      column: 'type',
      value: input.type,
      rule: 'code_list',
      message: 'Not an organisation type of the code list',
    });
  let bin: string | null = null;
  if (input.bin != null && input.bin.trim() !== '') {
    const digits = input.bin.replace(/\s/g, '');
    if (!/^\d{12}$/.test(digits))
      problems.push({ column: 'bin', value: input.bin, rule: 'bin_format', message: 'A BIN has 12 digits' });
    else if (!isValidBin(digits))
      problems.push({
        column: 'bin',
        value: input.bin,
        rule: 'bin_check_digit',
        message: 'The BIN check digit is wrong',
      });
    else bin = digits;
  }
  if (problems.length > 0)
    throw validationFailed(`Invalid organisation: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { name, bin };
}

const duplicateOf = (db: Kysely<DB>, region: string, type: string, nameKey: string, exceptId?: number) => {
  let q = db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('region', '=', region)
    .where('type', '=', type)
    .where('name_key', '=', nameKey);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
};

const refuseDuplicate = (existing: { id: number; name: string }, region: string) =>
  conflict(
    `The registry has ${existing.name} (${existing.id}) of this type in ${region} already`,
    [{ rule: 'duplicate', id: Number(existing.id), name: existing.name }],
    'duplicate',
  );

export async function createOrganization(
  db: Kysely<DB>,
  user: SessionUser | null | undefined,
  input: NewOrganization,
): Promise<OrganizationView> {
  const actor = assertWriteRegion(user, input.region);
  const { name, bin } = await checkOrganization(db, input);
  const nameKey = normalizeName(name);
  const duplicate = () => duplicateOf(db, input.region, input.type, nameKey);
  const refuse = (existing: { id: number; name: string }) => refuseDuplicate(existing, input.region);
  const existing = await duplicate();
  if (existing) throw refuse(existing);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('organization')
        .values({
          name,
          name_key: nameKey,
          type: input.type,
          bin,
          region: input.region,
          created_at: new Date().toISOString(),
        })
        .returning([...columns])
        .executeTakeFirstOrThrow();
      await writeAudit(trx, [
        {
          userId: actor.id,
          action: 'create',
          entity: 'organization',
          entityId: String(row.id),
          region: row.region,
          newValue: JSON.stringify({ name, type: input.type, bin, region: input.region }),
        },
      ]);
      return view(row);
    });
  } catch (err) {
    // Two people adding the same organisation at once: the unique index decides, the loser gets 409.
    const raced = await duplicate();
    if (raced) throw refuse(raced);
    throw err;
  }
}

export interface OrganizationChange {
  version: number;
  name?: string | undefined;
  type?: string | undefined;
  region?: string | undefined;
  bin?: string | null | undefined;
}

/**
 * Who may correct a registry entry: the national admin; RFO staff of its region (and, to move it,
 * of the new region too: no RFO can hand an organisation to another region); its own coordinator,
 * who may not move it.
 */
function assertMayEdit(user: SessionUser, current: { id: number; region: string }, region: string) {
  if (user.role === 'national_admin') return;
  if (user.role === 'rfo' && user.region === current.region && user.region === region) return;
  if (user.role === 'org_coordinator' && user.organizationId === current.id) {
    if (region === current.region) return;
    throw forbidden('Only the national admin may move an organisation to another region');
  }
  if (user.role === 'rfo' && user.region === current.region)
    throw forbidden(`You may not move an organisation to region ${region}`);
  throw forbidden(`You may not change organisation ${current.id}`);
}

/** The scope check alone, before the change is read (404 when there is no such organisation). */
export async function assertMayEditOrganization(db: Kysely<DB>, user: SessionUser, id: number) {
  const row = await db
    .selectFrom('organization')
    .select(['id', 'region'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`No organisation ${id}`);
  assertMayEdit(user, { id: Number(row.id), region: row.region }, row.region);
}

const staleOrganization = (current: OrganizationView) =>
  conflict(
    `Organisation ${current.id} has changed since you read it (now version ${current.version})`,
    [{ rule: 'stale_version', current }],
    'stale_version',
  );

/**
 * Corrects a registry entry: name, type, BIN, region, against the version the client read. The
 * aggregates by organisation type of every month the organisation reported are recomputed when
 * the type changes (its records keep their own region); coordinators follow a moved organisation.
 */
export async function updateOrganization(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  id: number,
  change: OrganizationChange,
): Promise<OrganizationView> {
  const user = requireUser(userIn);
  const found = await db
    .selectFrom('organization')
    .select([...columns])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound(`No organisation ${id}`);
  const before = view(found);
  const next = {
    name: change.name ?? before.name,
    type: change.type ?? before.type,
    region: change.region ?? before.region,
    bin: change.bin !== undefined ? change.bin : before.bin,
  };
  assertMayEdit(user, before, next.region);
  if (before.version !== change.version) throw staleOrganization(before);
  const clean = await checkOrganization(db, next);
  const after = { ...next, name: clean.name, bin: clean.bin };
  const nameKey = normalizeName(after.name);
  const fields = (['name', 'type', 'bin', 'region'] as const).filter((f) => after[f] !== before[f]);
  if (fields.length === 0) return before;
  const clash = await duplicateOf(db, after.region, after.type, nameKey, id);
  if (clash) throw refuseDuplicate(clash, after.region);

  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('organization')
      .set({ ...after, name_key: nameKey, version: before.version + 1 })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const fresh = await trx
        .selectFrom('organization')
        .select([...columns])
        .where('id', '=', id)
        .executeTakeFirst();
      throw staleOrganization(fresh ? view(fresh) : before);
    }
    const audit: AuditInput[] = fields.map((f) => ({
      userId: user.id,
      action: 'update',
      entity: 'organization',
      entityId: String(id),
      field: f,
      oldValue: before[f],
      newValue: after[f],
      region: after.region,
    }));
    if (after.type !== before.type) {
      // Reports read the aggregates by organisation type: recompute every partition it reported in.
      const partitions = await trx
        .selectFrom('activity')
        .select(['region', 'period'])
        .distinct()
        .where('organization_id', '=', id)
        .execute();
      await refreshAggregates(trx, partitions);
    }
    if (after.region !== before.region) {
      const coordinators = await trx
        .selectFrom('app_user')
        .select(['id', 'region'])
        .where('organization_id', '=', id)
        .execute();
      for (const c of coordinators) {
        await trx.updateTable('app_user').set({ region: after.region }).where('id', '=', c.id).execute();
        audit.push({
          userId: user.id,
          action: 'update',
          entity: 'app_user',
          entityId: String(c.id),
          field: 'region',
          oldValue: c.region,
          newValue: after.region,
          note: `organisation ${id} moved`,
        });
      }
    }
    await writeAudit(trx, audit, now);
    const row = await trx
      .selectFrom('organization')
      .select([...columns])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return view(row);
  });
}
