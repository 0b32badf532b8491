// Loads the reference data validation needs (domain/reference.ts) in three queries.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';

export async function loadReferenceSnapshot(db: Kysely<DB> | Transaction<DB>): Promise<ReferenceSnapshot> {
  const [units, aliases, items] = await Promise.all([
    db.selectFrom('territory_unit').select(['code', 'valid_from', 'valid_to']).orderBy('sort').execute(),
    db.selectFrom('territory_alias').select(['alias', 'code']).execute(),
    db
      .selectFrom('code_list_item')
      .select(['list', 'code'])
      .where('active', '=', 1)
      .orderBy('list')
      .orderBy('sort')
      .execute(),
  ]);
  const codes: Record<string, string[]> = {};
  for (const i of items) {
    codes[i.list] = [...(codes[i.list] ?? []), i.code];
  }
  return {
    units: units.map((u) => ({ code: u.code, validFrom: u.valid_from, validTo: u.valid_to })),
    aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.code])),
    codes,
  };
}
