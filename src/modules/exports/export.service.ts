// Exports: the stored rows of an exchange format written back in that format (FORMATS.md), so that
// a file exported and imported again changes nothing (round trip without loss). Shared by
// GET /api/exports/:kind and `birgemiz export`. Blank templates are the same writer with no rows.
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { type Action, type Actor, authorize, listScope, NATIONAL_OFFICE } from '../../domain/policy.ts';
import { headerTitle, type ImportKind, KIND_COLUMNS, REFERENCE_KINDS } from '../imports/headers.ts';
import { regionFilter } from '../reference/regions.ts';
import {
  type Cell,
  type CodeSheet,
  type DropDown,
  openTableWriter,
  type TableFormat,
  unencodableIn1251,
} from './export.writers.ts';
import { exportRows, type TemplateReference, templateReference } from './exports.repository.ts';
import { CONTENT_TYPES } from './exports.schemas.ts';

export interface FileOptions extends TableFormat {
  lang: Lang;
}

export interface ExportOptions extends FileOptions {
  kind: ImportKind;
  year: number;
  /** A region code or name; null for every region the user may read. */
  region: string | null;
}

/**
 * The command line: the national office, every region. Not null, which is "not signed in". It is
 * put through the policy as the national office (imports/national-office.ts), not let past it.
 */
export const CLI = 'cli' as const;
/** A signed-in actor, or the command line. */
export type Exporter = Actor | typeof CLI;

/**
 * The policy's action for exporting a kind: monthly data, reference statistics, or appeals. `kind`
 * may be anything the caller sent (an unknown kind is left to the validation that follows).
 */
export function exportAction(kind: unknown): Action {
  if (kind === 'appeals') return 'exports.appeals';
  return typeof kind === 'string' && (REFERENCE_KINDS as readonly string[]).includes(kind)
    ? 'exports.reference'
    : 'exports.monthly';
}

/**
 * What can be decided before the query is read: nobody signed in 401; a role that may not export
 * the kind 403. The actor otherwise.
 */
export function assertMayExport<A extends Actor>(actor: A | null | undefined, kind: unknown): A {
  return authorize(actor, exportAction(kind));
}

/**
 * The region filter that applies: the one asked for when the actor's scope covers it (403 when it
 * does not); when none is asked for, every region the actor may export (RFO staff: their own).
 */
export function exportScope(exporter: Exporter, kind: ImportKind, region: string | null): string | null {
  const actor = exporter === CLI ? NATIONAL_OFFICE : exporter;
  const scope = listScope(actor, exportAction(kind), region === null ? {} : { region });
  return scope.region ?? region;
}

export function mediaType(o: TableFormat): string {
  return o.format === 'xlsx' ? CONTENT_TYPES.xlsx : `${CONTENT_TYPES.csv}; charset=${o.encoding}`;
}

export function exportFileName(o: { kind: ImportKind; year: number; region: string | null; format: string }) {
  return `${o.kind}-${o.year}${o.region ? `-${o.region}` : ''}.${o.format}`;
}

const fitsIn1251 = (s: string) => unencodableIn1251(s) === null;

export const headerRow = (kind: ImportKind, lang: Lang) =>
  KIND_COLUMNS[kind].map((c) => headerTitle(c, lang));

/** Writes the export into `out` (ended when done). Returns the number of data rows. */
export async function writeExport(
  db: Kysely<DB>,
  exporter: Exporter,
  opts: ExportOptions,
  out: Writable,
): Promise<{ rows: number; region: string | null }> {
  const region = exportScope(exporter, opts.kind, await regionFilter(db, opts.region));
  const writer = openTableWriter(out, opts, headerRow(opts.kind, opts.lang), opts.kind);
  // A Windows-1251 file cannot hold a label with Kazakh letters: that cell keeps its code.
  const fits = opts.format === 'csv' && opts.encoding === 'windows-1251' ? fitsIn1251 : undefined;
  const label = opts.lang === 'en' ? null : labeller(opts.kind, opts.lang, await templateReference(db), fits);
  let rows = 0;
  for await (const batch of exportRows(db, opts.kind, { year: opts.year, region })) {
    await writer.write(label ? batch.map(label) : batch);
    rows += batch.length;
  }
  await writer.finish();
  return { rows, region };
}

/**
 * The code list behind each coded column of the templates (`region`: today's regions). `category`
 * offers the categories of every dimension; `related` is a yes / no the importer reads.
 */
const COLUMN_LISTS: Record<string, string[]> = {
  region: ['region'],
  organization_type: ['organization_type'],
  area: ['area'],
  format: ['format'],
  kind: ['kind'],
  rfo_support: ['rfo_support'],
  excluded: ['exclusion_reason'],
  dimension: ['dimension'],
  category: ['gender', 'age_band', 'employment'],
  channel: ['appeal_channel'],
  gender: ['gender'],
  topic: ['appeal_topic'],
  status: ['appeal_status'],
  related: ['yes_no'],
};
const YES_NO: TemplateReference[string] = [
  { code: 'true', en: 'Yes', ru: 'да', kk: 'иә' },
  { code: 'false', en: 'No', ru: 'нет', kk: 'жоқ' },
];
const CODE_SHEET: Record<Lang, { name: string; code: string; label: string }> = {
  en: { name: 'Codes', code: 'code', label: 'label' },
  ru: { name: 'Коды', code: 'код', label: 'название' },
  kk: { name: 'Кодтар', code: 'коды', label: 'атауы' },
};

