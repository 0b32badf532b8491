// Reading an uploaded table: CSV (RFC 4180; `,` or `;`; UTF-8 with or without BOM, or Windows-1251)
// or .xlsx (first sheet), told apart by content, not by name. Everything is streamed: a million-row
// file is never held in memory as one string. The first pass (inspectFile) hashes the file, checks
// its encoding and refuses binary junk, empty files and zip bombs before any parsing starts.

import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { badRequest } from '../../lib/errors.ts';
import { exceljs } from '../../lib/heavy-modules.ts';

export type FileType = 'csv' | 'xlsx';
export type Encoding = 'utf-8' | 'windows-1251';

export interface FileInfo {
  path: string;
  size: number;
  sha256: string;
  type: FileType;
  encoding: Encoding | null; // null for .xlsx
  bom: boolean;
}

export interface Row {
  /** Row number as in the file: 1 is the header. */
  row: number;
  cells: unknown[];
}

export const ZIP_LIMITS = {
  /** Total uncompressed size of all entries of an .xlsx. */
  maxUncompressed: 1024 * 1024 * 1024,
  /** Compression ratio above which a large entry is taken for a zip bomb. */
  maxRatio: 200,
  /** Shared strings are held in memory while the sheet is read. */
  maxSharedStrings: 256 * 1024 * 1024,
  /** A workbook has a few dozen parts. */
  maxEntries: 10_000,
};
const MAX_RECORD_CHARS = 1024 * 1024;
const MAX_COLUMNS = 500;

const notTable = () =>
  badRequest('The file is not a CSV or .xlsx file (it looks like binary data)', [], 'unsupported_file');

/** Hashes the file and finds its type and encoding, in one streaming read. */
export async function inspectFile(path: string, opts: { name?: string } = {}): Promise<FileInfo> {
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer | null = null;
  let utf8 = true;
  let zip = false;
  let carry: Buffer = Buffer.alloc(0);
  // Until the first byte that is not UTF-8: lines read, and whether any was not plain ASCII.
  let lines = 0;
  let sawUtf8 = false;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (!head) {
      head = chunk.subarray(0, 65536);
      zip = head[0] === 0x50 && head[1] === 0x4b;
      if (!zip) checkUtf16(head);
    }
    if (utf8 && !zip) {
      // Validate UTF-8 chunk by chunk, keeping an incomplete trailing sequence for the next chunk.
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = utf8SafeEnd(buf);
      const whole = buf.subarray(0, cut);
      if (isUtf8(whole)) {
        if (!sawUtf8 && !isAscii(whole)) sawUtf8 = true;
        lines += countLines(whole, whole.length);
      } else {
        utf8 = false;
        checkMixed(whole, sawUtf8, lines);
      }
      carry = Buffer.from(buf.subarray(cut));
    }
  }
  if (carry.length) utf8 = false;
  const sha256 = hash.digest('hex');
  if (!head || size === 0) throw badRequest('The file is empty', [], 'empty_file');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    await checkZip(path);
    return { path, size, sha256, type: 'xlsx', encoding: null, bom: false };
  }
  if (/\.xlsx$/i.test(opts.name ?? path))
    throw badRequest('The file is named .xlsx but is not an .xlsx workbook (not a zip file)', [], 'not_xlsx');
  if (/\.xls$/i.test(opts.name ?? '') && head[0] === 0xd0 && head[1] === 0xcf)
    throw badRequest(
      'The file is an old Excel 97-2003 workbook (.xls); save it as .xlsx or CSV',
      [],
      'unsupported_file',
    );
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (looksBinary(head)) throw notTable();
  const text = (utf8 ? head.toString('utf8') : iconv.decode(head, 'win1251')).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw badRequest('The file is empty', [], 'empty_file');
  return { path, size, sha256, type: 'csv', encoding: utf8 ? 'utf-8' : 'windows-1251', bom };
}

const countLines = (buf: Buffer, end: number) => {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
};

