// The one registry of organisations (DOMAIN.md §2): reporting and the platform share it, so an
// organiser named in an import is matched to its registry entry by normalised name, region and type.
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, OrganizationTable } from '../../db/schema.ts';
import { normalizeName } from '../../domain/text.ts';
import type { Organization } from './organizations.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

const columns = ['id', 'name', 'type', 'bin', 'region', 'created_at', 'version'] as const;
type Row = Pick<Selectable<OrganizationTable>, (typeof columns)[number]>;

const toOrganization = (r: Row): Organization => ({
  id: Number(r.id),
  name: r.name,
  type: r.type,
  bin: r.bin,
  region: r.region,
  createdAt: r.created_at,
  version: Number(r.version),
});

export interface OrganizationFilter {
  region?: string | undefined;
  type?: string | undefined;
  /** Matched on the normalised name, or on the start of the BIN when it is 4 to 12 digits. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of the registry in name order, with the number of entries matching the filter. */
export async function searchOrganizations(
  db: Db,
  f: OrganizationFilter,
): Promise<{ items: Organization[]; total: number }> {
  let q = db.selectFrom('organization');
  if (f.region) q = q.where('region', '=', f.region);
  if (f.type) q = q.where('type', '=', f.type);
  const text = f.q ? normalizeName(f.q) : '';
  if (text) {
    // Matched on the normalised name (lower case, quotes dropped); LIKE's wildcards taken literally.
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = f.q?.replace(/\s/g, '') ?? '';
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
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { items: rows.map(toOrganization), total: Number(n) };
}

export async function findOrganization(db: Db, id: number): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('organization')
    .select([...columns])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOrganization(row);
}

/** Every organisation of that normalised name (one per region and type at most). */
export async function findOrganizationsByName(db: Db, nameKey: string): Promise<Organization[]> {
  const rows = await db
    .selectFrom('organization')
    .select([...columns])
    .where('name_key', '=', nameKey)
    .execute();
  return rows.map(toOrganization);
}

/** Another entry of the same region, type and name, if any: the registry's unique key. */
export function findDuplicate(db: Db, region: string, type: string, nameKey: string, exceptId?: number) {
  let q = db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('region', '=', region)
    .where('type', '=', type)
    .where('name_key', '=', nameKey);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst().then((r) => r && { id: Number(r.id), name: r.name });
}

export interface OrganizationValues {
  name: string;
  type: string;
  bin: string | null;
  region: string;
}

export async function insertOrganization(db: Db, v: OrganizationValues): Promise<Organization> {
  const row = await db
    .insertInto('organization')
    .values({ ...v, name_key: normalizeName(v.name), created_at: new Date().toISOString() })
    .returning([...columns])
    .executeTakeFirstOrThrow();
  return toOrganization(row);
}

/** Writes the values if the entry still has `version`; false when someone changed it meanwhile. */
export async function updateOrganizationRow(
  db: Db,
  id: number,
  version: number,
  v: OrganizationValues,
): Promise<boolean> {
  const res = await db
    .updateTable('organization')
    .set({ ...v, name_key: normalizeName(v.name), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The months (region and period) in which the organisation has activity records. */
export const reportedPartitions = (db: Db, id: number) =>
  db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .where('organization_id', '=', id)
    .execute();

export interface OrganizationKey {
  name: string;
  type: string;
  region: string;
  bin?: string | null;
}

export const organizationKey = (o: OrganizationKey) => `${o.region}|${o.type}|${normalizeName(o.name)}`;

/**
 * Ids of the given organisations, creating the missing ones. Works in bulk (imports pass thousands
 * of rows naming a few hundred organisers). A BIN given later fills a registry entry without one.
 */
export async function findOrCreateOrganizations(
  db: Db,
  orgs: OrganizationKey[],
): Promise<Map<string, number>> {
  const wanted = new Map<string, OrganizationKey>();
  for (const o of orgs) if (!wanted.has(organizationKey(o))) wanted.set(organizationKey(o), o);
  const ids = new Map<string, number>();
  const regions = [...new Set([...wanted.values()].map((o) => o.region))];
  if (regions.length === 0) return ids;
  const existing = await db
    .selectFrom('organization')
    .select(['id', 'name_key', 'type', 'region', 'bin'])
    .where('region', 'in', regions)
    .execute();
  const byKey = new Map(existing.map((e) => [`${e.region}|${e.type}|${e.name_key}`, e]));
  const now = new Date().toISOString();
  const missing: OrganizationKey[] = [];
  for (const [key, o] of wanted) {
    const e = byKey.get(key);
    if (!e) missing.push(o);
    else {
      ids.set(key, e.id);
      if (o.bin && !e.bin)
        await db.updateTable('organization').set({ bin: o.bin }).where('id', '=', e.id).execute();
    }
  }
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    // Another transaction may register the same organiser meanwhile (two entries, two imports):
    // the unique key decides, and the ids are read back rather than taken from the insert.
    await db
      .insertInto('organization')
      .values(
        chunk.map((o) => ({
          name: o.name.trim(),
          name_key: normalizeName(o.name),
          type: o.type,
          bin: o.bin ?? null,
          region: o.region,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['region', 'type', 'name_key']).doNothing())
      .execute();
    const rows = await db
      .selectFrom('organization')
      .select(['id', 'name_key', 'type', 'region'])
      .where((eb) =>
        eb.or(
          chunk.map((o) =>
            eb.and([
              eb('region', '=', o.region),
              eb('type', '=', o.type),
              eb('name_key', '=', normalizeName(o.name)),
            ]),
          ),
        ),
      )
      .execute();
    for (const r of rows) ids.set(`${r.region}|${r.type}|${r.name_key}`, r.id);
  }
  return ids;
}
