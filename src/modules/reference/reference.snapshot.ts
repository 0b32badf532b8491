// Loads the reference data validation needs (domain/reference.ts) in three queries, run one after another.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CodeLabel } from '../../domain/code-match.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';

export async function loadReferenceSnapshot(db: Kysely<DB> | Transaction<DB>): Promise<ReferenceSnapshot> {
  // One after another, not Promise.all: on PostgreSQL the caller may pass a transaction, i.e. one
  // client, and pg warns of (and pg 9 will refuse) a query sent while another one is running.
  const units = await db
    .selectFrom('territory_unit')
    .select(['code', 'valid_from', 'valid_to'])
    .orderBy('sort')
    .execute();
  const aliases = await db.selectFrom('territory_alias').select(['alias', 'code']).execute();
  const items = await db
    .selectFrom('code_list_item')
    .select(['list', 'code', 'name_en', 'name_ru', 'name_kk'])
    .where('active', '=', 1)
    .orderBy('list')
    .orderBy('sort')
    .execute();
  const codes: Record<string, string[]> = {};
  const labels: Record<string, CodeLabel[]> = {};
  for (const i of items) {
    codes[i.list] = [...(codes[i.list] ?? []), i.code];
    labels[i.list] = [
      ...(labels[i.list] ?? []),
      { code: i.code, en: i.name_en, ru: i.name_ru, kk: i.name_kk },
    ];
  }
  return {
    units: units.map((u) => ({ code: u.code, validFrom: u.valid_from, validTo: u.valid_to })),
    aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.code])),
    codes,
    labels,
  };
}