/**
 * A kk or ru export writes the coded cells as the labels of the codes in its language (FORMATS.md:
 * "exports write codes with the lang=en header and labels with lang=ru|kk"), which the importer
 * reads back as the codes. A code without a label (a list value retired since, a region of the
 * past) or whose label the file's encoding cannot hold (`fits`) stays the code, which imports back
 * too. A category is looked up in its row's dimension.
 */
export function labeller(
  kind: ImportKind,
  lang: Lang,
  ref: TemplateReference,
  fits: (label: string) => boolean = () => true,
): (row: Cell[]) => Cell[] {
  const lists: TemplateReference = { ...ref, yes_no: YES_NO };
  const labelsOf = (list: string) =>
    new Map(
      (lists[list] ?? [])
        .filter((i) => i[lang] && fits(i[lang] as string))
        .map((i) => [i.code, i[lang] as string]),
    );
  const byList = new Map<string, Map<string, string>>();
  const labels = (list: string) => {
    let m = byList.get(list);
    if (!m) {
      m = labelsOf(list);
      byList.set(list, m);
    }
    return m;
  };
  const columns = KIND_COLUMNS[kind];
  const dimension = columns.findIndex((c) => c.code === 'dimension');
  return (row) =>
    row.map((v, i) => {
      const col = columns[i]?.code;
      const names = col ? COLUMN_LISTS[col] : undefined;
      if (!names || typeof v !== 'string' || v === '') return v;
      if (col === 'category') {
        const dim = row[dimension];
        return typeof dim === 'string' ? (labels(dim).get(v) ?? v) : v;
      }
      const list = names[0] as string;
      if (col === 'rfo_support')
        return v
          .split('|')
          .map((c) => labels(list).get(c) ?? c)
          .join('|');
      return labels(list).get(v) ?? v;
    });
}

/**
 * The sheet of codes and labels of a kind's template, in its language, with a drop-down on every
 * coded column: of the codes in English (as exports write them), of the labels in kk and ru
 * (which the importer reads back as the codes).
 */
export function codeSheet(kind: ImportKind, lang: Lang, ref: TemplateReference): CodeSheet {
  const words = CODE_SHEET[lang];
  const lists: TemplateReference = { ...ref, yes_no: YES_NO };
  const dropDowns: DropDown[] = [];
  KIND_COLUMNS[kind].forEach((col, column) => {
    const items = (COLUMN_LISTS[col.code] ?? []).flatMap((l) => lists[l] ?? []);
    if (!items.length) return;
    const title = headerTitle(col, lang);
    dropDowns.push({
      column,
      titles: [`${title}: ${words.code}`, `${title}: ${words.label}`],
      rows: items.map((i) => [i.code, i[lang] || i.code]),
      pick: lang === 'en' ? 0 : 1,
      multi: col.code === 'rfo_support',
    });
  });
  return { name: words.name, dropDowns };
}

/**
 * A blank template: the header row only, in the language and format asked for; an .xlsx one with
 * drop-downs and a sheet of codes and labels when the reference data is given.
 */
export async function templateFile(
  kind: ImportKind,
  opts: FileOptions,
  ref?: TemplateReference,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const sheet = ref && opts.format === 'xlsx' ? codeSheet(kind, opts.lang, ref) : undefined;
  const codes = sheet?.dropDowns.length ? sheet : undefined; // no coded column: no codes sheet
  await openTableWriter(out, opts, headerRow(kind, opts.lang), kind, codes).finish();
  return Buffer.concat(chunks);
}

/** The template of GET /api/templates/:kind: an .xlsx one with the reference data's drop-downs. */
export async function templateWithCodes(
  db: Kysely<DB>,
  kind: ImportKind,
  opts: FileOptions,
): Promise<Buffer> {
  return templateFile(kind, opts, opts.format === 'xlsx' ? await templateReference(db) : undefined);
}

/**
 * Runs `write` into a temporary file and moves it to `target` (or hands it back) only when
 * complete: an error half-way (a value Windows-1251 cannot hold, a database error) leaves no
 * half-written file, and an HTTP answer can still be an error rather than a truncated download.
 */
export async function writeToTempFile<T>(
  write: (out: Writable) => Promise<T>,
  target?: string,
): Promise<{ result: T; path: string }> {
  const dir = target ? path.dirname(path.resolve(target)) : os.tmpdir();
  const tmp = path.join(
    dir,
    `.birgemiz-export-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  );
  const out = fs.createWriteStream(tmp);
  try {
    const result = await write(out);
    if (!out.closed) await once(out, 'close');
    if (target) fs.renameSync(tmp, target);
    return { result, path: target ?? tmp };
  } catch (err) {
    // Closed before removal: a stream still opening would create the file after the rm.
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => {});
      out.destroy();
      await closed;
    }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
