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
import { resolveRegion } from '../../domain/reference.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import {
  headerTitle,
  type ImportKind,
  KIND_COLUMNS,
  type Lang,
  REFERENCE_KINDS,
} from '../imports/headers.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { isNational, requireUser } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';
import { exportRows } from './export.rows.ts';
import { openTableWriter, type TableFormat } from './export.writers.ts';

export interface FileOptions extends TableFormat {
  lang: Lang;
}

export interface ExportOptions extends FileOptions {
  kind: ImportKind;
  year: number;
  /** A region code or name; null for every region the user may read. */
  region: string | null;
}

export const CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The command line: the national office, every region. Not null, which is "not signed in". */
export const CLI = 'cli' as const;
/** The signed-in user (null or undefined: nobody, 401), or the command line. */
export type Exporter = SessionUser | null | undefined | typeof CLI;

/**
 * Who may export what, and the region filter that applies: national staff everything; RFO staff
 * their own region's monthly data (all of it when they name no region) and the reference
 * statistics; appeals to the information centre national staff only. Nobody signed in: 401.
 */
export function exportScope(user: Exporter, kind: ImportKind, region: string | null) {
  if (user === CLI) return region;
  const u = assertMayExport(user, kind);
  if (isNational(u)) return region;
  if (REFERENCE_KINDS.includes(kind)) return region;
  if (region !== null && region !== u.region)
    throw forbidden(`You may not export the data of region ${region}; only of ${u.region}`);
  return u.region;
}

/**
 * What can be decided before the query is read: nobody signed in 401; a role that exports nothing,
 * or an RFO asking for appeals, 403. The signed-in user otherwise. `kind` may be anything the
 * caller sent (an unknown kind is left to the validation that follows).
 */
export function assertMayExport(user: SessionUser | null | undefined, kind: unknown): SessionUser {
  const u = requireUser(user);
  if (isNational(u)) return u;
  if (u.role !== 'rfo') throw forbidden('Exports are for national and regional staff');
  if (kind === 'appeals') throw forbidden('Appeals are exported by national staff only');
  return u;
}

export function mediaType(o: TableFormat): string {
  return o.format === 'xlsx' ? CONTENT_TYPES.xlsx : `${CONTENT_TYPES.csv}; charset=${o.encoding}`;
}

export function exportFileName(o: { kind: ImportKind; year: number; region: string | null; format: string }) {
  return `${o.kind}-${o.year}${o.region ? `-${o.region}` : ''}.${o.format}`;
}

export const headerRow = (kind: ImportKind, lang: Lang) =>
  KIND_COLUMNS[kind].map((c) => headerTitle(c, lang));

/** A region given by code or name, as the importer accepts it; 400 when unknown. */
export async function resolveRegionFilter(
  db: Kysely<DB>,
  region: string | null | undefined,
): Promise<string | null> {
  if (region === null || region === undefined || region.trim() === '') return null;
  const code = resolveRegion(await loadReferenceSnapshot(db), region);
  if (!code) throw badRequest(`"${region}" is not a known region code or name`, [], 'unknown_region');
  return code;
}

/** Writes the export into `out` (ended when done). Returns the number of data rows. */
export async function writeExport(
  db: Kysely<DB>,
  user: Exporter,
  opts: ExportOptions,
  out: Writable,
): Promise<{ rows: number; region: string | null }> {
  if (user !== CLI) requireUser(user); // 401 before anything else is looked at
  const region = exportScope(user, opts.kind, await resolveRegionFilter(db, opts.region));
  const writer = openTableWriter(out, opts, headerRow(opts.kind, opts.lang), opts.kind);
  let rows = 0;
  for await (const batch of exportRows(db, opts.kind, { year: opts.year, region })) {
    await writer.write(batch);
    rows += batch.length;
  }
  await writer.finish();
  return { rows, region };
}

/** A blank template: the header row only, in the language and format asked for. */
export async function templateFile(kind: ImportKind, opts: FileOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await openTableWriter(out, opts, headerRow(kind, opts.lang), kind).finish();
  return Buffer.concat(chunks);
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
