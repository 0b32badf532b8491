import type { Kysely } from 'kysely';
import {
  CODE_LISTS,
  EXTRA_ALIASES,
  LINEAGE,
  NATIONAL_WAGE_2022,
  SOURCES,
  UNITS,
  WAGE_CHECK,
  WORKING_TIME,
} from './2026-11-22-002-reference.data.ts';

/**
 * The name key of src/domain/text.ts as it stood when this migration was written, copied so that
 * the aliases it stores never change with the application's later rules.
 */
function normalizeName(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'`]/g, '')
    .replace(/(^|\s)обл\.?(?=\s|$)/g, '$1область')
    .replace(/(^|\s)г\.\s*/g, '$1г. ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('territory_unit')
    .values(
      UNITS.map(([code, kato, kind, en, ru, kk, , , , x, y, from], i) => ({
        code,
        kato,
        kind,
        name_en: en,
        name_ru: ru,
        name_kk: kk,
        valid_from: from,
        valid_to: null,
        tile_x: x,
        tile_y: y,
        sort: i + 1,
      })),
    )
    .execute();
  await db
    .insertInto('territory_lineage')
    .values(LINEAGE.map(([predecessor, successor, date, note]) => ({ predecessor, successor, date, note })))
    .execute();

  const aliases = new Map<string, string>();
  for (const [code, kato, , en, ru, kk] of UNITS) {
    for (const name of [code, kato, code.slice(3), en, ru, kk]) aliases.set(normalizeName(name), code);
  }
  for (const [alias, code] of EXTRA_ALIASES) aliases.set(normalizeName(alias), code);
  await db
    .insertInto('territory_alias')
    .values([...aliases].map(([alias, code]) => ({ alias, code })))
    .execute();

  const items = Object.entries(CODE_LISTS).flatMap(([list, rows]) =>
    rows.map(([code, en, ru, kk, attrs], i) => ({
      list,
      code,
      name_en: en,
      name_ru: ru,
      name_kk: kk,
      sort: i + 1,
      active: 1,
      attrs: attrs ? JSON.stringify(attrs) : null,
    })),
  );
  await db.insertInto('code_list_item').values(items).execute();

  await db
    .insertInto('population')
    .values(
      UNITS.flatMap(([code, , , , , , p2022, p2023]) => [
        { region: code, year: 2022, population: p2022, source: `${SOURCES.population} (1.1.2022)` },
        { region: code, year: 2023, population: p2023, source: `${SOURCES.population} (1.1.2023)` },
      ]),
    )
    .execute();
  await db
    .insertInto('wage')
    .values([
      ...UNITS.map(([code, , , , , , , , wage]) => ({
        region: code,
        activity: '',
        year: 2022,
        monthly_wage_kzt: wage,
        source: SOURCES.wage + (WAGE_CHECK[code] ?? ''),
      })),
      {
        region: '',
        activity: '',
        year: 2022,
        monthly_wage_kzt: NATIONAL_WAGE_2022.wage,
        source: NATIONAL_WAGE_2022.source,
      },
    ])
    .execute();
  await db
    .insertInto('working_time')
    .values(
      WORKING_TIME.map((w) => ({
        year: w.year,
        monthly_hours: w.monthly,
        annual_hours: w.annual,
        source: w.source,
        fte_hours: w.fte ?? null,
        fte_source: w.fteSource ?? null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'working_time',
    'wage',
    'population',
    'code_list_item',
    'territory_alias',
    'territory_lineage',
    'territory_unit',
  ]) {
    await db.deleteFrom(t).execute();
  }
}
