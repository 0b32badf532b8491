// The records of a file: its header row matched to the kind's columns (FORMATS.md), then each data
// row as an object keyed by column code, or the problems of its shape (cells without a header, a
// delimiter other than the header's). What is wrong with the header stops the import at once.
// Reading, decoding and parsing run on a worker thread (reader-thread.ts): a 50 MB file parsed on
// the main thread held the server's event loop for seconds.
import type { Problem } from '../../domain/activity-rules.ts';
import { type AppError, badRequest, type ErrorDetail, validationFailed } from '../../lib/errors.ts';
import { unguardFormula } from '../exports/formula-guard.ts';
import { type HeaderProblems, type ImportKind, isColumnName, KIND_COLUMNS, mapHeader } from './headers.ts';
import { pause } from './pauses.ts';
import { type FileInfo, type Row, readRows } from './reader.ts';
import { readInWorker } from './reader-thread.ts';

export interface FileRecord {
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

/** Where each of the kind's columns is in the file, read from its header row. */
interface Layout {
  header: string[];
  /** Kind column codes and, at the same index, their file column. */
  codes: string[];
  at: number[];
  /** File columns whose header cell is blank: a value under one would be silently lost. */
  unnamed: number[];
  dateColumns: string[];
  xlsx: boolean;
}

/** Records per chunk: the importer writes a chunk in one go (synchronously, on SQLite), so it stays short. */
const CHUNK_ROWS = 1000;
/**
 * Reads the header, then hands each data row to `onBatch` as an object keyed by column code, in
 * chunks; the file is read on a worker thread (reader-thread.ts), a few chunks ahead. Returns the
 * number of records.
 */
export async function forEachRecord(
  info: FileInfo,
  kind: ImportKind,
  onBatch: (rows: FileRecord[]) => Promise<void>,
): Promise<number> {
  let total = 0;
  for await (const records of readInWorker(info, kind)) {
    total += records.length;
    await onBatch(records);
    // Without it the chunks already read would be written one after another (see pauses.ts).
    await pause();
  }
  return total;
}

/** The records of the file in chunks, read on this thread: the worker's side of forEachRecord. */
export async function* recordChunks(info: FileInfo, kind: ImportKind): AsyncGenerator<FileRecord[]> {
  let layout: Layout | null = null;
  let total = 0;
  for await (const batch of readRows(info)) {
    let rows: Row[] = batch;
    if (!layout) {
      layout = readHeader(kind, rows[0] as Row, info.type === 'xlsx');
      rows = rows.slice(1);
    }
    const l = layout;
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const records = rows.slice(i, i + CHUNK_ROWS).map((r) => toRecord(l, r));
      total += records.length;
      yield records;
    }
  }
  if (!layout) throw badRequest('The file is empty', [], 'empty_file');
  if (total === 0) throw badRequest('The file has a header but no data rows', [], 'no_rows');
}

function readHeader(kind: ImportKind, row: Row, xlsx: boolean): Layout {
  const header = row.cells.map((c) => String(c ?? ''));
  const mapped = mapHeader(kind, header);
  if (!mapped.map) throw headerProblems(kind, row.row, header, mapped.problems);
  const pairs = Object.entries(mapped.map.indexOf).filter(([, i]) => i >= 0);
  return {
    header,
    codes: pairs.map(([code]) => code),
    at: pairs.map(([, i]) => i),
    unnamed: header.flatMap((h, i) => (h.trim() === '' ? [i] : [])),
    dateColumns: DATE_COLUMNS.filter((c) => pairs.some(([code]) => code === c)),
    xlsx,
  };
}

function toRecord(l: Layout, r: Row): FileRecord {
  const cells = r.cells;
  if (cells.length > l.header.length || l.unnamed.length) {
    const problems = shapeProblems(r, l.header.length, l.unnamed);
    if (problems.length) return { row: r.row, raw: {}, problems };
  } else if (
    cells.length === 1 &&
    l.header.length > 2 &&
    typeof cells[0] === 'string' &&
    /[,;\t]/.test(cells[0])
  ) {
    const cell = cells[0];
    return {
      row: r.row,
      raw: {},
      problems: [
        {
          row: r.row,
          column: l.header[0],
          value: cell.length > 60 ? `${cell.slice(0, 60)}…` : cell,
          rule: 'wrong_delimiter',
          message: `The row is a single cell: its columns are separated by another character than the header's`,
        },
      ],
    };
  }
  const raw: Record<string, unknown> = {};
  // A CSV export guards text a spreadsheet would run with a leading `'`: removed here (not in .xlsx).
  for (let k = 0; k < l.codes.length; k++) {
    const cell = cells[l.at[k] as number];
    raw[l.codes[k] as string] = l.xlsx ? cell : unguardFormula(cell);
  }
  if (l.xlsx) for (const c of l.dateColumns) raw[c] = fromSerial(raw[c]);
  return { row: r.row, raw };
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
