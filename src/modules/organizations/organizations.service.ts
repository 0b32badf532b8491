// The registry of organisations over HTTP: searching it (scoped to the reader's region for regional
// staff), adding an organisation by hand (the national admin anywhere, RFO staff in their region)
// and correcting one. Imports add organisations through organizations.repository.ts with the same
// name key. Who may do what is the policy's (organizations.read, region.write, organizations.edit,
// organizations.move).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isValidBin } from '../../domain/ids.ts';
import { authorize, listScope } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import { conflict, type ErrorDetail, notFound, staleVersion, validationFailed } from '../../lib/errors.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import { findRegion } from '../reference/regions.ts';
import type { SessionUser } from '../users/sessions.ts';
import { findCoordinators, updateUserRow } from '../users/users.repository.ts';
import {
  findDuplicate,
  findOrganization,
  insertOrganization,
  type OrganizationValues,
  reportedPartitions,
  searchOrganizations as searchRegistry,
  updateOrganizationRow,
} from './organizations.repository.ts';
import type {
  NewOrganization,
  Organization,
  OrganizationChange,
  OrganizationPage,
  OrganizationQuery,
} from './organizations.schemas.ts';

export async function searchOrganizations(
  db: Kysely<DB>,
  actor: SessionUser,
  query: OrganizationQuery,
): Promise<OrganizationPage> {
  const scope = listScope(actor, 'organizations.read', { region: query.region });
  const { items, total } = await searchRegistry(db, { ...query, region: scope.region ?? query.region });
  return { items, total, limit: query.limit, offset: query.offset };
}

async function existing(db: Kysely<DB>, id: number): Promise<Organization> {
  const org = await findOrganization(db, id);
  if (!org) throw notFound(`No organisation ${id}`);
  return org;
}

export async function getOrganization(db: Kysely<DB>, actor: SessionUser, id: number): Promise<Organization> {
  const org = await existing(db, id);
  authorize(actor, 'organizations.read', { region: org.region });
  return org;
}

/** Checks name, region, type and BIN; 422 naming every problem. Returns the clean values. */
async function checkOrganization(db: Kysely<DB>, input: NewOrganization): Promise<OrganizationValues> {
  const name = input.name.replace(/\s+/g, ' ').trim();
  const problems: ErrorDetail[] = [];
  if (!name)
    problems.push({ column: 'name', value: input.name, rule: 'required', message: 'A name is needed' });
  const region = await findRegion(db, input.region);
  const types = await activeCodes(db, 'organization_type');
  if (!region)
    problems.push({
      column: 'region',
      value: input.region,
      rule: 'region_exists',
      message: 'Unknown region',
    });
  if (!types.includes(input.type))
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
  if (problems.length > 0 || !region)
    throw validationFailed(`Invalid organisation: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { name, type: input.type, bin, region };
}

const refuseDuplicate = (existing: { id: number; name: string }, region: string) =>
  conflict(
    `The registry has ${existing.name} (${existing.id}) of this type in ${region} already`,
    [{ rule: 'duplicate', id: existing.id, name: existing.name }],
    'duplicate',
  );

export async function createOrganization(
  db: Kysely<DB>,
  actor: SessionUser,
  input: NewOrganization,
): Promise<Organization> {
  authorize(actor, 'region.write', { region: input.region });
  const values = await checkOrganization(db, input);
  const duplicate = () => findDuplicate(db, values.region, values.type, normalizeName(values.name));
  const found = await duplicate();
  if (found) throw refuseDuplicate(found, values.region);
  try {
    return await db.transaction().execute(async (trx) => {
      const org = await insertOrganization(trx, values);
      await writeAudit(trx, [
        {
          userId: actor.id,
          action: 'create',
          entity: 'organization',
          entityId: String(org.id),
          region: org.region,
          newValue: JSON.stringify({
            name: values.name,
            type: values.type,
            bin: values.bin,
            region: values.region,
          }),
        },
      ]);
      return org;
    });
  } catch (err) {
    // Two people adding the same organisation at once: the unique index decides, the loser gets 409.
    const raced = await duplicate();
    if (raced) throw refuseDuplicate(raced, values.region);
    throw err;
  }
}

/**
 * Who may correct a registry entry (organizations.edit on its current region and id) and, when the
 * change moves it to another region, who may move it (organizations.move).
 */
function assertMayEdit(actor: SessionUser, current: Organization, region: string): void {
  authorize(actor, 'organizations.edit', { region: current.region, organizationId: current.id });
  if (region !== current.region) authorize(actor, 'organizations.move', { region });
}

/** The scope check alone, before the change is read (404 when there is no such organisation). */
export async function assertMayEditOrganization(
  db: Kysely<DB>,
  actor: SessionUser,
  id: number,
): Promise<void> {
  const org = await existing(db, id);
  assertMayEdit(actor, org, org.region);
}

const staleOrganization = (current: Organization) =>
  staleVersion(
    `Organisation ${current.id} has changed since you read it (now version ${current.version})`,
    current,
  );

/**
 * Corrects a registry entry: name, type, BIN, region, against the version the client read. The
 * aggregates by organisation type of every month the organisation reported are recomputed when
 * the type changes (its records keep their own region); coordinators follow a moved organisation.
 */
export async function updateOrganization(
  db: Kysely<DB>,
  actor: SessionUser,
  id: number,
  change: OrganizationChange,
): Promise<Organization> {
  const before = await existing(db, id);
  const next = {
    name: change.name ?? before.name,
    type: change.type ?? before.type,
    region: change.region ?? before.region,
    bin: change.bin !== undefined ? change.bin : before.bin,
  };
  assertMayEdit(actor, before, next.region);
  if (before.version !== change.version) throw staleOrganization(before);
  const after = await checkOrganization(db, next);
  const fields = (['name', 'type', 'bin', 'region'] as const).filter((f) => after[f] !== before[f]);
  if (fields.length === 0) return before;
  const clash = await findDuplicate(db, after.region, after.type, normalizeName(after.name), id);
  if (clash) throw refuseDuplicate(clash, after.region);

  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await updateOrganizationRow(trx, id, before.version, after))) {
      throw staleOrganization((await findOrganization(trx, id)) ?? before);
    }
    const audit: AuditInput[] = fields.map((f) => ({
      userId: actor.id,
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
      await refreshAggregates(trx, await reportedPartitions(trx, id));
    }
    if (after.region !== before.region) {
      for (const c of await findCoordinators(trx, id)) {
        await updateUserRow(trx, c.id, { region: after.region });
        audit.push({
          userId: actor.id,
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
    return (await findOrganization(trx, id)) as Organization;
  });
}
