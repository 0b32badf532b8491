// Imports of every exchange format (FORMATS.md), shared by POST /api/imports/:kind and
// `birgemiz import`. All-or-nothing: the file is read and validated in one streaming pass inside
// one transaction; any problem, foreign region or closed submission rolls everything back, and
// the answer lists every problem. Activity rows go in through raw prepared statements (SQLite) or
// COPY (PostgreSQL) because a million rows through Kysely one by one would take minutes.
import type { Kysely } from 'kysely';
import { type BulkTx, bulkTransaction, copyRows } from '../../db/bulk.ts';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { type ActivityInput, ActivityValidator, type Problem } from '../../domain/activity-rules.ts';
import {
  validateAppeal,
  validateOrgCount,
  validatePopulation,
  validateUnaccounted,
  validateWage,
  validateWorkingTime,
} from '../../domain/exchange-rules.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';
import { normalizeName } from '../../domain/text.ts';
import { checkVolunteerSums, validateVolunteerStat } from '../../domain/volunteer-rules.ts';
import {
  AppError,
  badRequest,
  conflict,
  type ErrorDetail,
  forbidden,
  validationFailed,
} from '../../lib/errors.ts';
import { type Partition, refreshAggregates } from '../aggregates/aggregates.service.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { unguardFormula } from '../exports/formula-guard.ts';
import { findOrCreateOrganizations, organizationKey } from '../organizations/organizations.repository.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  type HeaderProblems,
  type ImportKind,
  isColumnName,
  KIND_COLUMNS,
  mapHeader,
  REFERENCE_KINDS,
} from './headers.ts';
import { type FileInfo, inspectFile, type Row, readRows } from './reader.ts';

export interface ImportOptions {
  kind: ImportKind;
  path: string;
  /** The name the file was uploaded under (type detection is by content; the name only words errors). */
  filename?: string | null;
  dryRun?: boolean;
  /** The signed-in user (HTTP); null for the CLI, run by the national office. */
  user: SessionUser | null;
  /** Write into submitted or accepted periods (the national office loading history). */
  allowClosed?: boolean;
  progress?: (rows: number) => void;
}

export interface ImportResult {
  ok: true;
  kind: ImportKind;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  alreadyImported: boolean;
  dryRun: boolean;
  fileType: 'csv' | 'xlsx';
  encoding: string | null;
  importId: number | null;
}

export const MAX_LISTED_PROBLEMS = 1000;

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/** Who may import what: reference kinds and appeals the national admin; monthly data also RFO staff. */
export function assertMayImport(user: SessionUser | null, kind: ImportKind): void {
  if (!user) return;
  if (user.role === 'national_admin') return;
  if (user.role === 'rfo' && (kind === 'activities' || kind === 'volunteers' || kind === 'organizations'))
    return;
  throw forbidden(
    REFERENCE_KINDS.includes(kind) || kind === 'appeals'
      ? `Only the national admin may import ${kind}`
      : `Your role may not import ${kind}`,
  );
}

