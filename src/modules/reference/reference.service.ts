// Reference data (DOMAIN.md §2): read by everyone, changed only by the national admin, every change
// audited with its old and new value. Code lists are data: a code added here is valid for imports
// at once (validation reads the active codes from the database); a deactivated one stays readable.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { authorize } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import { conflict, type ErrorDetail, notFound, validationFailed } from '../../lib/errors.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  type CodeItemRecord,
  type Db,
  findAlias,
  findCodeItem,
  findStatRow,
  findUnit,
  insertAlias,
  insertCodeItem,
  insertStatRow,
  listCodeItems,
  listExists,
  listLineage,
  listPopulation,
  listUnits,
  listWages,
  listWorkingTime,
  nextSort,
  type StatTable,
  type UnitRecord,
  unitCodes,
  updateCodeItem,
  updateStatRow,
  updateUnit,
} from './reference.repository.ts';
import type {
  CodeItem,
  CodeItemInput,
  PopulationRow,
  Territory,
  TerritoryUpdate,
  UpsertResult,
  WageRow,
  WorkingTimeRow,
} from './reference.schemas.ts';

const nameIn = (r: { name_kk: string; name_ru: string; name_en: string }, lang: Lang) =>
  lang === 'kk' ? r.name_kk : lang === 'ru' ? r.name_ru : r.name_en;

const show = (v: unknown) => (v === null || v === undefined ? null : String(v));

// ---------------------------------------------------------------- territories

/** The units of a map: `current` (valid today), a year (valid on 1 January of it) or `all`. */
export async function territories(db: Db, map: string, lang: Lang) {
  const [units, lineage] = await Promise.all([listUnits(db), listLineage(db)]);
  const on =
    map === 'all' ? null : map === 'current' ? new Date().toISOString().slice(0, 10) : `${map}-01-01`;
  const valid = (u: UnitRecord) =>
    on === null ||
    ((u.valid_from === null || u.valid_from <= on) && (u.valid_to === null || u.valid_to >= on));
  return units.filter(valid).map((u) => ({
    code: u.code,
    kato: u.kato,
    kind: u.kind,
    name: nameIn(u, lang),
    nameKk: u.name_kk,
    nameRu: u.name_ru,
    nameEn: u.name_en,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    tileX: u.tile_x,
    tileY: u.tile_y,
    sort: u.sort,
    predecessors: lineage.filter((l) => l.successor === u.code).map((l) => l.predecessor),
    successors: lineage.filter((l) => l.predecessor === u.code).map((l) => l.successor),
  }));
}

/** Renames a unit (or corrects its KATO code or tile); the new names become aliases for imports. */
export async function updateTerritory(
  db: Kysely<DB>,
  actor: SessionUser,
  code: string,
  input: TerritoryUpdate,
): Promise<Territory> {
  const actorId = authorize(actor, 'reference.edit').id;
  const current = await findUnit(db, code);
  if (!current) throw notFound(`No territorial unit ${code}`);
  const next: Partial<UnitRecord> = {};
  const audit: AuditInput[] = [];
  const fields: [keyof TerritoryUpdate, 'name_kk' | 'name_ru' | 'name_en' | 'kato' | 'tile_x' | 'tile_y'][] =
    [
      ['nameKk', 'name_kk'],
      ['nameRu', 'name_ru'],
      ['nameEn', 'name_en'],
      ['kato', 'kato'],
      ['tileX', 'tile_x'],
      ['tileY', 'tile_y'],
    ];
  for (const [key, col] of fields) {
    const value = input[key];
    if (value === undefined || value === current[col]) continue;
    (next as Record<string, unknown>)[col] = value;
    audit.push({
      userId: actorId,
      action: 'update',
      entity: 'territory_unit',
      entityId: code,
      field: col,
      oldValue: show(current[col]),
      newValue: show(value),
    });
  }
  if (audit.length > 0) {
    await db.transaction().execute(async (trx) => {
      await updateUnit(trx, code, next);
      for (const n of [next.name_kk, next.name_ru, next.name_en, next.kato]) {
        if (!n) continue;
        // Old names stay aliases too: files written before the renaming still resolve.
        const alias = normalizeName(n);
        const taken = await findAlias(trx, alias);
        if (!taken) await insertAlias(trx, alias, code);
        else if (taken.code !== code)
          throw conflict(
            `The name ${n} already stands for ${taken.code}`,
            [{ value: n, code: taken.code }],
            'name_taken',
          );
      }
      await writeAudit(trx, audit);
    });
  }
  return (await territories(db, 'all', 'kk')).find((t) => t.code === code) as Territory;
}

// ---------------------------------------------------------------- code lists

function itemView(r: CodeItemRecord, lang: Lang): CodeItem {
  let attrs: Record<string, unknown> | null = null;
  if (r.attrs) {
    try {
      attrs = JSON.parse(r.attrs) as Record<string, unknown>;
    } catch {
      attrs = null;
    }
  }
  return {
    code: r.code,
    name: nameIn(r, lang),
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    nameEn: r.name_en,
    sort: r.sort,
    active: r.active === 1,
    attrs,
  };
}

