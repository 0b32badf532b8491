// The reports as documents: the annual report as a standalone HTML page, an .xlsx workbook and a
// .docx document; "Volunteers in numbers" (half-year) and the monthly monitoring as HTML pages.
// The dotted paths (/api/reports/annual/2022.html) sit beside the JSON routes
// (/api/reports/annual/2022): Fastify's router matches a parameter followed by a static suffix in
// the same segment, so `:year.html` is its own route. The figures come from the same services as
// the JSON; the renderers only lay them out.
// A document takes up to half a second of the server's thread to build (the .docx), so public ones
// are cached per normalised query and data version like the JSON (cache.ts: built once per version,
// requests arriving meanwhile wait for that one build), and builds — not cached answers — are
// limited per caller (build-limit.ts: 429 with Retry-After beyond the allowance).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parsePeriod } from '../../domain/periods.ts';
import { addressKey } from '../../lib/client-address.ts';
import { badRequest } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { knownRegion, regionKey } from '../reference/regions.ts';
import { buildAnnualReport } from './annual.service.ts';
import { BuildAllowance, BuildQueue, buildsBusy, DOCUMENT_BUILDS, tooManyBuilds } from './build-limit.ts';
import { ResponseCache } from './cache.ts';
import { buildHalfYearReport } from './halfyear.service.ts';
import { buildMonthlyReport } from './monthly.service.ts';
import { reportOptions } from './provisional.ts';
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

const errors = problems(400, 401, 403, 404, 429, 503);
/** The documents kept: a .docx of the annual report with its charts is some hundreds of kilobytes. */
const DOCUMENT_CACHE = { entries: 256, bytes: 64 * 1024 * 1024 };
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

type Document = string | Buffer;

function send(
  reply: FastifyReply,
  format: Format,
  fileName: string,
  answer: { body: Document; hit: boolean },
) {
  const disposition = format === 'html' ? 'inline' : 'attachment';
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `${disposition}; filename="${fileName}.${format}"`)
    .header('cache-control', 'no-store')
    .header('x-cache', answer.hit ? 'hit' : 'miss')
    .send(answer.body);
}

export default async function documentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const cache = new ResponseCache<Document>(DOCUMENT_CACHE.entries, DOCUMENT_CACHE.bytes);
  const allowances = {
    anonymous: new BuildAllowance(DOCUMENT_BUILDS.anonymous, DOCUMENT_BUILDS.windowMs),
    signedIn: new BuildAllowance(DOCUMENT_BUILDS.signedIn, DOCUMENT_BUILDS.windowMs),
  };
  const queue = app.config.documentBuilds ?? new BuildQueue();

  /** Lets a build of `format` start for this caller, or refuses it: 503 (queue full), 429 (allowance spent). */
  function admit(request: FastifyRequest, reply: FastifyReply, format: Format): void {
    const refuse = (seconds: number, err: Error) => {
      reply.header('retry-after', String(seconds));
      throw err;
    };
    if (!request.user && queue.length >= DOCUMENT_BUILDS.maxWaiting)
      refuse(queue.length + 1, buildsBusy(queue.length + 1));
    const allowance = request.user ? allowances.signedIn : allowances.anonymous;
    const caller = request.user ? `user ${request.user.id}` : addressKey(request.ip);
    const cost = format === 'docx' ? DOCUMENT_BUILDS.cost.docx : DOCUMENT_BUILDS.cost.other;
    const wait = allowance.take(caller, cost);
    if (wait > 0) refuse(wait, tooManyBuilds(wait, allowance.units, allowance.windowMs));
  }

  /**
   * The document under `key` (the route and its normalised query): public figures from the cache at
   * the current data version, else built (counted against the caller's allowance); provisional ones,
   * for staff only, built every time.
   */
  async function document(
    request: FastifyRequest,
    reply: FastifyReply,
    format: Format,
    key: string,
    provisional: boolean,
    build: () => Promise<Document>,
  ): Promise<{ body: Document; hit: boolean }> {
    const version = provisional ? null : await app.dataVersion();
    if (!cache.has(key, version)) admit(request, reply, format);
    return cache.get(
      key,
      version,
      () => queue.run(build),
      (body) => body as Document,
    );
  }

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
        const year = request.params.year;
        const opts = { ...reportOptions(request.user, q, year), fteHours: q.fteHours ?? null };
        const build = async (): Promise<Document> => {
          const report = await buildAnnualReport(db(), year, opts);
          if (format === 'html') return renderAnnualHtml(report, q.lang);
          if (format === 'xlsx') return renderAnnualXlsx(report, q.lang);
          return renderAnnualDocx(report, q.lang);
        };
        const key = `annual.${format} ${year} ${opts.lang} ${opts.map} ${opts.fteHours ?? ''}`;
        const name = `birgemiz-annual-${year}${opts.map === 'current' ? '-current' : ''}-${q.lang}`;
        return send(
          reply,
          format,
          name,
          await document(request, reply, format, key, opts.provisional, build),
        );
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
      const p = period(request.params.period, 'half');
      const opts = reportOptions(request.user, q, p.year);
      const build = async () => renderHalfYearHtml(await buildHalfYearReport(db(), p, opts), q.lang);
      const key = `half.html ${p.text} ${opts.lang} ${opts.map}`;
      const answer = await document(request, reply, 'html', key, opts.provisional, build);
      return send(reply, 'html', `birgemiz-volunteers-in-numbers-${p.text}-${q.lang}`, answer);
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
      const p = period(request.params.period, 'month');
      const opts = reportOptions(request.user, q, p.year);
      // Resolved before the cache: an unknown region is 404 every time, and no build.
      const region = q.region ? await knownRegion(db(), q.region) : null;
      const build = async () =>
        renderMonthlyHtml(await buildMonthlyReport(db(), p, { ...opts, region }), q.lang);
      const key = `monthly.html ${p.text} ${opts.lang} ${opts.map} ${region ? regionKey(region) : ''}`;
      const name = `birgemiz-monthly-${p.text}${region ? `-${region}` : ''}-${q.lang}`;
      return send(reply, 'html', name, await document(request, reply, 'html', key, opts.provisional, build));
    },
  );
}