/** UTF-16 (Excel's "Unicode text", Notepad's "Unicode"): by its byte-order mark or its NUL bytes. */
function checkUtf16(head: Buffer): void {
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  let even = 0;
  let odd = 0;
  const n = Math.min(head.length, 4096) & ~1;
  const high = (b: number | undefined) => b === 0 || b === 0x04;
  for (let i = 0; i < n; i += 2) {
    if (high(head[i])) even++;
    if (high(head[i + 1])) odd++;
  }
  // Latin or Cyrillic text in UTF-16 has a 0x00 or 0x04 in every other byte, and few between.
  const nulls = n >= 8 && Math.max(even, odd) > (n / 2) * 0.3 && Math.min(even, odd) < (n / 2) * 0.05;
  if (bom || nulls)
    throw badRequest(
      'The file is in UTF-16 ("Unicode text"); save it as "CSV UTF-8" or as .xlsx',
      [
        {
          rule: 'unsupported_encoding',
          value: 'utf-16',
          message: 'UTF-16 is not accepted: use UTF-8 or Windows-1251',
        },
      ],
      'unsupported_encoding',
    );
}

/**
 * A file that is not UTF-8 is read as Windows-1251, but one that is mostly UTF-8 with a few bytes
 * that are not (pasted from another file, edited in two editors) would come out as garbage: refused,
 * with the line of the first bad byte. Windows-1251 Cyrillic is almost never valid UTF-8 by chance.
 */
function checkMixed(buf: Buffer, sawUtf8: boolean, linesBefore: number): void {
  let valid = 0;
  let invalid = 0;
  let first = -1;
  let firstValid = -1;
  let cyrillic = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = ((buf[i + k] as number) & 0xc0) === 0x80;
    if (ok && isUtf8(buf.subarray(i, i + len))) {
      // Cyrillic and Kazakh letters (U+0400–U+04FF) in UTF-8: what a pasted Russian or Kazakh line brings.
      if (b >= 0xd0 && b <= 0xd3) {
        if (firstValid === -1) firstValid = i;
        cyrillic++;
      }
      valid++;
      i += len;
    } else {
      if (first === -1) first = i;
      invalid++;
      i++;
    }
  }
  // Windows-1251 text makes a UTF-8 Cyrillic letter only by chance (Р or С before «, », №, ё…): a few
  // in a thousand letters, as in random bytes. More than that is UTF-8 text beside Windows-1251 text.
  const utf8Beside = valid >= invalid || (cyrillic >= 2 && cyrillic * 20 >= invalid);
  if (first === -1 || !(sawUtf8 || utf8Beside)) return;
  if (!sawUtf8 && valid < invalid) {
    // Mostly Windows-1251, with UTF-8 lines among them: name the first UTF-8 line.
    const line = linesBefore + countLines(buf, firstValid) + 1;
    throw badRequest(
      `The file mixes encodings: it is Windows-1251, but line ${line} is UTF-8; save the whole file in one encoding (UTF-8 is best)`,
      [{ line, rule: 'mixed_encoding', message: `Line ${line}: UTF-8 in a Windows-1251 file` }],
      'mixed_encoding',
    );
  }
  const line = linesBefore + countLines(buf, first) + 1;
  const bytes = buf
    .subarray(first, first + 4)
    .toString('hex')
    .replace(/(..)/g, '$1 ')
    .trim();
  throw badRequest(
    `The file mixes encodings: it is UTF-8, but line ${line} has bytes that are not (${bytes}); save the whole file as UTF-8`,
    [{ line, rule: 'mixed_encoding', value: bytes, message: `Line ${line}: bytes that are not UTF-8` }],
    'mixed_encoding',
  );
}

/** Where a buffer can be cut without splitting a UTF-8 sequence. */
function utf8SafeEnd(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b >= 0xc0) {
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return len > back ? n - back : n;
    }
    return n;
  }
  return n;
}

