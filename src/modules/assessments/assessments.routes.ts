// Assessments both ways and an organisation's public page (issue 12 item 3).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { assertOwnApplication } from '../applications/applications.service.ts';
import {
  assessmentBodySchema,
  assessmentSchema,
  contestBodySchema,
  contestViewSchema,
  organizationPublicSchema,
  ratingBodySchema,
  settleContestBodySchema,
} from './assessments.schemas.ts';
import {
  assertAssessor,
  assertMaySettleContest,
  assess,
  contest,
  listContests,
  listOwnAssessments,
  organizationPublic,
  rate,
  settleContest,
} from './assessments.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;
const created = z.object({ id: z.number().int() });

export default async function assessmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/platform/applications/:id/assessment',
    {
      onRequest: async (request) => assertAssessor(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Assess the volunteer of a confirmed participation (its coordinator)',
        description:
          'Reliability, skills, teamwork on 1–5 and a comment; once per participation (409 already_assessed); only attended with hours not revoked (409 not_attended). The volunteer sees it first and may contest it within 14 days.',
        params: idParamsSchema,
        body: assessmentBodySchema,
        response: { 201: created, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assess(app.database.db, requireActor(request.user), request.params.id, request.body)),
  );

  app.get(
    '/api/platform/volunteers/me/assessments',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform-volunteers'],
        summary: 'The assessments of me (reading them marks them seen)',
        response: { 200: z.object({ items: z.array(assessmentSchema) }), ...problems(401, 403) },
      },
    },
    async (request) => listOwnAssessments(app.database.db, request.user),
  );

  app.post(
    '/api/platform/assessments/:id/contest',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform'],
        summary: 'Contest an assessment of me (within 14 days, once)',
        description:
          '409 contest_window_closed after 14 days, already_contested the second time; another’s: 403.',
        params: idParamsSchema,
        body: contestBodySchema,
        response: { 200: z.object({ status: z.literal('open') }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => contest(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.get(
    '/api/platform/assessment-contests',
    {
      onRequest: async (request) => {
        authorize(request.user, 'platform.disputes.settle');
      },
      schema: {
        tags: ['platform'],
        summary: 'Contested assessments of the region (front office) or all (national office)',
        querystring: z.object({ status: z.enum(['open', 'upheld', 'rejected']).default('open') }),
        response: { 200: z.object({ items: z.array(contestViewSchema) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => listContests(app.database.db, request.user, request.query.status),
  );

  app.post(
    '/api/platform/assessments/:id/settle',
    {
      onRequest: async (request) => assertMaySettleContest(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Settle a contested assessment: upheld (it stops counting) or rejected, with a note',
        params: idParamsSchema,
        body: settleContestBodySchema,
        response: {
          200: z.object({ status: z.enum(['upheld', 'rejected']) }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      settleContest(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/rating',
    {
      onRequest: async (request) => assertOwnApplication(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Rate the opportunity of my confirmed participation (1–5, once)',
        params: idParamsSchema,
        body: ratingBodySchema,
        response: { 201: created, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await rate(app.database.db, requireActor(request.user), request.params.id, request.body)),
  );

  app.get(
    '/api/platform/organizations/:id/public',
    {
      config: { public: true },
      schema: {
        tags: ['platform-public'],
        summary: 'An organisation on the platform: its rating and response time',
        description:
          'The volunteers’ average rating of its opportunities and the median hours from an application to its answer (of its latest 1,000 answers), each with how many are behind it. Verified organisations only (else 404).',
        params: idParamsSchema,
        response: { 200: organizationPublicSchema, ...problems(400, 404) },
      },
    },
    async (request) => organizationPublic(app.database.db, request.params.id),
  );
}
