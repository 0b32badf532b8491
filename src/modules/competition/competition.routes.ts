// The "Zhana Bastama" competition (issue 13 item 5): calls, quotas, applications, the regional
// commission's scores and the selection.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { allowedTo, rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import {
  applicationBodySchema,
  applicationSchema,
  callBodySchema,
  callListSchema,
  callSchema,
  quotaParamsSchema,
  quotaSchema,
  scoreBodySchema,
} from './competition.schemas.ts';
import {
  apply,
  assertMayScore,
  closeApplications,
  createCall,
  getCall,
  listCalls,
  score,
  selectCall,
  setQuota,
} from './competition.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;

export default async function competitionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/competition/calls',
    {
      schema: {
        tags: ['competition'],
        summary: 'The calls of the "Zhana Bastama" competition, with each region’s quota, budget and counts',
        response: { 200: callListSchema, ...problems(401, 403) },
      },
    },
    async (request) => listCalls(app.database.db, request.user),
  );

  app.post(
    '/api/competition/calls',
    {
      onRequest: allowedTo('competition.manage'),
      schema: {
        tags: ['competition'],
        summary: 'Open the call of a year with each region’s quota and budget (national office)',
        description:
          'One call a year (409 competition_call_exists); a region given twice: 422 competition_quota_twice; unknown: 422 unknown_region. The call opens for applications (status open).',
        body: callBodySchema,
        response: { 201: callSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCall(app.database.db, requireActor(request.user), request.body)),
  );

  app.get(
    '/api/competition/calls/:id',
    {
      schema: {
        tags: ['competition'],
        summary: 'A call with the applications the caller may read',
        description:
          'The national office reads every application, a front office (the regional commission) its region’s, a coordinator his organisation’s. Mean scores are shown to the commission and the national office, to the applicant once the winners are selected. A winner without a follow-up report once the reports are due is `unreported`.',
        params: idParamsSchema,
        response: { 200: callSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getCall(app.database.db, request.user, request.params.id),
  );

  app.put(
    '/api/competition/calls/:id/quotas/:region',
    {
      onRequest: allowedTo('competition.manage'),
      schema: {
        tags: ['competition'],
        summary: 'Set a region’s quota (winners) and budget in the call, until the selection',
        description: 'After the selection: 409 competition_call_status.',
        params: quotaParamsSchema,
        body: quotaSchema,
        response: { 200: callSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      setQuota(
        app.database.db,
        requireActor(request.user),
        request.params.id,
        request.params.region,
        request.body,
      ),
  );

  app.post(
    '/api/competition/calls/:id/applications',
    {
      onRequest: allowedTo('competition.apply'),
      schema: {
        tags: ['competition'],
        summary: 'Apply to the call for one’s organisation (its coordinator), once',
        description:
          'For the organisation’s region. Refused with a code: not open (409 competition_call_not_open), organisation not verified on the platform (409 competition_org_not_verified), on the register of unscrupulous grant implementers (409 competition_on_register), budget over the call’s cap (422 competition_budget_over_cap, details: cap), no quota for the region (409 competition_no_quota), applied already (409 competition_already_applied), unknown area (422 unknown_area).',
        params: idParamsSchema,
        body: applicationBodySchema,
        response: { 201: applicationSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await apply(app.database.db, requireActor(request.user), request.params.id, request.body)),
  );

  app.post(
    '/api/competition/calls/:id/close-applications',
    {
      onRequest: allowedTo('competition.manage'),
      schema: {
        tags: ['competition'],
        summary: 'Stop taking applications: the regional commissions score (national office)',
        description: 'Only an open call (409 competition_call_status).',
        params: idParamsSchema,
        response: { 200: callSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeApplications(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/competition/calls/:id/select',
    {
      onRequest: allowedTo('competition.manage'),
      schema: {
        tags: ['competition'],
        summary: 'Close the scores and select each region’s winners (national office)',
        description:
          'Per region: the applications by mean score (ties: the smaller budget, then the earlier application, then the lower id), each selected while the quota has a place and its budget fits in what is left (one that does not fit is passed over: budget_exhausted; the next ones are still tried); unscored ones are never selected; an applicant on the register by now is ineligible (on_register). Winners become grant projects (kind competition). Scores can no longer change. Only a call being scored (409 competition_call_status).',
        params: idParamsSchema,
        response: { 200: callSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => selectCall(app.database.db, requireActor(request.user), request.params.id),
  );

  app.put(
    '/api/competition/applications/:id/score',
    {
      onRequest: async (request) => assertMayScore(db(request), request.user, rawId(request)),
      schema: {
        tags: ['competition'],
        summary: 'My score of an application, as a member of its region’s commission (front office)',
        description:
          'A whole number from 1 to 10 (422 competition_score_out_of_scale); given or changed while the call is scored: before, 409 competition_scoring_not_open; after the selection, 409 competition_scoring_closed.',
        params: idParamsSchema,
        body: scoreBodySchema,
        response: {
          200: z.object({ application: z.number().int(), score: z.number(), comment: z.string().nullable() }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => score(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