/** NUL bytes, or many control characters, are not text. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) control++;
  }
  return control > head.length * 0.01;
}

/** A zip's entries by name, read from its central directory (nothing decompressed). */
function openZip(path: string): Promise<{ zip: yauzl.ZipFile; entries: yauzl.Entry[] }> {
  const notXlsx = (e: Error | null) =>
    badRequest(`The file is not a valid .xlsx workbook: ${e?.message ?? 'damaged zip'}`, [], 'not_xlsx');
  return new Promise((resolve, reject) => {
    // validateEntrySizes: a stream that inflates to more (or less) than its entry declares fails,
    // so the declared sizes checked below bound what is ever decompressed.
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(notXlsx(err));
      if (zip.entryCount > ZIP_LIMITS.maxEntries) {
        zip.close();
        return reject(
          badRequest(
            `The .xlsx file holds ${zip.entryCount} entries: not a workbook; refused`,
            [],
            'zip_bomb',
          ),
        );
      }
      const entries: yauzl.Entry[] = [];
      zip.on('error', (e: Error) => {
        zip.close();
        reject(notXlsx(e));
      });
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.readEntry();
    });
  });
}

/** Refuses zip bombs by the sizes the entries declare, before anything is decompressed. */
function checkEntries(entries: yauzl.Entry[]): void {
  let total = 0;
  const bomb = (e: yauzl.Entry, why: string) =>
    badRequest(
      `The .xlsx file looks like a zip bomb: ${e.fileName} expands to ${e.uncompressedSize} bytes (${why}); refused`,
      [{ rule: 'zip_bomb', column: e.fileName, value: e.uncompressedSize, message: why }],
      'zip_bomb',
    );
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : Number.POSITIVE_INFINITY;
    if (total > ZIP_LIMITS.maxUncompressed)
      throw bomb(e, `all entries together over ${ZIP_LIMITS.maxUncompressed} bytes`);
    if (e.uncompressedSize > 10 * 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio)
      throw bomb(e, `compression ratio ${Number.isFinite(ratio) ? ratio.toFixed(0) : '∞'}:1`);
    if (e.fileName === 'xl/sharedStrings.xml' && e.uncompressedSize > ZIP_LIMITS.maxSharedStrings)
      throw bomb(e, `shared strings over ${ZIP_LIMITS.maxSharedStrings} bytes are held in memory`);
  }
  if (!entries.some((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.fileName)))
    throw badRequest('The zip file holds no worksheet: not an .xlsx workbook', [], 'not_xlsx');
}

/** Reads the zip's central directory: refuses bombs before anything is decompressed. */
export async function checkZip(path: string): Promise<void> {
  const { zip, entries } = await openZip(path);
  try {
    checkEntries(entries);
  } finally {
    zip.close();
  }
}

/** Rows of the file (the header first, as row 1), in batches. Blank rows are skipped but counted. */
export function readRows(info: FileInfo): AsyncGenerator<Row[]> {
  return info.type === 'xlsx' ? readXlsx(info.path) : readCsv(info);
}

async function* readCsv(info: FileInfo): AsyncGenerator<Row[]> {
  const decoder =
    info.encoding === 'windows-1251'
      ? { decode: (b: Buffer) => iconv.decode(b, 'win1251') }
      : (() => {
          const d = new TextDecoder('utf-8');
          return { decode: (b: Buffer) => d.decode(b, { stream: true }) };
        })();
  let parser: CsvParser | null = null;
  let pending = '';
  // 256 KB chunks (about 1,700 activity rows): each batch dies young; 1 MB batches outlived the
  // young generation and grew the heap of a million-row import by some 100 MB.
  for await (const chunk of fs.createReadStream(info.path, {
    highWaterMark: 1 << 18,
  }) as AsyncIterable<Buffer>) {
    let text = decoder.decode(chunk);
    if (!parser) {
      pending += text;
      const nl = pending.indexOf('\n');
      if (nl === -1 && pending.length < MAX_RECORD_CHARS) continue;
      parser = new CsvParser(detectDelimiter(pending.slice(0, nl === -1 ? undefined : nl)));
      text = pending.replace(/^\uFEFF/, '');
      pending = '';
    }
    const out: Row[] = [];
    parser.push(text, false, out);
    if (out.length) yield out;
  }
  if (!parser) parser = new CsvParser(detectDelimiter(pending.replace(/^\uFEFF/, '')));
  const out: Row[] = [];
  parser.push(pending.replace(/^\uFEFF/, ''), true, out);
  if (out.length) yield out;
}