export async function runImport(database: Database, opts: ImportOptions): Promise<ImportResult> {
  assertMayImport(opts.user, opts.kind);
  const info = await inspectFile(opts.path, { name: opts.filename ?? undefined });
  const base = {
    ok: true as const,
    kind: opts.kind,
    dryRun: !!opts.dryRun,
    fileType: info.type,
    encoding: info.encoding,
  };
  const previous = await database.db
    .selectFrom('import_batch')
    .selectAll()
    .where('kind', '=', opts.kind)
    .where('file_sha256', '=', info.sha256)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  // The same bytes again: nothing to do. Only for callers whose scope is that of the earlier
  // import (the national office, the same user); anyone else goes through the full checks, so
  // that another region's staff cannot learn, or skip the scope check, by re-sending a file.
  const u = opts.user;
  if (previous && (!u || u.role === 'national_admin' || (u.id > 0 && u.id === previous.user_id))) {
    return {
      ...base,
      rows: previous.rows,
      inserted: 0,
      updated: 0,
      unchanged: previous.rows,
      alreadyImported: true,
      importId: previous.id,
    };
  }
  try {
    return await bulkTransaction(database, async (tx) => {
      const result = await importInTransaction(tx, info, opts);
      const full: ImportResult = {
        ...base,
        ...result,
        alreadyImported: !!previous && result.inserted === 0 && result.updated === 0,
      };
      if (opts.dryRun) throw new DryRun({ ...full, importId: null });
      return full;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.result;
    throw err;
  }
}

interface Counts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  importId: number;
  /** The same counts by the region and period of the rows: one audit entry each. */
  parts: PartTally;
}

interface PartCounts {
  region: string | null;
  period: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows (keyed by an external id) that moved from this period to another one. */
  movedOut: number;
}

/** Counts by (region, period): what the audit trail of an import says for each region's data. */
class PartTally {
  private readonly map = new Map<string, PartCounts>();
  private last: PartCounts | null = null;
  get(region: string | null, period: string | null): PartCounts {
    const l = this.last;
    if (l && l.region === region && l.period === period) return l;
    const key = `${region ?? ''}|${period ?? ''}`;
    let c = this.map.get(key);
    if (!c) {
      c = { region, period, rows: 0, inserted: 0, updated: 0, unchanged: 0, movedOut: 0 };
      this.map.set(key, c);
    }
    this.last = c;
    return c;
  }
  all(): PartCounts[] {
    for (const c of this.map.values()) c.unchanged = c.rows - c.inserted - c.updated;
    return [...this.map.values()].sort(
      (a, b) =>
        (a.region ?? '').localeCompare(b.region ?? '') || (a.period ?? '').localeCompare(b.period ?? ''),
    );
  }
}

/** Collects problems, keeping the first MAX_LISTED_PROBLEMS and counting the rest. */
class ProblemList {
  readonly list: Problem[] = [];
  count = 0;
  add(ps: Problem[]) {
    for (const p of ps) {
      this.count++;
      // Kept to the end of the import: their strings must not hold the file's text (see detach).
      if (this.list.length < MAX_LISTED_PROBLEMS)
        this.list.push({
          ...p,
          message: detach(p.message),
          ...(typeof p.value === 'string' ? { value: detach(p.value) } : {}),
        });
    }
  }
  throwIfAny() {
    if (this.count === 0) return;
    const details = [...this.list];
    if (this.count > this.list.length)
      details.push({
        rule: 'more_problems',
        message: `… and ${this.count - this.list.length} more problems not listed`,
      } as Problem);
    throw validationFailed(
      `The file has ${this.count} problem${this.count === 1 ? '' : 's'}; nothing was imported`,
      details as ErrorDetail[],
    );
  }
}

interface FileRecord {
  row: number;
  raw: Record<string, unknown>;
  /** Problems of the row's shape (cells without a header, a foreign delimiter): not validated further. */
  problems?: Problem[];
}

const DATE_COLUMNS = ['start_date', 'end_date', 'received_at', 'first_response_at', 'resolved_at'];

/**
 * A date typed into a sheet whose styles do not mark it as one arrives as Excel's serial number
 * (days since 1899-12-30): turned into the ISO text it stands for, in date columns only.
 */
function fromSerial(v: unknown): unknown {
  if (typeof v !== 'number' || !(v >= 25569 && v < 73051)) return v; // 1970 … 2100
  const ms = Math.round((v - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/(:00)?\.000Z$/, 'Z');
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Reads the header, then hands each data row to `onBatch` as an object keyed by column code. */
async function forEachRecord(
  info: FileInfo,
  kind: ImportKind,
  onBatch: (rows: FileRecord[]) => Promise<void>,
): Promise<number> {
  let pairs: [string, number][] | null = null;
  let headerCells: string[] = [];
  // File columns whose header cell is blank: a value under one would be silently lost.
  let unnamed: number[] = [];
  let total = 0;
  const xlsx = info.type === 'xlsx';
  for await (const batch of readRows(info)) {
    let rows: Row[] = batch;
    if (!pairs) {
      const header = rows[0] as Row;
      headerCells = header.cells.map((c) => String(c ?? ''));
      const mapped = mapHeader(kind, headerCells);
      if (!mapped.map) throw headerProblems(kind, header.row, headerCells, mapped.problems);
      pairs = Object.entries(mapped.map.indexOf).filter(([, i]) => i >= 0);
      unnamed = headerCells.flatMap((h, i) => (h.trim() === '' ? [i] : []));
      rows = rows.slice(1);
    }
    const width = headerCells.length;
    const codes = (pairs as [string, number][]).map(([code]) => code);
    const at = (pairs as [string, number][]).map(([, i]) => i);
    const dateCols = DATE_COLUMNS.filter((c) => pairs?.some(([code]) => code === c));
    const records = rows.map((r): FileRecord => {
      const cells = r.cells;
      if (cells.length > width || unnamed.length) {
        const problems = shapeProblems(r, width, unnamed);
        if (problems.length) return { row: r.row, raw: {}, problems };
      } else if (cells.length === 1 && width > 2 && typeof cells[0] === 'string' && /[,;\t]/.test(cells[0])) {
        return {
          row: r.row,
          raw: {},
          problems: [
            {
              row: r.row,
              column: headerCells[0],
              value: cells[0].length > 60 ? `${cells[0].slice(0, 60)}…` : cells[0],
              rule: 'wrong_delimiter',
              message: `The row is a single cell: its columns are separated by another character than the header's`,
            },
          ],
        };
      }
      const raw: Record<string, unknown> = {};
      // A CSV export guards text a spreadsheet would run with a leading `'`: removed here (not in .xlsx).
      for (let k = 0; k < codes.length; k++) {
        const cell = cells[at[k] as number];
        raw[codes[k] as string] = xlsx ? cell : unguardFormula(cell);
      }
      if (xlsx) for (const c of dateCols) raw[c] = fromSerial(raw[c]);
      return { row: r.row, raw };
    });
    total += records.length;
    if (records.length) await onBatch(records);
  }
  if (!pairs) throw badRequest('The file is empty', [], 'empty_file');
  if (total === 0) throw badRequest('The file has a header but no data rows', [], 'no_rows');
  return total;
}

/** Values in columns that have no header (beyond the header's last cell, or under a blank one). */
function shapeProblems(r: Row, width: number, unnamed: number[]): Problem[] {
  const out: Problem[] = [];
  const cells = r.cells;
  for (const i of unnamed) {
    if (i < cells.length && !blank(cells[i]))
      out.push({
        row: r.row,
        column: columnLetter(i),
        value: cells[i],
        rule: 'unnamed_column',
        message: `A value in column ${columnLetter(i)}, which has no header`,
      });
  }
  for (let i = width; i < cells.length; i++) {
    if (!blank(cells[i]))
      out.push({
        row: r.row,
        column: columnLetter(i),
        value: cells[i],
        rule: 'extra_cell',
        message: `The row has more cells than the header (${width}): a value in column ${columnLetter(i)}; an unquoted delimiter inside a cell?`,
      });
  }
  return out;
}

/** Spreadsheet column name of a 0-based index: A … Z, AA … */
function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function headerProblems(kind: ImportKind, row: number, header: string[], p: HeaderProblems): AppError {
  const expected = KIND_COLUMNS[kind].map((c) => c.code).join(', ');
  // One cell holding several column names: the file uses a delimiter other than `,` or `;`.
  const named = header.filter((h) => h.trim() !== '');
  if (named.length === 1 && p.unknown.length === 1) {
    const sep = foreignDelimiter(named[0] as string, kind);
    if (sep)
      return validationFailed(
        `The header row is a single column: its columns are separated by "${sep}", not by "," or ";"`,
        [
          {
            row,
            column: named[0] as string,
            value: named[0],
            rule: 'wrong_delimiter',
            message: `Columns separated by "${sep}"; use "," or ";" (expected columns: ${expected})`,
          },
        ],
      );
  }
  const details: Problem[] = [
    ...p.unknown.map((h) => ({
      row,
      column: h,
      value: h,
      rule: 'unknown_column',
      message: `Unknown column "${h}"`,
    })),
    ...p.missing.map((c) => ({
      row,
      column: c,
      value: null,
      rule: 'missing_column',
      message: `Required column "${c}" is missing`,
    })),
    ...p.duplicate.map((h) => ({
      row,
      column: h,
      value: h,
      rule: 'duplicate_column',
      message: `Column "${h}" is given twice`,
    })),
  ];
  const parts = [
    p.unknown.length ? `unknown columns: ${p.unknown.join(', ')}` : '',
    p.missing.length ? `missing required columns: ${p.missing.join(', ')}` : '',
    p.duplicate.length ? `columns given twice: ${p.duplicate.join(', ')}` : '',
  ].filter(Boolean);
  return validationFailed(
    `The header row does not match the ${kind} format (${parts.join('; ')}); expected columns: ${expected}`,
    details as ErrorDetail[],
  );
}

/** The character that splits `cell` into at least two of the kind's column names, if any. */
function foreignDelimiter(cell: string, kind: ImportKind): string | null {
  for (const sep of new Set(cell.replace(/[\p{L}\p{N}_ .-]/gu, ''))) {
    const known = cell.split(sep).filter((h) => isColumnName(kind, h));
    if (known.length >= 2) return sep === '\t' ? 'tab' : sep;
  }
  return null;
}

async function startBatch(db: BulkTx['db'], info: FileInfo, opts: ImportOptions): Promise<number> {
  const { id } = await db
    .insertInto('import_batch')
    .values({
      kind: opts.kind,
      file_sha256: info.sha256,
      filename: opts.filename ?? null,
      rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      user_id: opts.user?.id ?? null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

async function finishBatch(tx: BulkTx, opts: ImportOptions, info: FileInfo, c: Counts): Promise<void> {
  await tx.db
    .updateTable('import_batch')
    .set({ rows: c.rows, inserted: c.inserted, updated: c.updated, unchanged: c.unchanged })
    .where('id', '=', c.importId)
    .execute();
  // One entry for each region and period the file holds, with its counts there (and the file's
  // totals): the trail of a region's data, which RFO staff read, shows what imports changed in it.
  // Kinds without a region or period (working time, unaccounted hours) get entries without one.
  const parts = c.parts.all();
  if (parts.length === 0) parts.push({ ...c, region: null, period: null, movedOut: 0 });
  await writeAudit(
    tx.db,
    parts.map((p) => ({
      userId: opts.user?.id ?? null,
      action: 'import',
      entity: 'import_batch',
      entityId: String(c.importId),
      region: p.region,
      period: p.period,
      newValue: {
        kind: opts.kind,
        file: opts.filename ?? null,
        sha256: info.sha256,
        rows: p.rows,
        inserted: p.inserted,
        updated: p.updated,
        unchanged: p.unchanged,
        ...(p.movedOut ? { moved_out: p.movedOut } : {}),
        ...(parts.length > 1
          ? {
              file_rows: c.rows,
              file_inserted: c.inserted,
              file_updated: c.updated,
              file_unchanged: c.unchanged,
            }
          : {}),
      },
      note: opts.dryRun ? 'dry run' : null,
    })),
  );
}

/** Regions the user may not write, and submissions that are closed: refused after validation. */
class ScopeGuard {
  readonly foreign = new Set<string>();
  readonly closed: Record<string, unknown>[] = [];
  private readonly open = new Set<string>();
  constructor(
    private readonly user: SessionUser | null,
    private readonly allowClosed: boolean,
  ) {}
  region(region: string) {
    const u = this.user;
    if (u && !(u.role === 'national_admin' || (u.role === 'rfo' && u.region === region)))
      this.foreign.add(region);
  }
  /** True when the partition may be written (its submission is open, created when missing). */
  async partition(db: BulkTx['db'], region: string, period: string): Promise<boolean> {
    const key = `${region}|${period}`;
    if (this.open.has(key)) return true;
    try {
      await ensureOpenSubmission(db, region, period, { allowClosed: this.allowClosed });
      this.open.add(key);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 409) {
        this.closed.push(...(err.details as Record<string, unknown>[]));
        return false;
      }
      throw err;
    }
  }
  get failed() {
    return this.foreign.size > 0 || this.closed.length > 0;
  }
  throwIfAny(problems: ProblemList) {
    if (this.foreign.size) {
      const regions = [...this.foreign].sort();
      throw new AppError(
        403,
        'forbidden',
        `You may not import data of other regions: ${regions.join(', ')}`,
        regions.map((r) => ({ rule: 'foreign_region', column: 'region', value: r })),
      );
    }
    problems.throwIfAny();
    if (this.closed.length) {
      const list = this.closed.map((c) => `${c.region} ${c.period} (${c.status})`).join(', ');
      throw conflict(
        `Submissions already closed, their data can no longer be changed: ${list}`,
        this.closed,
        'submission_closed',
      );
    }
  }
}

async function importInTransaction(
  tx: BulkTx,
  info: FileInfo,
  opts: ImportOptions,
): Promise<Omit<ImportResult, 'ok' | 'kind' | 'alreadyImported' | 'dryRun' | 'fileType' | 'encoding'>> {
  const ref = await loadReferenceSnapshot(tx.db);
  const importId = await startBatch(tx.db, info, opts);
  const counts: Counts =
    opts.kind === 'activities'
      ? await importActivities(tx, info, opts, ref, importId)
      : await importSmallKind(tx, info, opts, ref, importId);
  await finishBatch(tx, opts, info, counts);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Activities: streamed, bulk-written.

const ACTIVITY_DATA = [
  'period',
  'organization_id',
  'title',
  'area',
  'format',
  'kind',
  'start_date',
  'end_date',
  'volunteers',
  'hours',
  'child',
  'inclusive',
  'corporate',
  'international',
  'silver',
  'probono',
  'general',
  'rfo_support',
  'beneficiaries',
  'excluded',
  'external_id',
  'notes',
] as const;
const ACTIVITY_INSERT = [
  'region',
  'row_key',
  ...ACTIVITY_DATA,
  'import_id',
  'created_at',
  'updated_at',
] as const;

function upsertSql(dialect: 'sqlite' | 'postgres', source: string): string {
  const distinct = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  return (
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) ${source} ` +
    `ON CONFLICT (region, row_key) DO UPDATE SET ${ACTIVITY_DATA.map((c) => `${c} = excluded.${c}`).join(', ')}, ` +
    'import_id = excluded.import_id, version = activity.version + 1, updated_at = excluded.updated_at ' +
    `WHERE ${ACTIVITY_DATA.map((c) => `activity.${c} ${distinct} excluded.${c}`).join(' OR ')} RETURNING version`
  );
}

/** A fast 53-bit string hash (cyrb53): row keys need spread, not secrecy. */
export function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The normalised content of an activity row: what makes two rows "the same row". */
export function activityContent(v: ActivityInput, normalize = normalizeName): string {
  return [
    v.region,
    v.period,
    v.organization_type,
    normalize(v.organization),
    v.title,
    v.area,
    v.format,
    v.kind,
    v.start_date,
    v.end_date,
    v.volunteers,
    v.hours,
    v.child,
    v.inclusive,
    v.corporate,
    v.international,
    v.silver,
    v.probono,
    v.general,
    v.rfo_support,
    v.beneficiaries,
    v.excluded,
    v.notes,
  ].join('\u0001');
}

/**
 * hash53(str) and hash53(str, 0x9e3779b9) in one pass over the string: the same two numbers as the
 * two calls (so rows imported before keep their keys), at half the cost.
 */
export function hash53Pair(str: string): [number, number] {
  let a1 = 0xdeadbeef;
  let a2 = 0x41c6ce57;
  let b1 = 0xdeadbeef ^ 0x9e3779b9;
  let b2 = 0x41c6ce57 ^ 0x9e3779b9;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  a1 = Math.imul(a1 ^ (a1 >>> 16), 2246822507) ^ Math.imul(a2 ^ (a2 >>> 13), 3266489909);
  a2 = Math.imul(a2 ^ (a2 >>> 16), 2246822507) ^ Math.imul(a1 ^ (a1 >>> 13), 3266489909);
  b1 = Math.imul(b1 ^ (b1 >>> 16), 2246822507) ^ Math.imul(b2 ^ (b2 >>> 13), 3266489909);
  b2 = Math.imul(b2 ^ (b2 >>> 16), 2246822507) ^ Math.imul(b1 ^ (b1 >>> 13), 3266489909);
  return [4294967296 * (2097151 & a2) + (a1 >>> 0), 4294967296 * (2097151 & b2) + (b1 >>> 0)];
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** "00" … "zz": two base-36 digits at a time. */
const PAIRS36 = Array.from(
  { length: 36 * 36 },
  (_, i) => (DIGITS36[Math.floor(i / 36)] as string) + (DIGITS36[i % 36] as string),
);
/** n.toString(36) of a whole number below 2^53, without V8's generic double-to-radix conversion. */
export function base36(n: number): string {
  if (n < 36) return DIGITS36[n] as string;
  let s = '';
  while (n >= 1296) {
    const r = n % 1296;
    s = (PAIRS36[r] as string) + s;
    n = (n - r) / 1296; // exact: n - r is a multiple of 1296
  }
  return (n < 36 ? DIGITS36[n] : PAIRS36[n]) + s;
}

/** A file names the same few organisations over and over: normalise each name once. */
function memoize(fn: (s: string) => string, max = 50_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear(); // a file of all-different names stays bounded
      v = fn(s);
      cache.set(detach(s), v);
    }
    return v;
  };
}

/**
 * How many times each 53-bit hash was seen, in an open-addressing table of typed arrays: a million
 * rows' hashes take 24 MB outside the JavaScript heap instead of 40 MB of Map entries inside it
 * (which also made the garbage collector let the heap grow further).
 */
export class HashCounter {
  private keys = new Float64Array(1024).fill(-1);
  private counts = new Uint32Array(1024);
  private size = 0;
  /** Counts one more `h` (a whole number, 0 ≤ h < 2^53) and returns its count. */
  add(h: number): number {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = (h >>> 0) & mask; // the low bits of a hash are spread enough
    for (;;) {
      const k = this.keys[i] as number;
      if (k === h) {
        const n = (this.counts[i] as number) + 1;
        this.counts[i] = n;
        return n;
      }
      if (k === -1) {
        this.keys[i] = h;
        this.counts[i] = 1;
        this.size++;
        return 1;
      }
      i = (i + 1) & mask;
    }
  }
  private grow() {
    const { keys, counts } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.counts = new Uint32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const h = keys[j] as number;
      if (h === -1) continue;
      let i = (h >>> 0) & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = h;
      this.counts[i] = counts[j] as number;
    }
  }
}

/**
 * A copy of `s` that does not keep its source alive. The CSV parser's cells are slices of the text
 * of a whole 256 KB chunk; a cell (or a string built from one) kept in a Map for the rest of the
 * import kept every such chunk: a million-row file re-imported with external ids held ~900 MB.
 * The concatenation is flattened into a fresh string before the slice.
 */
export const detach = (s: string): string => ` ${s}`.slice(1);

/**
 * The first row each key (region|external id) was seen on, by the key's two 53-bit hashes in
 * typed arrays: 24 bytes a key off the JavaScript heap, and no string kept. Two different keys
 * with both hashes equal (about 2^-106 for a pair) would be reported as a duplicate.
 */
export class FirstRows {
  private h1 = new Float64Array(1024).fill(-1);
  private h2 = new Float64Array(1024);
  private rows = new Float64Array(1024);
  private size = 0;
  /** The row `key` was first seen on; undefined the first time (and `row` is remembered). */
  firstOrSet(key: string, row: number): number | undefined {
    if (this.size * 2 >= this.h1.length) this.grow();
    const [a, b] = hash53Pair(key);
    const mask = this.h1.length - 1;
    let i = (a >>> 0) & mask;
    for (;;) {
      const k = this.h1[i] as number;
      if (k === -1) {
        this.h1[i] = a;
        this.h2[i] = b;
        this.rows[i] = row;
        this.size++;
        return undefined;
      }
      if (k === a && this.h2[i] === b) return this.rows[i] as number;
      i = (i + 1) & mask;
    }
  }
  private grow() {
    const { h1, h2, rows } = this;
    this.h1 = new Float64Array(h1.length * 2).fill(-1);
    this.h2 = new Float64Array(h1.length * 2);
    this.rows = new Float64Array(h1.length * 2);
    const mask = this.h1.length - 1;
    for (let j = 0; j < h1.length; j++) {
      const a = h1[j] as number;
      if (a === -1) continue;
      let i = (a >>> 0) & mask;
      while (this.h1[i] !== -1) i = (i + 1) & mask;
      this.h1[i] = a;
      this.h2[i] = h2[j] as number;
      this.rows[i] = rows[j] as number;
    }
  }
}

/** Row keys: the external id when given, else a content hash plus the occurrence number in the file. */
export class RowKeys {
  private readonly seen = new HashCounter();
  key(content: string): string {
    const [h1, h2] = hash53Pair(content);
    return `h:${base36(h1)}${base36(h2)}:${this.seen.add(h1)}`;
  }
}

// Ids the system gives rows entered through the form; exported as external_id so that they come
// back to the same row.
const SYSTEM_KEY = /^(api|h):/;

async function importActivities(
  tx: BulkTx,
  info: FileInfo,
  opts: ImportOptions,
  ref: ReferenceSnapshot,
  importId: number,
): Promise<Counts> {
  const problems = new ProblemList();
  const guard = new ScopeGuard(opts.user, !!opts.allowClosed);
  const keys = new RowKeys();
  const validator = new ActivityValidator(ref);
  const orgName = memoize(normalizeName);
  const externalIds = new FirstRows(); // region|external_id → row
  const orgIds = new OrgIds(); // region, type, name as typed → id
  const partitions = new Map<string, Partition>();
  const now = new Date().toISOString();
  const counts: Counts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, importId, parts: new PartTally() };
  const writer = tx.sqlite ? sqliteActivityWriter(tx, now, importId) : pgActivityWriter(tx, now, importId);
  let done = 0;

  await forEachRecord(info, 'activities', async (records) => {
    const valid: WriteRow[] = [];
    for (const { row, raw, problems: shape } of records) {
      if (shape) {
        problems.add(shape);
        continue;
      }
      const { value, problems: ps } = validator.validate(raw, row);
      if (!value) {
        problems.add(ps);
        continue;
      }
      guard.region(value.region);
      let key: string;
      if (value.external_id) {
        const first = externalIds.firstOrSet(`${value.region}|${value.external_id}`, row);
        if (first !== undefined) {
          problems.add([
            {
              row,
              column: 'external_id',
              value: value.external_id,
              rule: 'duplicate_external_id',
              message: `external_id ${value.external_id} is also on row ${first}`,
            },
          ]);
          continue;
        }
        key = value.external_id;
        if (SYSTEM_KEY.test(key)) value.external_id = null;
      } else key = keys.key(activityContent(value, orgName));
      valid.push({ v: value, key, orgId: orgIds.get(value) });
    }
    done += records.length;
    opts.progress?.(done);
    if (problems.count > 0 || guard.failed || valid.length === 0) return;

    // Organisations of the chunk, resolved in bulk, remembered across chunks.
    const missing = [];
    for (const { v, orgId } of valid) {
      if (orgId === 0)
        missing.push({
          name: v.organization,
          type: v.organization_type,
          region: v.region,
          bin: v.organization_bin,
        });
    }
    if (missing.length) {
      const ids = await findOrCreateOrganizations(tx.db, missing);
      for (const o of missing) orgIds.set(o.region, o.type, o.name, ids.get(organizationKey(o)) as number);
    }
    let lastRegion = '';
    let lastPeriod = '';
    for (const { v } of valid) {
      if (v.region === lastRegion && v.period === lastPeriod) continue;
      lastRegion = v.region;
      lastPeriod = v.period;
      const pk = `${v.region}|${v.period}`;
      if (!partitions.has(pk)) {
        partitions.set(pk, { region: v.region, period: v.period });
        if (!(await guard.partition(tx.db, v.region, v.period))) return;
      }
    }
    if (guard.failed) return;
    for (const r of valid) if (r.orgId === 0) r.orgId = orgIds.get(r.v);
    const rows = valid;
    const r = await writer.write(rows, counts.parts);
    counts.inserted += r.inserted;
    counts.updated += r.updated;
    counts.unchanged += rows.length - r.inserted - r.updated;
    for (const p of r.moved) partitions.set(`${p.region}|${p.period}`, p);
  });
  counts.rows = done;
  guard.throwIfAny(problems);
  await refreshAggregates(tx.db, partitions.values());
  return counts;
}

interface WriteRow {
  v: ActivityInput;
  key: string;
  /** 0 until the organisation is looked up or created. */
  orgId: number;
}

/**
 * Organisation ids by region, type and name as typed (ids start at 1; 0 is "not known yet"):
 * nested maps, so that a row's lookup builds no key string.
 */
class OrgIds {
  private readonly byRegion = new Map<string, Map<string, Map<string, number>>>();
  get(v: ActivityInput): number {
    return this.byRegion.get(v.region)?.get(v.organization_type)?.get(v.organization) ?? 0;
  }
  set(region: string, type: string, name: string, id: number): void {
    let types = this.byRegion.get(region);
    if (!types) {
      types = new Map();
      this.byRegion.set(detach(region), types);
    }
    let names = types.get(type);
    if (!names) {
      names = new Map();
      types.set(detach(type), names);
    }
    names.set(detach(name), id);
  }
}
interface ActivityWriter {
  /** Writes the rows and adds their counts to `parts` (rows, inserted, updated, unchanged, moved out). */
  write(
    rows: WriteRow[],
    parts: PartTally,
  ): Promise<{ inserted: number; updated: number; moved: Partition[] }>;
}

function values(r: WriteRow, importId: number, now: string): unknown[] {
  return fillValues(new Array(ACTIVITY_INSERT.length), r, importId, now);
}

/** The values in ACTIVITY_INSERT order, written into `out` (on SQLite one array serves every row). */
function fillValues(out: unknown[], r: WriteRow, importId: number, now: string): unknown[] {
  const v = r.v;
  out[0] = v.region;
  out[1] = r.key;
  out[2] = v.period;
  out[3] = r.orgId;
  out[4] = v.title;
  out[5] = v.area;
  out[6] = v.format;
  out[7] = v.kind;
  out[8] = v.start_date;
  out[9] = v.end_date;
  out[10] = v.volunteers;
  out[11] = v.hours;
  out[12] = v.child;
  out[13] = v.inclusive;
  out[14] = v.corporate;
  out[15] = v.international;
  out[16] = v.silver;
  out[17] = v.probono;
  out[18] = v.general;
  out[19] = v.rfo_support;
  out[20] = v.beneficiaries;
  out[21] = v.excluded;
  out[22] = v.external_id;
  out[23] = v.notes;
  out[24] = importId;
  out[25] = now;
  out[26] = now;
  return out;
}

function sqliteActivityWriter(tx: BulkTx, now: string, importId: number): ActivityWriter {
  const sqlite = tx.sqlite as NonNullable<BulkTx['sqlite']>;
  const params = ACTIVITY_INSERT.map(() => '?').join(', ');
  // A new row (the common case of a bulk load) costs one plain insert; only a row whose key is
  // already stored goes on to the compare-and-update upsert.
  const insert = sqlite.prepare(
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) VALUES (${params}) ON CONFLICT (region, row_key) DO NOTHING`,
  );
  const upsert = sqlite.prepare(upsertSql('sqlite', `VALUES (${params})`)).pluck();
  const oldPeriod = sqlite.prepare('SELECT period FROM activity WHERE region = ? AND row_key = ?').pluck();
  return {
    async write(rows, parts) {
      let inserted = 0;
      let updated = 0;
      const moved: Partition[] = [];
      const row: unknown[] = new Array(ACTIVITY_INSERT.length);
      for (const r of rows) {
        fillValues(row, r, importId, now);
        const part = parts.get(r.v.region, r.v.period);
        part.rows++;
        if (insert.run(row).changes === 1) {
          inserted++;
          part.inserted++;
          continue;
        }
        // Only rows keyed by an external id can move to another month (a content key includes it).
        if (!r.key.startsWith('h:')) {
          const before = oldPeriod.get(r.v.region, r.key) as string | undefined;
          if (before !== undefined && before !== r.v.period) {
            moved.push({ region: r.v.region, period: before });
            parts.get(r.v.region, before).movedOut++;
          }
        }
        // The upsert returns the new version when the row changed, nothing when it was the same.
        if (upsert.get(row) !== undefined) {
          updated++;
          part.updated++;
        }
      }
      return { inserted, updated, moved };
    },
  };
}

function pgActivityWriter(tx: BulkTx, now: string, importId: number): ActivityWriter {
  const client = tx.pg as NonNullable<BulkTx['pg']>;
  let created = false;
  return {
    async write(rows, parts) {
      if (!created) {
        await client.query(
          `CREATE TEMP TABLE _import_activity ON COMMIT DROP AS SELECT ${ACTIVITY_INSERT.join(', ')} FROM activity WITH NO DATA`,
        );
        created = true;
      }
      await copyRows(
        client,
        '_import_activity',
        [...ACTIVITY_INSERT],
        rows.map((r) => values(r, importId, now)),
      );
      const moved = await client.query<{ region: string; period: string; n: number }>(
        'SELECT a.region, a.period, count(*)::int AS n FROM activity a JOIN _import_activity t ON a.region = t.region AND a.row_key = t.row_key WHERE a.period <> t.period GROUP BY a.region, a.period',
      );
      const res = await client.query<{ region: string; period: string; inserted: number; changed: number }>(
        `WITH up AS (${upsertSql('postgres', `SELECT ${ACTIVITY_INSERT.join(', ')} FROM _import_activity`)}, region, period) ` +
          'SELECT region, period, count(*) FILTER (WHERE version = 1)::int AS inserted, count(*)::int AS changed FROM up GROUP BY region, period',
      );
      await client.query('TRUNCATE _import_activity');
      for (const r of rows) parts.get(r.v.region, r.v.period).rows++;
      let inserted = 0;
      let updated = 0;
      for (const r of res.rows) {
        const part = parts.get(r.region, r.period);
        part.inserted += r.inserted;
        part.updated += r.changed - r.inserted;
        inserted += r.inserted;
        updated += r.changed - r.inserted;
      }
      for (const m of moved.rows) parts.get(m.region, m.period).movedOut += m.n;
      return { inserted, updated, moved: moved.rows.map((m) => ({ region: m.region, period: m.period })) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The smaller kinds: validated in full (files of a few thousand rows), then upserted row by row.

interface SmallKind {
  validate(
    raw: Record<string, unknown>,
    ref: ReferenceSnapshot,
    row: number,
  ): { value: Record<string, unknown> | null; problems: Problem[] };
  table: keyof DB;
  key: string[];
  /** Columns compared to tell an unchanged row from an updated one. */
  compare: string[];
  /** Extra columns written on insert only / on every write. */
  onInsert?: (now: string) => Record<string, unknown>;
  onWrite?: (now: string) => Record<string, unknown>;
  /** Monthly data: scope and submission lock by region and period. */
  partitioned?: boolean;
  /** Kinds keyed by external id or content hash. */
  rowKey?: (v: Record<string, unknown>) => string[];
}

const SMALL_KINDS: Record<Exclude<ImportKind, 'activities'>, SmallKind> = {
  volunteers: {
    validate: (raw, ref, row) => validateVolunteerStat(raw, ref, row) as never,
    table: 'volunteer_stat',
    key: ['region', 'period', 'dimension', 'category'],
    compare: ['volunteers', 'illustrative'],
    onWrite: (now) => ({ illustrative: 0, updated_at: now }),
    partitioned: true,
  },
  organizations: {
    validate: (raw, ref, row) => validateOrgCount(raw, ref, row) as never,
    table: 'org_count',
    key: ['region', 'period'],
    compare: ['npo', 'initiative_groups', 'illustrative'],
    onWrite: (now) => ({ illustrative: 0, updated_at: now }),
    partitioned: true,
  },
  appeals: {
    validate: (raw, ref, row) => validateAppeal(raw, ref, row) as never,
    table: 'appeal',
    key: ['row_key'],
    compare: [
      'received_at',
      'channel',
      'gender',
      'region',
      'country',
      'topic',
      'related',
      'status',
      'first_response_at',
      'resolved_at',
      'external_id',
    ],
    onInsert: () => ({ illustrative: 0 }),
    rowKey: (v) =>
      [
        v.received_at,
        v.channel,
        v.gender,
        v.region,
        v.country,
        v.topic,
        v.related,
        v.status,
        v.first_response_at,
        v.resolved_at,
      ].map(String),
  },
  population: {
    validate: (raw, ref, row) => validatePopulation(raw, ref, row) as never,
    table: 'population',
    key: ['region', 'year'],
    compare: ['population'],
    onInsert: () => ({ source: 'import' }),
  },
  wages: {
    validate: (raw, ref, row) => validateWage(raw, ref, row) as never,
    table: 'wage',
    key: ['region', 'activity', 'year'],
    compare: ['monthly_wage_kzt', 'source'],
  },
  'working-time': {
    validate: (raw, ref, row) => validateWorkingTime(raw, ref, row) as never,
    table: 'working_time',
    key: ['year'],
    compare: ['monthly_hours', 'annual_hours', 'source'],
  },
  unaccounted: {
    validate: (raw, ref, row) => validateUnaccounted(raw, ref, row) as never,
    table: 'unaccounted_hours',
    key: ['row_key'],
    compare: ['year', 'source', 'area', 'volunteers', 'hours', 'note'],
    rowKey: (v) => [v.year, v.source, v.area, v.volunteers, v.hours, v.note].map(String),
  },
};

const same = (a: unknown, b: unknown) =>
  (a === null || a === undefined ? null : typeof a === 'number' ? a : String(a)) ===
  (b === null || b === undefined ? null : typeof b === 'number' ? b : String(b));

async function importSmallKind(
  tx: BulkTx,
  info: FileInfo,
  opts: ImportOptions,
  ref: ReferenceSnapshot,
  importId: number,
): Promise<Counts> {
  const spec = SMALL_KINDS[opts.kind as Exclude<ImportKind, 'activities'>];
  const problems = new ProblemList();
  const guard = new ScopeGuard(opts.user, !!opts.allowClosed);
  const rows: { row: number; value: Record<string, unknown> }[] = [];
  const keys = new RowKeys();
  const seenKeys = new Map<string, number>();
  await forEachRecord(info, opts.kind, async (records) => {
    for (const { row, raw, problems: shape } of records) {
      if (shape) {
        problems.add(shape);
        continue;
      }
      const { value, problems: ps } = spec.validate(raw, ref, row);
      if (!value) {
        problems.add(ps);
        continue;
      }
      if (spec.rowKey) {
        const ext = value.external_id as string | null | undefined;
        value.row_key = ext ? ext : keys.key(spec.rowKey(value).join('\u0001'));
      }
      if (spec.partitioned) guard.region(value.region as string);
      const k = spec.key.map((c) => String(value[c])).join('|');
      const first = seenKeys.get(k);
      if (first !== undefined && opts.kind !== 'volunteers') {
        problems.add([
          {
            row,
            column: spec.key.join(','),
            value: k,
            rule: 'duplicate',
            message: `the same ${spec.key.join(', ')} as row ${first}`,
          },
        ]);
        continue;
      }
      seenKeys.set(k, row);
      rows.push({ row, value });
    }
    opts.progress?.(rows.length);
  });
  if (opts.kind === 'volunteers') problems.add(checkVolunteerSums(rows as never, ref));
  guard.throwIfAny(problems);
  if (spec.partitioned) {
    for (const r of rows) await guard.partition(tx.db, r.value.region as string, r.value.period as string);
    guard.throwIfAny(problems);
  }

  const db = tx.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const now = new Date().toISOString();
  const counts: Counts = {
    rows: rows.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    importId,
    parts: new PartTally(),
  };
  const table = spec.table as string;
  for (const { value } of rows) {
    const part = counts.parts.get(
      typeof value.region === 'string' ? value.region : null,
      value.period != null ? String(value.period) : value.year != null ? String(value.year) : null,
    );
    part.rows++;
    let q = db.selectFrom(table).selectAll();
    for (const c of spec.key) q = q.where(c, '=', value[c]);
    const existing = await q.executeTakeFirst();
    const data: Record<string, unknown> = {};
    for (const c of [...spec.key, ...spec.compare]) if (c in value) data[c] = value[c];
    const extra = spec.onWrite?.(now) ?? {};
    if (!existing) {
      await db
        .insertInto(table)
        .values({ ...data, ...(spec.onInsert?.(now) ?? {}), ...extra })
        .execute();
      counts.inserted++;
      part.inserted++;
    } else if (spec.compare.some((c) => !same(existing[c], c in extra ? extra[c] : value[c]))) {
      let u = db.updateTable(table).set({ ...data, ...extra });
      for (const c of spec.key) u = u.where(c, '=', value[c]);
      await u.execute();
      counts.updated++;
      part.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
