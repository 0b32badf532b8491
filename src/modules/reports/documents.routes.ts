// The reports as documents: the annual report as a standalone HTML page, an .xlsx workbook and a
// .docx document; "Volunteers in numbers" (half-year) and the monthly monitoring as HTML pages.
// The dotted paths (/api/reports/annual/2022.html) sit beside the JSON routes
// (/api/reports/annual/2022): Fastify's router matches a parameter followed by a static suffix in
// the same segment, so `:year.html` is its own route. The figures come from the same services as
// the JSON; the renderers only lay them out.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parsePeriod } from '../../domain/periods.ts';
import { badRequest } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { knownRegion } from '../reference/regions.ts';
import { buildAnnualReport } from './annual.service.ts';
import { mapOption } from './common.ts';
import { buildHalfYearReport } from './halfyear.service.ts';
import { buildMonthlyReport } from './monthly.service.ts';
import { assertProvisionalAllowed } from './provisional.ts';
import {
  renderAnnualDocx,
  renderAnnualHtml,
  renderAnnualXlsx,
  renderHalfYearHtml,
  renderMonthlyHtml,
} from './render/index.ts';
import { annualQuerySchema, monthlyQuerySchema, reportQuerySchema } from './reports.schemas.ts';

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
type Format = keyof typeof CONTENT_TYPES;

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const halfParams = z.object({ period: z.string().regex(/^\d{4}-H[12]$/) });
const monthParams = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });

const errors = problems(400, 401, 403, 404);
/** The document itself, documented under its own media type (not as JSON). */
const fileResponse = (type: string, what: string) => ({
  200: {
    description: what,
    content: { [type.split(';')[0] as string]: { schema: z.string().describe(what) } },
  },
  ...errors,
});

function period(text: string, kind: 'half' | 'month') {
  const p = parsePeriod(text);
  if (!p || p.kind !== kind) throw badRequest(`Not a ${kind === 'half' ? 'half-year' : 'month'}: ${text}`);
  return p;
}

function send(reply: FastifyReply, format: Format, fileName: string, body: string | Buffer) {
  const disposition = format === 'html' ? 'inline' : 'attachment';
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `${disposition}; filename="${fileName}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export default async function documentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  const annual = (format: Format) =>
    app.get(
      `/api/reports/annual/:year.${format}`,
      {
        schema: {
          tags: ['reports'],
          summary: `Annual analytical report as ${format === 'html' ? 'a standalone HTML page (charts as inline SVG, A4 print styles)' : format === 'xlsx' ? 'an .xlsx workbook (every table on its own sheet)' : 'a .docx document (headings, tables, charts as images)'}: GET /api/reports/annual/{year}.${format}`,
          params: yearParams,
          querystring: annualQuerySchema,
          response: fileResponse(CONTENT_TYPES[format], `The annual report (${format})`),
        },
      },
      async (request, reply) => {
        const q = request.query;
        assertProvisionalAllowed(request.user, q.provisional);
        const year = request.params.year;
        const report = await buildAnnualReport(db(), year, {
          lang: q.lang,
          provisional: q.provisional,
          map: mapOption(q, year),
          fteHours: q.fteHours ?? null,
        });
        const name = `birgemiz-annual-${report.year}${report.territory === 'current' ? '-current' : ''}-${q.lang}`;
        if (format === 'html') return send(reply, 'html', name, renderAnnualHtml(report, q.lang));
        if (format === 'xlsx') return send(reply, 'xlsx', name, await renderAnnualXlsx(report, q.lang));
        return send(reply, 'docx', name, await renderAnnualDocx(report, q.lang));
      },
    );
  annual('html');
  annual('xlsx');
  annual('docx');

  app.get(
    '/api/reports/half-year/:period.html',
    {
      schema: {
        tags: ['reports'],
        summary:
          '"Volunteers in numbers" for a half-year as a one-page printable infographic (HTML): GET /api/reports/half-year/{YYYY-H1|YYYY-H2}.html',
        params: halfParams,
        querystring: reportQuerySchema,
        response: fileResponse(CONTENT_TYPES.html, '"Volunteers in numbers" as an HTML page'),
      },
    },
    async (request, reply) => {
      const q = request.query;
      assertProvisionalAllowed(request.user, q.provisional);
      const p = period(request.params.period, 'half');
      const report = await buildHalfYearReport(db(), p, {
        lang: q.lang,
        provisional: q.provisional,
        map: mapOption(q, p.year),
      });
      const html = renderHalfYearHtml(report, q.lang);
      return send(reply, 'html', `birgemiz-volunteers-in-numbers-${p.text}-${q.lang}`, html);
    },
  );

  app.get(
    '/api/reports/monthly/:period.html',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Monthly monitoring as HTML: the month and year to date, per region and national, with the monthly dynamics chart: GET /api/reports/monthly/{YYYY-MM}.html',
        params: monthParams,
        querystring: monthlyQuerySchema,
        response: fileResponse(CONTENT_TYPES.html, 'The monthly monitoring as an HTML page'),
      },
    },
    async (request, reply) => {
      const q = request.query;
      assertProvisionalAllowed(request.user, q.provisional);
      const p = period(request.params.period, 'month');
      const region = q.region ? await knownRegion(db(), q.region) : null;
      const report = await buildMonthlyReport(db(), p, {
        lang: q.lang,
        provisional: q.provisional,
        map: mapOption(q, p.year),
        region,
      });
      const name = `birgemiz-monthly-${p.text}${region ? `-${region}` : ''}-${q.lang}`;
      return send(reply, 'html', name, renderMonthlyHtml(report, q.lang));
    },
  );
}
