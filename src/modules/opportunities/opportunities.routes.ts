// The platform's opportunities (FORMATS.md "Platform API"): the coordinator of a verified
// organisation creates one with its shifts, publishes, closes or cancels it; anyone searches the
// published ones and reads one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../domain/policy.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import {
  cancelBodySchema,
  createBodySchema,
  createResponseSchema,
  opportunitySchema,
  searchQuerySchema,
  searchResponseSchema,
  statusResponseSchema,
} from './opportunities.schemas.ts';
import {
  assertManager,
  assertMayManage,
  cancelOpportunity,
  closeOpportunity,
  createOpportunity,
  publishOpportunity,
  readOpportunity,
  search,
} from './opportunities.service.ts';

// Scope before the body is read: someone who may not manage this opportunity gets 403, not 400.
const manager = async (request: FastifyRequest) => {
  await assertMayManage(request.server.database.db, request.user, rawId(request));
};

const TRANSITIONS =
  'Transitions: `draft` → `published` → `closed`; `draft` or `published` → `cancelled` (with a reason). Another: 409 opportunity_status_transition. Only the coordinator of the opportunity’s organisation, while it is verified (403 organization_not_verified otherwise); audited.';

export default async function opportunitiesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/platform/opportunities',
    {
      onRequest: async (request) => {
        await assertManager(request.server.database.db, request.user);
      },
      schema: {
        tags: ['platform'],
        summary: 'Create an opportunity with its shifts, as a draft',
        description:
          'By the coordinator of a verified organisation (a pending, rejected or suspended one: 403 organization_not_verified; an organisation of the registry not on the platform: 409 organization_not_on_platform). Codes of the reference data: 400 unknown_area, unknown_format, unknown_region. Shifts: 1 to 100, times ISO 8601 with their offset, the end after the start (400 shift_end_before_start), capacity 1 to 10000 (400 shift_capacity). minAge at least the platform’s 14 (400 min_age_below_platform; default 14). Text is stored as typed (pages escape it).',
        body: createBodySchema,
        response: { 201: createResponseSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createOpportunity(app.database.db, requireActor(request.user), request.body)),
  );

  app.get(
    '/api/platform/opportunities',
    {
      config: { public: true },
      schema: {
        // Public reads of the platform: test/auth.scope.test.ts lets anonymous callers through.
        tags: ['platform', 'platform-public'],
        summary: 'Search the published opportunities',
        description:
          'Published opportunities of verified organisations (a suspended organisation’s are hidden), the soonest first. `from` / `to`: dates (whole days in Kazakhstan time) or ISO times; an opportunity matches when one of its shifts overlaps; without `from`, only opportunities with a shift not yet ended. `q`: text in the title, description or organiser. `age`: opportunities open to a volunteer of that age. Paged by `limit` (1–100, default 20) and `offset`; `total` counts every match. Times are answered in Kazakhstan time (+05:00); `free` is the places not taken.',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, ...problems(400) },
      },
    },
    async (request) => search(app.database.db, request.query),
  );

  app.get(
    '/api/platform/opportunities/:id',
    {
      config: { public: true },
      schema: {
        // Public reads of the platform: test/auth.scope.test.ts lets anonymous callers through.
        tags: ['platform', 'platform-public'],
        summary: 'One opportunity with its shifts',
        description:
          'Public when published by a verified organisation; its organisation’s coordinator sees it in any status (drafts too). Otherwise 404.',
        params: idParamsSchema,
        response: { 200: opportunitySchema, ...problems(400, 404) },
      },
    },
    async (request) => readOpportunity(app.database.db, request.user ?? null, request.params.id),
  );

  app.post(
    '/api/platform/opportunities/:id/publish',
    {
      onRequest: manager,
      schema: {
        tags: ['platform'],
        summary: 'Publish a draft opportunity',
        description: TRANSITIONS,
        params: idParamsSchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => publishOpportunity(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/platform/opportunities/:id/close',
    {
      onRequest: manager,
      schema: {
        tags: ['platform'],
        summary: 'Close a published opportunity',
        description: TRANSITIONS,
        params: idParamsSchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeOpportunity(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/platform/opportunities/:id/cancel',
    {
      onRequest: manager,
      schema: {
        tags: ['platform'],
        summary: 'Cancel an opportunity, with a reason',
        description: `${TRANSITIONS} The reason is required (400 reason_required); the applicants are to be told (issue 11 item 4).`,
        params: idParamsSchema,
        body: cancelBodySchema,
        response: { 200: statusResponseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      cancelOpportunity(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
