// Writing a table in the exchange formats of FORMATS.md, the way the importer reads them back:
// CSV (RFC 4180; `,` or `;`; UTF-8 with BOM or Windows-1251; a decimal comma with `;`, as Excel with
// a Russian or Kazakh locale writes it) or .xlsx (one sheet, numbers as numbers, text as text).
// CSV text cells that start with = + - @ tab or CR are guarded with a leading `'` (formula-guard.ts);
// .xlsx text cells are plain string cells (t="str" with a value and no <f>), never formulas.
// Rows are written as they come and the output stream's backpressure is respected, so a million
// rows never sit in memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DataValidation, Worksheet } from 'exceljs';
import iconv from 'iconv-lite';
import { validationFailed } from '../../lib/errors.ts';
import { exceljs } from '../../lib/heavy-modules.ts';
import { guardFormula } from './formula-guard.ts';

export type Cell = string | number | null;
export type ExportFormat = 'csv' | 'xlsx';
export type ExportEncoding = 'utf-8' | 'windows-1251';
export type ExportDelimiter = 'comma' | 'semicolon';

export interface TableFormat {
  format: ExportFormat;
  encoding: ExportEncoding;
  delimiter: ExportDelimiter;
}

export interface TableWriter {
  /** Writes rows; resolves when the output can take more. */
  write(rows: Cell[][]): Promise<void>;
  /** Flushes everything; the output stream is ended. */
  finish(): Promise<void>;
}

/** An .xlsx sheet holds 1,048,576 rows, the header included. */
export const XLSX_MAX_ROWS = 1_048_576;

// Windows-1251 has no ә ғ қ ң ө ұ ү һ: Kazakh text cannot be written in it without loss.
const CP1251 = new Set(iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'win1251'));
CP1251.delete('\uFFFD');
const NON_ASCII = /[\u0080-\uffff]/;

/** The characters of `s` that Windows-1251 cannot hold, or null when it can hold them all. */
export function unencodableIn1251(s: string): string | null {
  if (!NON_ASCII.test(s)) return null;
  let bad = '';
  for (const ch of s) if (!CP1251.has(ch) && !bad.includes(ch)) bad += ch;
  return bad || null;
}

/** Numbers as the importer parses them: no exponent, no thousands separator; a decimal comma with `;`. */
function csvNumber(n: number, decimalComma: boolean): string {
  let s = String(n);
  if (s.includes('e')) s = n.toFixed(12).replace(/\.?0+$/, '');
  return decimalComma ? s.replace('.', ',') : s;
}

/**
 * A drop-down list on a column of the data sheet (a template's coded column): its values are the
 * `pick` column of a block of two columns (code, label) on a second sheet of codes and labels.
 */
export interface DropDown {
  /** The data sheet's column, 0-based. */
  column: number;
  /** The block's two titles: the code's and the label's. */
  titles: [string, string];
  rows: [string, string][];
  /** Which of the two the cell takes: 0 the code, 1 the label. */
  pick: 0 | 1;
  /** A list cell (`a|b`): Excel only informs about a value off the list instead of warning. */
  multi?: boolean;
}

export interface CodeSheet {
  name: string;
  dropDowns: DropDown[];
}

/** Rows of the data sheet that get the drop-downs: a month's records and then some. */
export const DROPDOWN_ROWS = 5000;

export function openTableWriter(
  out: Writable,
  format: TableFormat,
  header: string[],
  sheetName: string,
  codeSheet?: CodeSheet,
): TableWriter {
  return format.format === 'xlsx'
    ? xlsxWriter(out, header, sheetName, codeSheet)
    : csvWriter(out, format, header);
}

