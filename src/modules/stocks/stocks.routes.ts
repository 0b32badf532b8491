// Stocks of a region and period: unique volunteers (GET/PUT /api/volunteers/:region/:period) and
// the counts of organisations (GET/PUT /api/org-counts/:region/:period).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodParam, regionParam } from '../submissions/submissions.schemas.ts';
import { assertWriteRegion, requireUser } from '../users/access.ts';
import { errorSchema, text } from '../users/users.schemas.ts';
import { getOrgCounts, getVolunteers, putOrgCounts, putVolunteers } from './stocks.service.ts';

// Scope before the body is validated: another region's RFO gets 403 whatever it sends.
const regionWriter = async (request: FastifyRequest) => {
  assertWriteRegion(request.user, String((request.params as { region?: unknown }).region ?? ''));
};

const params = z.object({ region: regionParam, period: periodParam });
const count = z.number().int().min(0).max(2147483647).nullable();
const stamp = text(40).nullable();
const submissionState = z.object({ status: z.string(), version: z.number().int() });
const readErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const writeErrors = { ...readErrors, 409: errorSchema, 422: errorSchema };

const volunteersResponse = z.object({
  region: z.string(),
  period: z.string(),
  updatedAt: z.string().nullable(),
  illustrative: z.boolean(),
  rows: z.array(z.object({ dimension: z.string(), category: z.string(), volunteers: z.number().nullable() })),
  submission: submissionState,
});

const orgCountsResponse = z.object({
  region: z.string(),
  period: z.string(),
  npo: z.number().nullable(),
  initiativeGroups: z.number().nullable(),
  updatedAt: z.string().nullable(),
  illustrative: z.boolean(),
  submission: submissionState,
});

export default async function stocksRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Nothing here is public: anonymous callers get 401 before their input is looked at.
  app.addHook('onRequest', async (request) => {
    requireUser(request.user);
  });

  app.get(
    '/api/volunteers/:region/:period',
    {
      schema: {
        tags: ['stocks'],
        summary: 'Unique volunteers of a region and period, by dimension and category',
        description:
          'updatedAt is the time of the last save (null when nothing was entered): send it back with PUT. volunteers null = not reported.',
        params,
        response: { 200: volunteersResponse, ...readErrors },
      },
    },
    async (request) =>
      getVolunteers(app.database.db, request.user, request.params.region, request.params.period),
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
        body: z.object({
          updatedAt: stamp,
          rows: z
            .array(
              z.object({
                dimension: text(50),
                category: text(50).nullish(),
                volunteers: z.union([z.number(), z.null(), text(30)]).optional(),
              }),
            )
            .max(200),
        }),
        response: { 200: volunteersResponse, ...writeErrors },
      },
    },
    async (request) =>
      putVolunteers(
        app.database.db,
        request.user,
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
        response: { 200: orgCountsResponse, ...readErrors },
      },
    },
    async (request) =>
      getOrgCounts(app.database.db, request.user, request.params.region, request.params.period),
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
        body: z.object({ npo: count, initiativeGroups: count, updatedAt: stamp }),
        response: { 200: orgCountsResponse, ...writeErrors },
      },
    },
    async (request) =>
      putOrgCounts(app.database.db, request.user, request.params.region, request.params.period, request.body),
  );
}