/** The delimiter is the one of `,` `;` tab the header line uses most (outside quotes). */
export function detectDelimiter(line: string): number {
  const counts = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] as number) + 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] as [string, number];
  return best[1] > 0 ? best[0].charCodeAt(0) : 44;
}

/** An incremental RFC 4180 parser over decoded text (quoted fields may hold delimiters, quotes, newlines). */
export class CsvParser {
  private rest = '';
  private rowNo = 0;
  /** The text of the last quoted cell read by `quoted`. */
  private cell = '';
  constructor(private readonly delim: number) {}

  push(text: string, final: boolean, out: Row[]): void {
    const s = this.rest.length ? this.rest + text : text;
    const n = s.length;
    const delim = this.delim;
    let i = 0;
    outer: while (i < n) {
      const rowStart = i;
      const cells: string[] = [];
      for (;;) {
        if (i < n && s.charCodeAt(i) === 34) {
          const end = this.quoted(s, i, final);
          if (end < 0) {
            i = rowStart;
            break outer;
          }
          cells.push(this.cell);
          i = end;
        } else {
          const j = this.cellEnd(s, i);
          if (j >= n && !final) {
            i = rowStart;
            break outer;
          }
          cells.push(s.slice(i, j));
          i = j;
        }
        if (cells.length > MAX_COLUMNS)
          throw badRequest(
            `Row ${this.rowNo + 1} has more than ${MAX_COLUMNS} columns`,
            [],
            'too_many_columns',
          );
        if (i >= n) {
          if (!final) {
            i = rowStart;
            break outer;
          }
          this.emit(cells, out);
          break;
        }
        const c = s.charCodeAt(i);
        if (c === delim) {
          i++;
          continue;
        }
        if (c === 13) {
          if (i + 1 >= n && !final) {
            i = rowStart;
            break outer;
          }
          i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else i++; // \n
        this.emit(cells, out);
        break;
      }
    }
    this.rest = i < n ? s.slice(i) : '';
    if (this.rest.length > MAX_RECORD_CHARS)
      throw badRequest(
        `Row ${this.rowNo + 1} is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`,
        [],
        'csv_record_too_long',
      );
  }

  /** The index of the delimiter or line break that ends the cell at `i` (or the text's end). */
  private cellEnd(s: string, i: number): number {
    const delim = this.delim;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === delim || c === 10 || c === 13) break;
      i++;
    }
    return i;
  }

  /**
   * The quoted cell at `i` (a `"`): its text into `this.cell`, and the index after it; -1 when the
   * text ends before the cell does (the rest comes with the next chunk).
   */
  private quoted(s: string, i: number, final: boolean): number {
    const n = s.length;
    let j = i + 1;
    let val = '';
    for (;;) {
      const q = s.indexOf('"', j);
      if (q === -1 || (q + 1 >= n && !final)) {
        if (final) throw badRequest(`Row ${this.rowNo + 1}: a quoted cell is never closed`, [], 'csv_quote');
        return -1;
      }
      if (s.charCodeAt(q + 1) === 34) {
        val += s.slice(j, q + 1);
        j = q + 2;
        continue;
      }
      val += s.slice(j, q);
      i = q + 1;
      break;
    }
    // Lenient: text after the closing quote belongs to the cell.
    const end = this.cellEnd(s, i);
    if (end > i) val += s.slice(i, end);
    // A line break inside a cell is a line break, whichever system wrote the file.
    this.cell = val.includes('\r') ? val.replace(/\r\n?/g, '\n') : val;
    return end;
  }

  private emit(cells: string[], out: Row[]): void {
    this.rowNo++;
    for (const c of cells) if (c !== '') return void out.push({ row: this.rowNo, cells });
  }
}