/** A column's letters: 0 → A, 26 → AA. */
export function columnLetters(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function csvWriter(out: Writable, format: TableFormat, header: string[]): TableWriter {
  const delim = format.delimiter === 'semicolon' ? ';' : ',';
  const decimalComma = delim === ';';
  const cp1251 = format.encoding === 'windows-1251';
  const needsQuotes = new RegExp(`["\\r\\n${delim}]`);
  const quote = (s: string) => (needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let rowNo = 1;
  const problems: { row: number; column: string; value: string; rule: string; message: string }[] = [];
  let unencodable = 0;
  let firstBad = '';

  const cellText = (c: Cell, col: number): string => {
    if (c === null) return '';
    if (typeof c === 'number') return csvNumber(c, decimalComma);
    if (cp1251) {
      const bad = unencodableIn1251(c);
      if (bad && unencodable === 0) firstBad = bad;
      if (bad && unencodable++ < 100)
        problems.push({
          row: rowNo,
          column: header[col] ?? String(col),
          value: c,
          rule: 'not_in_windows_1251',
          message: `"${bad}" cannot be written in Windows-1251; export in UTF-8`,
        });
    }
    // A text cell a spreadsheet would run as a formula gets a leading `'` (formula-guard.ts).
    return quote(guardFormula(c));
  };
  const emit = async (text: string) => {
    const bytes = cp1251 ? iconv.encode(text, 'win1251') : Buffer.from(text, 'utf8');
    if (!out.write(bytes)) await once(out, 'drain');
  };
  const line = (cells: Cell[]) => cells.map(cellText).join(delim);

  // The BOM tells Excel the file is UTF-8; Windows-1251 is what it assumes without one.
  const first = `${cp1251 ? '' : '\uFEFF'}${header.map((h, i) => cellText(h, i)).join(delim)}\r\n`;
  let started: Promise<void> | null = null;
  // The message names the first cell, its value and the letters; details list up to 100 cells.
  const check = () => {
    const p = problems[0];
    if (!p) return;
    const value = p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value;
    const more = problems.length > 1 ? ` (${problems.length - 1} more listed in details)` : '';
    throw validationFailed(
      `Windows-1251 cannot hold Kazakh letters: row ${p.row}, column ${p.column}, value "${value}" has "${firstBad}"${more}. Export in UTF-8 instead`,
      problems,
    );
  };
  return {
    async write(rows) {
      if (!started) started = emit(first);
      await started;
      const parts: string[] = [];
      for (const r of rows) {
        rowNo++;
        parts.push(line(r));
      }
      check();
      if (parts.length) await emit(`${parts.join('\r\n')}\r\n`);
    },
    async finish() {
      if (!started) started = emit(first);
      await started;
      check();
      out.end();
      await once(out, 'finish');
    },
  };
}

function xlsxWriter(out: Writable, header: string[], sheetName: string, codeSheet?: CodeSheet): TableWriter {
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h) => ({ width: Math.min(40, Math.max(10, h.length + 2)) }));
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.commit();
  // The drop-downs point at the codes sheet, written after the data sheet (finish()). The
  // streaming sheet has the validations of the whole-sheet one, though its types do not say so.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } })
    .dataValidations;
  for (const [i, d] of (codeSheet?.dropDowns ?? []).entries()) {
    const col = columnLetters(d.column);
    const source = columnLetters(3 * i + d.pick);
    const name = codeSheet?.name.replace(/'/g, "''");
    validations.add(`${col}2:${col}${DROPDOWN_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${name}'!$${source}$2:$${source}$${d.rows.length + 1}`],
      showErrorMessage: true,
      errorStyle: d.multi ? 'information' : 'warning',
      error: d.rows
        .slice(0, 10)
        .map((r) => r[d.pick])
        .join(', '),
    });
  }
  let rows = 1;
  return {
    async write(batch) {
      if (rows + batch.length > XLSX_MAX_ROWS)
        throw validationFailed(
          `More than ${XLSX_MAX_ROWS - 1} rows do not fit on an .xlsx sheet; export as CSV instead`,
          [
            {
              rule: 'xlsx_too_many_rows',
              value: rows + batch.length - 1,
              message: 'too many rows for .xlsx',
            },
          ],
        );
      // Blank cells stay empty (null = not reported), never 0.
      for (const r of batch) ws.addRow(r.map((c) => (c === null ? undefined : c))).commit();
      rows += batch.length;
      // Let the zip stream drain before the next batch.
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async finish() {
      ws.commit();
      if (codeSheet) writeCodeSheet(wb, codeSheet);
      await wb.commit();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}

/** The sheet of codes and labels: a block of two columns per coded column, a blank column between. */
function writeCodeSheet(wb: { addWorksheet(name: string): Worksheet }, sheet: CodeSheet): void {
  const ws = wb.addWorksheet(sheet.name);
  const height = Math.max(0, ...sheet.dropDowns.map((d) => d.rows.length));
  ws.columns = sheet.dropDowns.flatMap((d) => [
    { width: Math.min(30, Math.max(12, ...d.rows.map((r) => r[0].length + 2))) },
    { width: Math.min(60, Math.max(12, ...d.rows.map((r) => r[1].length + 2))) },
    { width: 3 },
  ]);
  const head = ws.addRow(sheet.dropDowns.flatMap((d) => [...d.titles, undefined]));
  head.font = { bold: true };
  head.commit();
  for (let r = 0; r < height; r++)
    ws.addRow(sheet.dropDowns.flatMap((d) => [...(d.rows[r] ?? [undefined, undefined]), undefined])).commit();
  ws.commit();
}
