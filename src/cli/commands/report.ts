// `birgemiz report annual|half-year|monthly|data-quality`: the same reports as GET /api/reports/…,
// as JSON (the public contract) or rendered as .html / .xlsx / .docx by modules/reports/render. The
// command is run by the operator of the server, so --provisional needs no sign-in here.
import fs from 'node:fs';
import { isLang, LANGS } from '../../domain/lang.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { notFound, usageError } from '../../lib/errors.ts';
import { buildAnnualReport } from '../../modules/reports/annual.service.ts';
import { buildHalfYearReport } from '../../modules/reports/halfyear.service.ts';
import { buildMonthlyReport } from '../../modules/reports/monthly.service.ts';
import { buildDataQuality } from '../../modules/reports/quality.service.ts';
import { fteHoursQuery } from '../../modules/reports/reports.schemas.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE as USAGES } from '../registry.ts';
import type { CliCommand } from '../types.ts';

const USAGE = USAGES.report;

const KINDS = { annual: 'year', 'data-quality': 'year', 'half-year': 'half', monthly: 'month' } as const;
type Kind = keyof typeof KINDS;
const FORMATS: Record<Kind, string[]> = {
  annual: ['json', 'html', 'xlsx', 'docx'],
  'half-year': ['json', 'html'],
  monthly: ['json', 'html'],
  'data-quality': ['json'],
};

/** A flag that takes a value: given without one is an error, not the default. */
function valueFlag(args: Parameters<CliCommand['run']>[0], name: string): string | undefined {
  if (args.flags[name] === true) throw usageError(`--${name} needs a value`);
  return flag(args, name);
}

const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

/** "a, b or c" */
const oneOf = (xs: readonly string[]) => `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;

export const command: CliCommand = {
  async run(args, io) {
    const kind = args.positional[0] as Kind | undefined;
    if (!kind || !(kind in KINDS)) throw usageError(`Usage: birgemiz ${USAGE}`);
    const format = valueFlag(args, 'format') ?? 'json';
    if (!FORMATS[kind].includes(format))
      throw usageError(`--format of the ${kind} report must be ${FORMATS[kind].join(', ')} (got ${format})`);
    const lang = valueFlag(args, 'lang') ?? 'en';
    if (!isLang(lang)) throw usageError(`--lang must be ${oneOf(LANGS)} (got ${lang})`);
    const provisional = args.flags.provisional === true;
    const out = valueFlag(args, 'out');
    const byYear = KINDS[kind] === 'year';
    const periodText = valueFlag(args, byYear ? 'year' : 'period');
    const period = periodText ? parsePeriod(periodText) : null;
    if (!period || period.kind !== KINDS[kind])
      throw usageError(
        byYear
          ? `--year YYYY is required (got ${periodText ?? 'nothing'})`
          : `--period ${kind === 'monthly' ? 'YYYY-MM' : 'YYYY-H1|YYYY-H2'} is required (got ${periodText ?? 'nothing'})`,
      );
    const regionFlag = valueFlag(args, 'region');
    if (regionFlag !== undefined && kind !== 'monthly')
      throw usageError('--region is for the monthly report (the others cover every region)');
    const mapFlag = valueFlag(args, 'map');
    if (mapFlag !== undefined && mapFlag !== 'current' && mapFlag !== String(period.year))
      throw usageError(`--map must be ${period.year} or current`);
    const map = mapFlag === 'current' ? 'current' : 'year';
    const fteText = valueFlag(args, 'fte-hours') ?? valueFlag(args, 'fteHours');
    // The HTTP query's rule (the hours of a year, within YEAR_HOURS).
    const fte = fteHoursQuery.safeParse(fteText);
    if (!fte.success)
      throw usageError(
        `--fte-hours must be a positive number of hours, from ${fteHoursQuery.unwrap().minValue} to ${fteHoursQuery.unwrap().maxValue}`,
      );
    const fteHours = fte.data ?? null;
    if (fteHours !== null && kind !== 'annual') throw usageError('--fte-hours is for the annual report');

    const body = await withDatabase(args, io, async (database): Promise<string | Buffer> => {
      const db = database.db;
      if (kind === 'annual') {
        const report = await buildAnnualReport(db, period.year, { lang, provisional, map, fteHours });
        if (format === 'json') return json(report);
        const render = await import('../../modules/reports/render/index.ts');
        if (format === 'html') return render.renderAnnualHtml(report);
        if (format === 'xlsx') return render.renderAnnualXlsx(report);
        return render.renderAnnualDocx(report);
      }
      if (kind === 'data-quality')
        return json(await buildDataQuality(db, period.year, { lang, provisional, map }));
      if (kind === 'half-year') {
        const report = await buildHalfYearReport(db, period, { lang, provisional, map });
        if (format === 'json') return json(report);
        return (await import('../../modules/reports/render/index.ts')).renderHalfYearHtml(report);
      }
      let region: string | null = null;
      if (regionFlag !== undefined) {
        const row = await db
          .selectFrom('territory_unit')
          .select('code')
          .where('code', '=', regionFlag.trim().toUpperCase())
          .executeTakeFirst();
        if (!row) throw notFound(`Unknown region: ${regionFlag} (expected a code such as KZ-75)`);
        region = row.code;
      }
      const report = await buildMonthlyReport(db, period, { lang, provisional, map, region });
      if (format === 'json') return json(report);
      return (await import('../../modules/reports/render/index.ts')).renderMonthlyHtml(report);
    });
    if (out) {
      fs.writeFileSync(out, body);
      io.stderr.write(
        `Written ${out} (${typeof body === 'string' ? Buffer.byteLength(body) : body.length} bytes)\n`,
      );
    } else if (typeof body === 'string') io.stdout.write(body);
    else if (io.stdout.isTTY) throw usageError(`--format ${format} is binary: give --out FILE`);
    else io.stdout.write(body);
    return 0;
  },
};