/** ExcelJS's streaming reader, driven entry by entry (its own unzipper is not used, see readXlsx). */
interface ExcelReaderParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * Cell values of the first sheet (in the workbook's order), streamed; dates become ISO text,
 * formulas their result. The zip is read through yauzl, by its central directory, with every
 * entry's inflated size held to what it declares (checked by checkEntries): ExcelJS's own
 * unzipper reads the local headers in file order, trusts their sizes, and writes every sheet
 * that comes before the shared strings (as in ExcelJS's and Excel's files) to a temporary file
 * it only removes at exit. Here only the parts needed are inflated, and nothing is written.
 */
async function* readXlsx(path: string): AsyncGenerator<Row[]> {
  const { zip, entries } = await openZip(path);
  const open: Readable[] = [];
  try {
    checkEntries(entries);
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const stream = async (name: string): Promise<Readable | null> => {
      const e = byName.get(name);
      if (!e) return null;
      const s = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(e, (err, r) => (err || !r ? reject(err) : resolve(r))),
      );
      open.push(s);
      return s;
    };
    const reader = new (exceljs().stream.xlsx.WorkbookReader)(path, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Needed to tell a date from a number: a date cell is a serial number with a date format.
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as ExcelReaderParts;
    const rels = await stream('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const book = await stream('xl/workbook.xml');
    if (book) await reader._parseWorkbook(book);
    const sheetPath = firstSheet(reader, entries);
    const strings = await stream('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    const styles = await stream('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const sheetStream = await stream(sheetPath);
    if (!sheetStream)
      throw badRequest('The zip file holds no worksheet: not an .xlsx workbook', [], 'not_xlsx');
    const sheetNo = /(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
    const sheet = reader._parseWorksheet(sheetStream, sheetNo).next().value?.value;
    if (!sheet) throw badRequest('The first sheet could not be read', [], 'not_xlsx');

    let batch: Row[] = [];
    for await (const r of sheet) {
      const values = r.values as unknown[];
      if (values.length > MAX_COLUMNS + 1)
        throw badRequest(`Row ${r.number} has more than ${MAX_COLUMNS} columns`, [], 'too_many_columns');
      const cells: unknown[] = [];
      let blank = true;
      for (let i = 1; i < values.length; i++) {
        const v = cellValue(values[i]);
        if (v !== '' && v !== null) blank = false;
        cells.push(v);
      }
      if (blank) continue;
      batch.push({ row: r.number, cells });
      if (batch.length >= 2000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } catch (err) {
    if ((err as { status?: number }).status) throw err;
    const message = (err as Error).message ?? String(err);
    // yauzl's check of an entry that inflates to more than it declares: a disguised bomb.
    if (/too many bytes in the stream/.test(message))
      throw badRequest(
        `The .xlsx file looks like a zip bomb: an entry expands to more than it declares (${message}); refused`,
        [{ rule: 'zip_bomb', message }],
        'zip_bomb',
      );
    throw badRequest(`The .xlsx workbook could not be read: ${message}`, [], 'not_xlsx');
  } finally {
    for (const s of open) s.destroy();
    zip.close();
  }
}

/** The path of the workbook's first sheet: by workbook.xml and its relations, else the lowest sheetN.xml. */
function firstSheet(reader: ExcelReaderParts, entries: yauzl.Entry[]): string {
  const first = reader.model?.sheets?.[0];
  const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target;
  if (target) {
    const p = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (entries.some((e) => e.fileName === p)) return p;
  }
  const sheets = entries
    .map((e) => e.fileName)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a.slice(14))?.[0]) - Number(/\d+/.exec(b.slice(14))?.[0]));
  return sheets[0] ?? 'xl/worksheets/sheet1.xml';
}

export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: string; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return o.error;
  }
  return String(v);
}
