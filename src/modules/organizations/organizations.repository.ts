// The one registry of organisations (DOMAIN.md §2): reporting and the platform share it, so an
// organiser named in an import is matched to its registry entry by normalised name, region and type.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeName } from '../../domain/text.ts';

type Db = Kysely<DB> | Transaction<DB>;

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