export async function codeLists(db: Db, lang: Lang) {
  const out: Record<string, CodeItem[]> = {};
  for (const r of await listCodeItems(db)) {
    out[r.list] ??= [];
    out[r.list]?.push(itemView(r, lang));
  }
  return out;
}

export async function codeList(db: Db, list: string, lang: Lang) {
  const rows = await listCodeItems(db, list);
  if (rows.length === 0) throw notFound(`No code list ${list}`);
  return rows.map((r) => itemView(r, lang));
}

/**
 * Creates or changes one item of an existing list. The `role` list only names the roles the code
 * knows (permissions are code), so it takes no new items.
 */
export async function putCodeItem(
  db: Kysely<DB>,
  actor: SessionUser,
  list: string,
  code: string,
  input: CodeItemInput,
  mode: 'upsert' | 'create' = 'upsert',
): Promise<{ item: CodeItem; created: boolean }> {
  const actorId = authorize(actor, 'reference.edit').id;
  if (!(await listExists(db, list))) throw notFound(`No code list ${list}`);
  const entityId = `${list}:${code}`;
  const result = await db.transaction().execute(async (trx) => {
    const current = await findCodeItem(trx, list, code);
    if (current && mode === 'create')
      throw conflict(`The code ${code} exists already in ${list}`, [{ value: code, list }], 'code_exists');
    if (!current) {
      if (list === 'role')
        throw validationFailed('Roles are fixed: their permissions are part of the program', [
          { column: 'code', value: code, rule: 'role_fixed', message: 'New roles cannot be added' },
        ]);
      const row = {
        list,
        code,
        name_kk: input.nameKk,
        name_ru: input.nameRu,
        name_en: input.nameEn,
        sort: input.sort ?? (await nextSort(trx, list)),
        active: input.active === false ? 0 : 1,
        attrs: input.attrs ? JSON.stringify(input.attrs) : null,
      };
      await insertCodeItem(trx, row);
      await writeAudit(trx, [
        {
          userId: actorId,
          action: 'create',
          entity: 'code_list_item',
          entityId,
          newValue: JSON.stringify({ ...row, attrs: input.attrs ?? null }),
        },
      ]);
      return { created: true };
    }
    const next: Partial<CodeItemRecord> = {};
    const wanted: Partial<CodeItemRecord> = {
      name_kk: input.nameKk,
      name_ru: input.nameRu,
      name_en: input.nameEn,
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.attrs !== undefined ? { attrs: input.attrs ? JSON.stringify(input.attrs) : null } : {}),
    };
    const audit: AuditInput[] = [];
    for (const [col, value] of Object.entries(wanted) as [keyof CodeItemRecord, unknown][]) {
      if (value === current[col]) continue;
      (next as Record<string, unknown>)[col] = value;
      audit.push({
        userId: actorId,
        action: 'update',
        entity: 'code_list_item',
        entityId,
        field: col,
        oldValue: show(current[col]),
        newValue: show(value),
      });
    }
    if (audit.length > 0) {
      await updateCodeItem(trx, list, code, next);
      await writeAudit(trx, audit);
    }
    return { created: false };
  });
  const row = (await findCodeItem(db, list, code)) as CodeItemRecord;
  return { item: itemView(row, 'kk'), created: result.created };
}

// ---------------------------------------------------------------- statistics

interface TableSpec<R> {
  entity: string;
  /** Audit id and duplicate check. */
  key(row: R): string;
  /** The row as database columns. */
  columns(row: R): Record<string, string | number | null>;
  keyColumns: string[];
  valueColumns: string[];
}

/** Inserts or updates rows of one table in a transaction, auditing each created row and each changed value. */
async function upsert<R>(
  db: Kysely<DB>,
  actorId: number,
  table: StatTable,
  spec: TableSpec<R>,
  rows: R[],
): Promise<UpsertResult> {
  const seen = new Map<string, number>();
  const problems: ErrorDetail[] = [];
  rows.forEach((r, i) => {
    const k = spec.key(r);
    const first = seen.get(k);
    if (first !== undefined)
      problems.push({
        row: i + 1,
        column: spec.keyColumns.join('+'),
        value: k,
        rule: 'duplicate',
        message: `Same as row ${first}`,
      });
    else seen.set(k, i + 1);
  });
  if (problems.length > 0) throw validationFailed(`${problems.length} duplicate rows`, problems);
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  await db.transaction().execute(async (trx) => {
    const audit: AuditInput[] = [];
    for (const r of rows) {
      const cols = spec.columns(r);
      const key = Object.fromEntries(spec.keyColumns.map((k) => [k, cols[k] ?? null]));
      const current = await findStatRow(trx, table, key);
      const entityId = spec.key(r);
      if (!current) {
        await insertStatRow(trx, table, cols);
        audit.push({
          userId: actorId,
          action: 'create',
          entity: table,
          entityId,
          newValue: JSON.stringify(cols),
        });
        result.inserted++;
        continue;
      }
      const changed: Record<string, string | number | null> = {};
      for (const c of spec.valueColumns) {
        const value = cols[c];
        if (value === undefined || value === current[c]) continue;
        changed[c] = value;
        audit.push({
          userId: actorId,
          action: 'update',
          entity: table,
          entityId,
          field: c,
          oldValue: show(current[c]),
          newValue: show(value),
        });
      }
      if (Object.keys(changed).length === 0) {
        result.unchanged++;
        continue;
      }
      await updateStatRow(trx, table, key, changed);
      result.updated++;
    }
    await writeAudit(trx, audit);
  });
  return result;
}

