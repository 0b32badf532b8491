// The platform's side of the statistics: the front office's answer to a probable duplicate, and the
// platform's public figures on the dashboard (cached per query for the data version and the hour,
// as the dashboard's other answers are for the data version).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { problems } from '../../lib/schemas.ts';
import { knownRegion, regionKey } from '../reference/regions.ts';
import { ResponseCache, serializerFor } from '../reports/cache.ts';
import { platformDashboard } from './platform-stats.dashboard.ts';
import { markNotDuplicate } from './platform-stats.review.ts';
import {
  notDuplicateAnswerSchema,
  notDuplicateBodySchema,
  platformDashboardQuerySchema,
  platformDashboardSchema,
} from './platform-stats.schemas.ts';

export default async function platformStatsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const cache = new ResponseCache(64, 4 * 1024 * 1024);
  const serialize = serializerFor(platformDashboardSchema, 'GET', '/api/dashboard/platform');

  app.get(
    '/api/dashboard/platform',
    {
      schema: {
        tags: ['reports'],
        summary: 'Public dashboard: the volunteer platform’s figures by region and by area',
        description:
          'Organisations verified on the platform (by area: those with a published opportunity of the area), published opportunities of verified organisations, the places of their shifts not yet started (offered, and free: not taken by a pending, accepted or attended application), applications by status (every opportunity, history included) and the hours confirmed by organisers (not revoked). The platform as it is now, not a reporting period: `asOf` says when (figures are recomputed at most hourly and on every change of data). `region`: only that region (code or name; 404 if unknown).',
        querystring: platformDashboardQuerySchema,
        response: { 200: platformDashboardSchema, ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const raw = req.query.region;
      const region = raw ? await knownRegion(app.database.db, raw) : null;
      // Places are those of shifts starting after now: the hour is part of the key.
      const hour = `${new Date().toISOString().slice(0, 13)}:00:00.000Z`;
      const key = `platform ${hour} ${raw ? regionKey(raw) : ''} ${req.query.lang}`;
      const version = await app.dataVersion();
      const answer = await cache.get(
        key,
        version,
        () => platformDashboard(app.database.db, { region, lang: req.query.lang, now: hour }),
        serialize,
      );
      return reply
        .header('x-cache', answer.hit ? 'hit' : 'miss')
        .type('application/json; charset=utf-8')
        .send(answer.body as never);
    },
  );

  app.post(
    '/api/platform/duplicates',
    {
      onRequest: async (request) => {
        authorize(request.user, 'platform.duplicates.resolve');
      },
      schema: {
        tags: ['platform'],
        summary: 'Mark a probable duplicate as not a duplicate',
        description:
          'A record of the platform and one of the front office’s (same region and month) that the review flags as probably the same event (same organiser, overlapping dates, similar title): the front office says they are not, and the flag does not come back. Audited on the front office’s record (action not_duplicate). The other answer to a flag is deleting the front office’s own record (DELETE /api/activities/{id}); the platform’s record cannot be deleted. 409 not_a_duplicate_pair when the first is not a platform record of the same region and month as the second.',
        body: notDuplicateBodySchema,
        response: { 200: notDuplicateAnswerSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => markNotDuplicate(app.database.db, requireActor(request.user), request.body),
  );
}
