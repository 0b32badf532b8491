// Measuring impact (issue 12 item 5): a closed opportunity's report by its coordinator, the
// volunteer's survey after a confirmed participation. The figures are in the annual report (key
// `impact`) and on the public dashboard.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OUTCOME_MAX } from '../../domain/impact.ts';
import { requireActor } from '../../domain/policy.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { assertOwnApplication } from '../applications/applications.service.ts';
import { assertMayManage } from '../opportunities/opportunities.service.ts';
import {
  impactReportViewSchema,
  reportBodySchema,
  surveyBodySchema,
  surveyViewSchema,
} from './impact.schemas.ts';
import { assertVolunteer, listOwnSurveys, readReport, submitSurvey, writeReport } from './impact.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;

export default async function impactRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/platform/opportunities/:id/impact',
    {
      onRequest: async (request) => assertMayManage(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'The impact report of my organisation’s opportunity (null until made)',
        description:
          'Whether it can be made or changed now (closed, and until 1 April, Kazakhstan time, of the year after its last shift) and the report: beneficiaries by type and the outcome line.',
        params: idParamsSchema,
        response: { 200: impactReportViewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readReport(app.database.db, request.user, request.params.id),
  );

  app.put(
    '/api/platform/opportunities/:id/impact',
    {
      onRequest: async (request) => assertMayManage(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Report (or correct) the impact of my organisation’s closed opportunity',
        description: `Beneficiaries reached by type (code list beneficiary_type, each type once: 400 unknown_beneficiary_type, duplicate_beneficiary_type) and an outcome line (at most ${OUTCOME_MAX} characters, kept as text). Only a closed opportunity (409 opportunity_not_closed), until 1 April (Kazakhstan time) of the year after its last shift (409 impact_report_locked). The whole report is replaced.`,
        params: idParamsSchema,
        body: reportBodySchema,
        response: { 200: impactReportViewSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      writeReport(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/applications/:id/survey',
    {
      onRequest: async (request) => assertOwnApplication(db(request), request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Answer the short survey of my confirmed participation (once, optional)',
        description:
          'Satisfaction, skills gained, would volunteer again, sense of trust and belonging, each 1–5. Only after attendance with hours not revoked (409 not_attended), once (409 already_surveyed); another volunteer’s application: 403. The answers are not shown to the organisation; the reports publish means over at least 3 answers.',
        params: idParamsSchema,
        body: surveyBodySchema,
        response: { 201: z.object({ id: z.number().int() }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await submitSurvey(app.database.db, requireActor(request.user), request.params.id, request.body),
        ),
  );

  app.get(
    '/api/platform/volunteers/me/surveys',
    {
      onRequest: async (request) => {
        assertVolunteer(request.user);
      },
      schema: {
        tags: ['platform-volunteers'],
        summary: 'My survey answers, by participation',
        response: { 200: z.object({ items: z.array(surveyViewSchema) }), ...problems(401, 403) },
      },
    },
    async (request) => listOwnSurveys(app.database.db, request.user),
  );
}