async function checkRegions(db: Db, rows: { region: string }[], allowNational: boolean) {
  const codes = await unitCodes(db);
  const problems: ErrorDetail[] = [];
  rows.forEach((r, i) => {
    if (allowNational && r.region === '') return;
    if (!codes.has(r.region))
      problems.push({
        row: i + 1,
        column: 'region',
        value: r.region,
        rule: 'region_exists',
        message: 'Unknown region code',
      });
  });
  if (problems.length > 0) throw validationFailed(`${problems.length} rows name an unknown region`, problems);
}

export const population = (db: Db, f: { year?: number; region?: string }) =>
  listPopulation(db, f).then((rows) =>
    rows.map((r) => ({ region: r.region, year: r.year, population: r.population, source: r.source })),
  );

export async function putPopulation(db: Kysely<DB>, actor: SessionUser, rows: PopulationRow[]) {
  const actorId = authorize(actor, 'reference.edit').id;
  await checkRegions(db, rows, false);
  return upsert(
    db,
    actorId,
    'population',
    {
      entity: 'population',
      key: (r) => `${r.region}:${r.year}`,
      keyColumns: ['region', 'year'],
      valueColumns: ['population', 'source'],
      columns: (r) => ({ region: r.region, year: r.year, population: r.population, source: r.source }),
    },
    rows,
  );
}

export const wages = (db: Db, f: { year?: number; region?: string }) =>
  listWages(db, f).then((rows) =>
    rows.map((r) => ({
      region: r.region,
      activity: r.activity,
      year: r.year,
      monthlyWageKzt: r.monthly_wage_kzt,
      source: r.source,
    })),
  );

export async function putWages(db: Kysely<DB>, actor: SessionUser, rows: WageRow[]) {
  const actorId = authorize(actor, 'reference.edit').id;
  await checkRegions(db, rows, true);
  return upsert(
    db,
    actorId,
    'wage',
    {
      entity: 'wage',
      key: (r) => `${r.region}:${r.activity}:${r.year}`,
      keyColumns: ['region', 'activity', 'year'],
      valueColumns: ['monthly_wage_kzt', 'source'],
      columns: (r) => ({
        region: r.region,
        activity: r.activity,
        year: r.year,
        monthly_wage_kzt: r.monthlyWageKzt,
        source: r.source,
      }),
    },
    rows,
  );
}

export const workingTime = (db: Db, f: { year?: number }) =>
  listWorkingTime(db, f).then((rows) =>
    rows.map((r) => ({
      year: r.year,
      monthlyHours: r.monthly_hours,
      annualHours: r.annual_hours,
      source: r.source,
      fteHours: r.fte_hours,
      fteSource: r.fte_source,
    })),
  );

export async function putWorkingTime(db: Kysely<DB>, actor: SessionUser, rows: WorkingTimeRow[]) {
  const actorId = authorize(actor, 'reference.edit').id;
  const problems: ErrorDetail[] = [];
  rows.forEach((r, i) => {
    if (r.annualHours < r.monthlyHours)
      problems.push({
        row: i + 1,
        column: 'annualHours',
        value: r.annualHours,
        rule: 'annual_at_least_monthly',
        message: 'Annual hours below monthly hours',
      });
  });
  if (problems.length > 0) throw validationFailed('Invalid working time', problems);
  return upsert(
    db,
    actorId,
    'working_time',
    {
      entity: 'working_time',
      key: (r) => String(r.year),
      keyColumns: ['year'],
      valueColumns: ['monthly_hours', 'annual_hours', 'source', 'fte_hours', 'fte_source'],
      columns: (r) => ({
        year: r.year,
        monthly_hours: r.monthlyHours,
        annual_hours: r.annualHours,
        source: r.source,
        // Omitted keeps the stored value; null clears it.
        ...(r.fteHours !== undefined ? { fte_hours: r.fteHours } : {}),
        ...(r.fteSource !== undefined ? { fte_source: r.fteSource?.trim() || null } : {}),
      }),
    },
    rows,
  );
}
