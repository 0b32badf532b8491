// `birgemiz export <kind> --year Y [--region R] --out FILE`: the stored rows in the format they
// are imported in, through the same service as GET /api/exports/:kind. Run by the national office
// (every region). The format follows the extension of --out unless --format says otherwise; the
// file appears only when complete.
import fs from 'node:fs';
import path from 'node:path';
import { LANGS } from '../../domain/lang.ts';
import { badRequest, usageError } from '../../lib/errors.ts';
import { CLI, writeExport, writeToTempFile } from '../../modules/exports/export.service.ts';
import { fileQuerySchema } from '../../modules/exports/exports.schemas.ts';
import { isImportKind } from '../../modules/imports/headers.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE as USAGES } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

const USAGE = USAGES.export;
// The choices of GET /api/exports/:kind, from its query schema.
const FORMATS = fileQuerySchema.shape.format.unwrap().options;
const ENCODINGS = fileQuerySchema.shape.encoding.unwrap().options;
const DELIMITERS = fileQuerySchema.shape.delimiter.unwrap().options;

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v))
    throw usageError(`--${name} must be ${allowed.join(' or ')} (got ${value})`);
  return v as T;
}

export const command: CliCommand = {
  async run(args, io) {
    const kind = args.positional[0];
    if (!kind || !isImportKind(kind)) throw usageError(`Usage: birgemiz ${USAGE}`);
    const yearText = flag(args, 'year');
    const year = Number(yearText);
    if (!yearText || !/^\d{4}$/.test(yearText) || year < 2000 || year > 2100)
      throw usageError(`--year YYYY is required (got ${yearText ?? 'nothing'})`);
    const out = flag(args, 'out');
    if (!out) throw usageError(`--out FILE is required. Usage: birgemiz ${USAGE}`);
    const ext = path.extname(out).slice(1).toLowerCase();
    const format =
      choice(flag(args, 'format'), FORMATS, 'format') ??
      (ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : undefined);
    if (!format)
      throw usageError(`Cannot tell the format from "${out}": name it .csv or .xlsx, or give --format`);
    const lang = choice(flag(args, 'lang'), LANGS, 'lang') ?? 'en';
    const encoding = choice(flag(args, 'encoding'), ENCODINGS, 'encoding') ?? 'utf-8';
    const delimiter =
      choice(flag(args, 'delimiter'), DELIMITERS, 'delimiter') ??
      (encoding === 'windows-1251' ? 'semicolon' : 'comma');
    const dir = path.dirname(path.resolve(out));
    if (!fs.existsSync(dir)) throw badRequest(`No such directory: ${dir}`, [], 'no_directory');

    return withDatabase(args, io, async (database) => {
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
        say(
          io.stdout,
          `${kind} ${year}${where}: ${result.rows} rows written to ${out} (${format}${format === 'csv' ? `, ${encoding}` : ''}).`,
        );
        return 0;
      } catch (err) {
        // The values that stopped the export (e.g. Kazakh letters in Windows-1251), one a line.
        const e = err as Error & { details?: { row?: number; column?: string; message?: string }[] };
        if (args.flags.json === true || !Array.isArray(e.details) || !e.details.length) throw err;
        say(io.stderr, `birgemiz export: ${e.message}`);
        for (const d of e.details)
          say(
            io.stderr,
            `  ${d.row !== undefined ? `row ${d.row}, ` : ''}${d.column ? `column ${d.column}: ` : ''}${d.message ?? ''}`,
          );
        return 1;
      }
    });
  },
};
