// Stocks of a region and period: unique volunteers (GET/PUT /api/volunteers/:region/:period) and
// the counts of organisations (GET/PUT /api/org-counts/:region/:period).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { rawParam, signedIn } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import {
  orgCountsBodySchema,
  orgCountsSchema,
  stocksParamsSchema as params,
  volunteerStocksSchema,
  volunteersBodySchema,
} from './stocks.schemas.ts';
import { getOrgCounts, getVolunteers, putOrgCounts, putVolunteers } from './stocks.service.ts';

// Scope before the body is validated: another region's RFO gets 403 whatever it sends.
const regionWriter = async (request: FastifyRequest) => {
  authorize(request.user, 'region.write', { region: rawParam(request, 'region') });
};

const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 409, 422);

export default async function stocksRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/volunteers/:region/:period',
    {
      schema: {
        tags: ['stocks'],
        summary: 'Unique volunteers of a region and period, by dimension and category',
        description:
          'updatedAt is the time of the last save (null when nothing was entered): send it back with PUT. volunteers null = not reported.',
        params,
        response: { 200: volunteerStocksSchema, ...readErrors },
      },
    },
    async (request) =>
      getVolunteers(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
      ),
  );

  app.put(
    '/api/volunteers/:region/:period',
    {
      onRequest: regionWriter,
      schema: {
        tags: ['stocks'],
        summary: 'Replace the volunteer figures of a region and period (the whole set)',
        description:
          'Rows not sent are removed. Each row is validated (dimension and category codes, whole numbers ≥ 0 or null) and each fully reported dimension must sum to the total (422 breakdown_sum). updatedAt must be the one read (409 stale_version with the current figures otherwise). Only into an open submission (409 submission_closed).',
        params,
        body: volunteersBodySchema,
        response: { 200: volunteerStocksSchema, ...writeErrors },
      },
    },
    async (request) =>
      putVolunteers(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
        request.body,
      ),
  );

  app.get(
    '/api/org-counts/:region/:period',
    {
      schema: {
        tags: ['stocks'],
        summary: 'Counts of volunteer NPOs and initiative groups of a region (YYYY or YYYY-MM)',
        params,
        response: { 200: orgCountsSchema, ...readErrors },
      },
    },
    async (request) =>
      getOrgCounts(app.database.db, requireActor(request.user), request.params.region, request.params.period),
  );

  app.put(
    '/api/org-counts/:region/:period',
    {
      onRequest: regionWriter,
      schema: {
        tags: ['stocks'],
        summary: 'Set the counts of volunteer NPOs and initiative groups (null = not reported)',
        description:
          'updatedAt must be the one read (null for a first entry): 409 stale_version with the current counts otherwise. Only into an open submission.',
        params,
        body: orgCountsBodySchema,
        response: { 200: orgCountsSchema, ...writeErrors },
      },
    },
    async (request) =>
      putOrgCounts(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
        request.body,
      ),
  );
}
