// Public report routes (no login): the annual report, "Volunteers in numbers", the monthly
// monitoring, the data-quality view and the dashboard, as JSON. The same reports as documents
// (.html, and the annual one as .xlsx / .docx) have routes of their own in documents.routes.ts.
// Public answers are cached per route and normalised query for the current data version
// (cache.ts); provisional ones, for staff only, are computed every time.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parsePeriod } from '../../domain/periods.ts';
import { badRequest } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { knownRegion, regionKey } from '../reference/regions.ts';
import { type AnnualOptions, buildAnnualReport } from './annual.service.ts';
import { ResponseCache, serializerFor } from './cache.ts';
import { buildDashboard } from './dashboard.service.ts';
import { buildHalfYearReport } from './halfyear.service.ts';
import { buildMonthlyReport } from './monthly.service.ts';
import { assertProvisionalAllowed, reportOptions } from './provisional.ts';
import { buildDataQuality } from './quality.service.ts';
import {
  AnnualReport,
  annualQuerySchema,
  Dashboard,
  DataQuality,
  dashboardQuerySchema,
  HalfYearReport,
  MonthlyReport,
  monthlyQuerySchema,
  reportQuerySchema,
} from './reports.schemas.ts';

const errors = problems(400, 403, 404);

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

export default async function reportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cache = new ResponseCache();
  const serializers = {
    annual: serializerFor(AnnualReport, 'GET', '/api/reports/annual/:year'),
    half: serializerFor(HalfYearReport, 'GET', '/api/reports/half-year/:period'),
    monthly: serializerFor(MonthlyReport, 'GET', '/api/reports/monthly/:period'),
    quality: serializerFor(DataQuality, 'GET', '/api/reports/data-quality/:year'),
    dashboard: serializerFor(Dashboard, 'GET', '/api/dashboard'),
  };
  /**
   * The answer of a report: provisional figures computed every time; public ones `build()`'s or
   * the one cached under `key` (the route and its normalised query) at the current data version.
   * X-Cache tells which.
   */
  async function cached<T>(
    reply: FastifyReply,
    provisional: boolean,
    key: string,
    serialize: (data: unknown) => string,
    build: () => Promise<T>,
  ): Promise<T | FastifyReply> {
    if (provisional) return build();
    const version = await app.dataVersion();
    const answer = await cache.get(key, version, build, serialize);
    return reply
      .header('x-cache', answer.hit ? 'hit' : 'miss')
      .type('application/json; charset=utf-8')
      .send(answer.body);
  }

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
        querystring: annualQuerySchema,
        response: { 200: AnnualReport, ...errors },
      },
    },
    async (req, reply) => {
      const period = periodParam(req.params.year, 'year');
      const opts: AnnualOptions = {
        ...reportOptions(req.user, req.query, period.year),
        fteHours: req.query.fteHours ?? null,
      };
      const key = `annual ${period.year} ${opts.lang} ${opts.map} ${opts.fteHours ?? ''}`;
      return cached(reply, opts.provisional, key, serializers.annual, () =>
        buildAnnualReport(app.database.db, period.year, opts),
      );
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
        querystring: reportQuerySchema,
        response: { 200: HalfYearReport, ...errors },
      },
    },
    async (req, reply) => {
      const period = periodParam(req.params.period, 'half');
      const opts = reportOptions(req.user, req.query, period.year);
      const key = `half ${period.text} ${opts.lang} ${opts.map}`;
      return cached(reply, opts.provisional, key, serializers.half, () =>
        buildHalfYearReport(app.database.db, period, opts),
      );
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
        querystring: monthlyQuerySchema,
        response: { 200: MonthlyReport, ...errors },
      },
    },
    async (req, reply) => {
      const period = periodParam(req.params.period, 'month');
      const opts = reportOptions(req.user, req.query, period.year);
      const raw = req.query.region;
      const build = async () =>
        buildMonthlyReport(app.database.db, period, {
          ...opts,
          region: raw ? await knownRegion(app.database.db, raw) : null,
        });
      const key = `monthly ${period.text} ${opts.lang} ${opts.map} ${raw ? regionKey(raw) : ''}`;
      return cached(reply, opts.provisional, key, serializers.monthly, build);
    },
  );

  r.get(
    '/api/reports/data-quality/:year',
    {
      schema: {
        tags: ['reports'],
        summary: 'Data quality of a year: completeness, timeliness, coverage, excluded records, outliers',
        params: z.object({ year: z.string() }),
        querystring: reportQuerySchema,
        response: { 200: DataQuality, ...errors },
      },
    },
    async (req, reply) => {
      const period = periodParam(req.params.year, 'year');
      const opts = reportOptions(req.user, req.query, period.year);
      const key = `quality ${period.year} ${opts.lang} ${opts.map}`;
      return cached(reply, opts.provisional, key, serializers.quality, () =>
        buildDataQuality(app.database.db, period.year, opts),
      );
    },
  );

  r.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: 'Public dashboard: key figures, hours by area, regions, monthly dynamics, gender and age',
        querystring: dashboardQuerySchema,
        response: { 200: Dashboard, ...errors },
      },
    },
    async (req, reply) => {
      assertProvisionalAllowed(req.user, req.query.provisional);
      const { year, region: raw, lang, provisional } = req.query;
      const build = () =>
        buildDashboard(app.database.db, { year: year ?? null, region: raw ?? null, lang, provisional });
      // Without a year the dashboard shows the latest year complete enough (dashboardYears), or
      // last year when none has data: the calendar year is part of the key.
      const key = `dashboard ${year ?? `latest-${new Date().getUTCFullYear()}`} ${raw ? regionKey(raw) : ''} ${lang}`;
      return cached(reply, provisional, key, serializers.dashboard, build);
    },
  );
}
