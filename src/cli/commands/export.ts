// `birgemiz export <kind> --year Y [--region R] --out FILE`: the stored rows in the format they
// are imported in, through the same service as GET /api/exports/:kind. Run by the national office
// (every region). The format follows the extension of --out unless --format says otherwise; the
// file appears only when complete.
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../domain/lang.ts';
import { badRequest } from '../../lib/errors.ts';
import { CLI, writeExport, writeToTempFile } from '../../modules/exports/export.service.ts';
import type { ExportDelimiter, ExportEncoding, ExportFormat } from '../../modules/exports/export.writers.ts';
import { IMPORT_KINDS, isImportKind } from '../../modules/imports/headers.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import type { CliCommand } from '../types.ts';

const USAGE = `export <${IMPORT_KINDS.join('|')}> --year Y [--region R] --out FILE [--format csv|xlsx] [--lang en|ru|kk] [--encoding utf-8|windows-1251] [--delimiter comma|semicolon]`;

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v))
    throw badRequest(`--${name} must be ${allowed.join(' or ')} (got ${value})`);
  return v as T;
}

export const command: CliCommand = {
  name: 'export',
  usage: USAGE,
  describe: 'Export stored rows as CSV or .xlsx, in the format they are imported in (round trip)',
  async run(args) {
    const kind = args.positional[0];
    if (!kind || !isImportKind(kind)) throw badRequest(`Usage: birgemiz ${USAGE}`);
    const yearText = flag(args, 'year');
    const year = Number(yearText);
    if (!yearText || !/^\d{4}$/.test(yearText) || year < 2000 || year > 2100)
      throw badRequest(`--year YYYY is required (got ${yearText ?? 'nothing'})`);
    const out = flag(args, 'out');
    if (!out) throw badRequest(`--out FILE is required. Usage: birgemiz ${USAGE}`);
    const ext = path.extname(out).slice(1).toLowerCase();
    const format =
      choice<ExportFormat>(flag(args, 'format'), ['csv', 'xlsx'], 'format') ??
      (ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : undefined);
    if (!format)
      throw badRequest(`Cannot tell the format from "${out}": name it .csv or .xlsx, or give --format`);
    const lang = choice<Lang>(flag(args, 'lang'), ['en', 'ru', 'kk'], 'lang') ?? 'en';
    const encoding =
      choice<ExportEncoding>(flag(args, 'encoding'), ['utf-8', 'windows-1251'], 'encoding') ?? 'utf-8';
    const delimiter =
      choice<ExportDelimiter>(flag(args, 'delimiter'), ['comma', 'semicolon'], 'delimiter') ??
      (encoding === 'windows-1251' ? 'semicolon' : 'comma');
    const dir = path.dirname(path.resolve(out));
    if (!fs.existsSync(dir)) throw badRequest(`No such directory: ${dir}`, [], 'no_directory');

    return withDatabase(args, async (database) => {
      try {
        const { result } = await writeToTempFile(
          (stream) =>
            writeExport(
              database.db,
              CLI,
              { kind, year, region: flag(args, 'region') ?? null, format, lang, encoding, delimiter },
              stream,
            ),
          out,
        );
        const where = result.region ? ` of ${result.region}` : '';
        console.log(
          `${kind} ${year}${where}: ${result.rows} rows written to ${out} (${format}${format === 'csv' ? `, ${encoding}` : ''}).`,
        );
        return 0;
      } catch (err) {
        // The values that stopped the export (e.g. Kazakh letters in Windows-1251), one a line.
        const e = err as Error & { details?: { row?: number; column?: string; message?: string }[] };
        if (args.flags.json === true || !Array.isArray(e.details) || !e.details.length) throw err;
        console.error(`birgemiz export: ${e.message}`);
        for (const d of e.details)
          console.error(
            `  ${d.row !== undefined ? `row ${d.row}, ` : ''}${d.column ? `column ${d.column}: ` : ''}${d.message ?? ''}`,
          );
        return 1;
      }
    });
  },
};
