// Queries of the platform's organisations: the registry entry a registration joins (by BIN, else by
// the registry's name key), the platform row of an entry, the queue, and the status changes.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, PlatformOrgTable } from '../../db/schema.ts';
import { normalizeName } from '../../domain/text.ts';
import type { PlatformOrganization, PlatformOrgStatus } from './platform-organizations.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface RegistryEntry {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  /** Whether the entry is on the platform already (registered or claimed). */
  onPlatform: boolean;
}

function entries(db: Db) {
  return db
    .selectFrom('organization as o')
    .leftJoin('platform_org as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.type', 'o.bin', 'o.region', 'p.organization_id as platformId'])
    .orderBy('o.id');
}

const toEntry = (r: {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  platformId: number | null;
}): RegistryEntry => ({
  id: Number(r.id),
  name: r.name,
  type: r.type,
  bin: r.bin,
  region: r.region,
  onPlatform: r.platformId != null,
});

/**
 * The registry entry with this BIN (the first, should the monthly data hold two), or the one a
 * pending claim brings this BIN to.
 */
export async function findEntryByBin(db: Db, bin: string): Promise<RegistryEntry | undefined> {
  const r = await entries(db)
    .where((eb) => eb.or([eb('o.bin', '=', bin), eb('p.bin', '=', bin)]))
    .executeTakeFirst();
  return r && toEntry(r);
}

/** The registry entry of the same region, type and name (the registry's unique key). */
export async function findEntryByName(
  db: Db,
  region: string,
  type: string,
  name: string,
): Promise<RegistryEntry | undefined> {
  const r = await entries(db)
    .where('o.region', '=', region)
    .where('o.type', '=', type)
    .where('o.name_key', '=', normalizeName(name))
    .executeTakeFirst();
  return r && toEntry(r);
}

export type PlatformOrgRow = Selectable<PlatformOrgTable>;

export async function insertPlatformOrg(db: Db, values: Omit<PlatformOrgRow, 'claim'> & { claim: number }) {
  await db.insertInto('platform_org').values(values).execute();
}

function withRegistry(db: Db) {
  return db
    .selectFrom('platform_org as p')
    .innerJoin('organization as o', 'o.id', 'p.organization_id')
    .innerJoin('app_user as u', 'u.id', 'p.coordinator_id')
    .select([
      'p.organization_id',
      'p.status',
      'p.coordinator_id',
      'p.contact_name',
      'p.email',
      'p.name as registered_name',
      'p.bin as registered_bin',
      'p.claim',
      'p.reason',
      'p.registered_at',
      'p.decided_at',
      'o.name',
      'o.type',
      'o.bin',
      'o.region',
      'u.email as coordinator_email',
      'u.lang as coordinator_lang',
    ]);
}

type Joined = Awaited<ReturnType<ReturnType<typeof withRegistry>['executeTakeFirstOrThrow']>>;

export interface PlatformOrgRecord extends PlatformOrganization {
  coordinatorId: number;
  coordinatorEmail: string;
  coordinatorLang: string;
  /** The BIN as registered (the registry's own may be empty until a claim is verified). */
  registeredBin: string | null;
}

const toRecord = (r: Joined): PlatformOrgRecord => ({
  id: Number(r.organization_id),
  status: r.status,
  name: r.name,
  registeredName: r.registered_name,
  type: r.type,
  bin: r.bin ?? r.registered_bin,
  region: r.region,
  claim: Number(r.claim) === 1,
  contactName: r.contact_name,
  email: r.email,
  reason: r.reason,
  registeredAt: r.registered_at,
  decidedAt: r.decided_at,
  coordinatorId: Number(r.coordinator_id),
  coordinatorEmail: r.coordinator_email,
  coordinatorLang: r.coordinator_lang,
  registeredBin: r.registered_bin,
});

export async function findPlatformOrg(db: Db, id: number): Promise<PlatformOrgRecord | undefined> {
  const r = await withRegistry(db).where('p.organization_id', '=', id).executeTakeFirst();
  return r && toRecord(r);
}

/** The organisation the account registered (or claimed) on the platform. */
export async function findPlatformOrgOfCoordinator(
  db: Db,
  userId: number,
): Promise<PlatformOrgRecord | undefined> {
  const r = await withRegistry(db).where('p.coordinator_id', '=', userId).executeTakeFirst();
  return r && toRecord(r);
}

/** The queue: oldest registration first, narrowed to a status and a region when given. */
export async function listPlatformOrgs(
  db: Db,
  f: { status?: PlatformOrgStatus | undefined; region?: string | undefined },
): Promise<PlatformOrgRecord[]> {
  let q = withRegistry(db);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.region) q = q.where('o.region', '=', f.region);
  const rows = await q.orderBy('p.registered_at').orderBy('p.organization_id').limit(1000).execute();
  return rows.map(toRecord);
}

/**
 * Moves the status from `from` to `to` (compare and set: false when another decision came first).
 */
export async function setStatus(
  db: Db,
  id: number,
  from: PlatformOrgStatus,
  values: { status: PlatformOrgStatus; reason: string | null; decided_at: string; decided_by: number | null },
): Promise<boolean> {
  const res = await db
    .updateTable('platform_org')
    .set(values)
    .where('organization_id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes the BIN a verified claim brought to a registry entry that had none. */
export async function fillRegistryBin(db: Db, id: number, bin: string): Promise<boolean> {
  const res = await db
    .updateTable('organization')
    .set((eb) => ({ bin, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('bin', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
