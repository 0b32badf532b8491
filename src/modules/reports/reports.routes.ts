// Public report routes (no login): the annual report, "Volunteers in numbers", the monthly
// monitoring, the data-quality view and the dashboard, as JSON. The same reports as documents
// (.html, and the annual one as .xlsx / .docx) have routes of their own in documents.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parsePeriod } from '../../domain/periods.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { type AnnualOptions, buildAnnualReport } from './annual.service.ts';
import { AnnualReport, Dashboard, DataQuality, HalfYearReport, Lang, MonthlyReport } from './annual.types.ts';
import { buildDashboard } from './dashboard.service.ts';
import { buildHalfYearReport } from './halfyear.service.ts';
import { buildMonthlyReport } from './monthly.service.ts';
import { assertProvisionalAllowed } from './provisional.ts';
import { buildDataQuality } from './quality.service.ts';

const ErrorBody = z.object({ error: z.string(), message: z.string(), details: z.array(z.any()) });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const CommonQuery = z.object({
  lang: Lang.default('en').describe('Language of names and narrative: kk, ru or en'),
  provisional: bool.describe(
    'true: include submitted-but-not-accepted data, marked provisional (national and front-office staff only: 403 otherwise)',
  ),
  map: z
    .string()
    .regex(/^(\d{4}|year|current)$/)
    .optional()
    .describe("Territory: the year's own map (e.g. 2022: 17 units) or 'current' (20 units)"),
});

const AnnualQuery = CommonQuery.extend({
  fteHours: z.coerce
    .number()
    .positive()
    .max(8784)
    .optional()
    .describe('Hours of one full-time-equivalent year (default: working_time.fte_hours, else annual_hours)'),
});

/** The period of a JSON route's path; the documents have routes of their own (documents.routes.ts). */
function periodParam(raw: string, kind: 'year' | 'half' | 'month') {
  const p = parsePeriod(raw);
  if (!p || p.kind !== kind)
    throw badRequest(
      kind === 'year'
        ? `Not a year: ${raw} (expected YYYY; the documents are at YYYY.html, YYYY.xlsx and YYYY.docx)`
        : kind === 'half'
          ? `Not a half-year: ${raw} (expected YYYY-H1 or YYYY-H2; the page is at YYYY-H1.html)`
          : `Not a month: ${raw} (expected YYYY-MM; the page is at YYYY-MM.html)`,
      [{ rule: 'period', value: raw }],
    );
  return p;
}

function mapOf(map: string | undefined, year: number): 'year' | 'current' {
  if (map === undefined || map === 'year') return 'year';
  if (map === 'current') return 'current';
  if (Number(map) !== year)
    throw badRequest(`map=${map}: a report of ${year} can be shown on the map of ${year} or 'current'`);
  return 'year';
}

export default async function reportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/reports/annual/:year',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The annual analytical report (JSON; the documents: /api/reports/annual/{year}.html|.xlsx|.docx)',
        description:
          'FORMATS.md "annual report JSON": its keys are a public contract. Computed from the aggregates of accepted submissions; provisional=true adds submitted ones (national and front-office staff only: 403 otherwise).',
        params: z.object({ year: z.string().max(20).describe('YYYY') }),
        querystring: AnnualQuery,
        response: { 200: AnnualReport, ...errors },
      },
    },
    async (req) => {
      const period = periodParam(req.params.year, 'year');
      assertProvisionalAllowed(req, req.query.provisional);
      const opts: AnnualOptions = {
        lang: req.query.lang,
        provisional: req.query.provisional,
        map: mapOf(req.query.map, period.year),
        fteHours: req.query.fteHours ?? null,
      };
      return buildAnnualReport(app.database.db, period.year, opts);
    },
  );

  r.get(
    '/api/reports/half-year/:period',
    {
      schema: {
        tags: ['reports'],
        summary:
          '"Volunteers in numbers" for a half-year (JSON; the page: /api/reports/half-year/{period}.html)',
        params: z.object({ period: z.string().max(20).describe('YYYY-H1 or YYYY-H2') }),
        querystring: CommonQuery,
        response: { 200: HalfYearReport, ...errors },
      },
    },
    async (req) => {
      const period = periodParam(req.params.period, 'half');
      assertProvisionalAllowed(req, req.query.provisional);
      return buildHalfYearReport(app.database.db, period, {
        lang: req.query.lang,
        provisional: req.query.provisional,
        map: mapOf(req.query.map, period.year),
      });
    },
  );

  r.get(
    '/api/reports/monthly/:period',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Monthly monitoring: the month and year to date, per region and national (JSON; the page: /api/reports/monthly/{period}.html)',
        params: z.object({ period: z.string().max(20).describe('YYYY-MM') }),
        querystring: CommonQuery.extend({
          region: z.string().max(20).optional().describe('Only this region'),
        }),
        response: { 200: MonthlyReport, ...errors },
      },
    },
    async (req) => {
      const period = periodParam(req.params.period, 'month');
      assertProvisionalAllowed(req, req.query.provisional);
      const region = req.query.region ? await knownRegion(app, req.query.region) : null;
      return buildMonthlyReport(app.database.db, period, {
        lang: req.query.lang,
        provisional: req.query.provisional,
        map: mapOf(req.query.map, period.year),
        region,
      });
    },
  );

  r.get(
    '/api/reports/data-quality/:year',
    {
      schema: {
        tags: ['reports'],
        summary: 'Data quality of a year: completeness, timeliness, coverage, excluded records, outliers',
        params: z.object({ year: z.string() }),
        querystring: CommonQuery,
        response: { 200: DataQuality, ...errors },
      },
    },
    async (req) => {
      const period = periodParam(req.params.year, 'year');
      assertProvisionalAllowed(req, req.query.provisional);
      return buildDataQuality(app.database.db, period.year, {
        lang: req.query.lang,
        provisional: req.query.provisional,
        map: mapOf(req.query.map, period.year),
      });
    },
  );

  r.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: 'Public dashboard: key figures, hours by area, regions, monthly dynamics, gender and age',
        querystring: z.object({
          year: z.coerce
            .number()
            .int()
            .min(2000)
            .max(2100)
            .optional()
            .describe('Default: the latest year with data'),
          region: z.string().max(20).optional(),
          lang: Lang.default('en'),
          provisional: bool.describe('true: include submitted-but-not-accepted data (staff only)'),
        }),
        response: { 200: Dashboard, ...errors },
      },
    },
    async (req) => {
      assertProvisionalAllowed(req, req.query.provisional);
      const region = req.query.region ? await knownRegion(app, req.query.region) : null;
      return buildDashboard(app.database.db, {
        year: req.query.year ?? null,
        region,
        lang: req.query.lang,
        provisional: req.query.provisional,
      });
    },
  );
}

async function knownRegion(app: FastifyInstance, raw: string): Promise<string> {
  const code = raw.trim().toUpperCase();
  const row = await app.database.db
    .selectFrom('territory_unit')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound(`Unknown region: ${raw}`);
  return row.code;
}
