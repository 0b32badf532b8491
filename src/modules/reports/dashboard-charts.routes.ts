// GET /api/dashboard/charts/:name: one chart of the public dashboard as an SVG image drawn on the
// server (dashboard-charts.service.ts), for the web application to inline, so that the browser never
// loads a charting library for the dashboard. Same query as GET /api/dashboard (year, region, lang,
// provisional for staff only) plus the width to draw at. Public answers are cached per chart and
// normalised query for the current data version (cache.ts), as the dashboard's JSON is; the figures
// a set of charts is drawn from are computed once for all of them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { regionKey } from '../reference/regions.ts';
import { ResponseCache } from './cache.ts';
import { buildDashboard } from './dashboard.service.ts';
import {
  CHART_WIDTH,
  DASHBOARD_CHARTS,
  type DashboardChart,
  renderDashboardChart,
} from './dashboard-charts.service.ts';
import { assertProvisionalAllowed } from './provisional.ts';
import { type Dashboard, dashboardQuerySchema } from './reports.schemas.ts';

const SVG_TYPE = 'image/svg+xml; charset=utf-8';

export const DashboardChartQuery = dashboardQuerySchema.extend({
  width: z.coerce
    .number()
    .int()
    .min(CHART_WIDTH.min)
    .max(CHART_WIDTH.max)
    .optional()
    .describe(
      `Width to draw at, in pixels (${CHART_WIDTH.min}–${CHART_WIDTH.max}, default ${CHART_WIDTH.default}); the SVG scales with its viewBox`,
    ),
});

export default async function dashboardChartRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svgs = new ResponseCache(256, 16 * 1024 * 1024);
  // The figures behind the charts of one query, kept as JSON for the same data version: the five
  // charts of a page ask at the same time and share one computation.
  const figures = new ResponseCache(32, 8 * 1024 * 1024);

  app.get(
    '/api/dashboard/charts/:name',
    {
      schema: {
        tags: ['reports'],
        summary: `One chart of the public dashboard as an SVG image (${DASHBOARD_CHARTS.join(', ')})`,
        description:
          'Drawn on the server from the figures of GET /api/dashboard with the same query; an <svg role="img" aria-label="…"> that can be inlined in a page (every text in it escaped). The figures are also in the tables beside the charts. 404 for an unknown chart or region.',
        params: z.object({ name: z.string().max(40).describe(DASHBOARD_CHARTS.join(' | ')) }),
        querystring: DashboardChartQuery,
        response: {
          200: {
            description: 'The chart (image/svg+xml)',
            content: { 'image/svg+xml': { schema: z.string().describe('An <svg> element') } },
          },
          ...problems(400, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const name = req.params.name as DashboardChart;
      if (!DASHBOARD_CHARTS.includes(name))
        throw notFound(`Unknown chart: ${req.params.name} (the charts: ${DASHBOARD_CHARTS.join(', ')})`);
      const { year, region: raw, lang, provisional } = req.query;
      assertProvisionalAllowed(req.user, provisional);
      const width = req.query.width ?? CHART_WIDTH.default;
      const data = () =>
        buildDashboard(app.database.db, { year: year ?? null, region: raw ?? null, lang, provisional });
      reply.header('content-type', SVG_TYPE).header('x-content-type-options', 'nosniff');
      if (provisional) {
        reply.header('cache-control', 'private, no-store');
        return reply.send(renderDashboardChart(name, await data(), lang, width));
      }
      // Without a year the dashboard's default year is shown (dashboardYears): the calendar year
      // is part of the key.
      const query = `${year ?? `latest-${new Date().getUTCFullYear()}`} ${raw ? regionKey(raw) : ''} ${lang}`;
      const version = await app.dataVersion();
      const draw = async () => {
        const json = await figures.get(query, version, data, (d) => JSON.stringify(d));
        return renderDashboardChart(name, JSON.parse(json.body) as Dashboard, lang, width);
      };
      const answer = await svgs.get(`${name} ${width} ${query}`, version, draw, (s) => s as string);
      return reply.header('x-cache', answer.hit ? 'hit' : 'miss').send(answer.body);
    },
  );
}
