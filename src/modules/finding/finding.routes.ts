// Finding volunteers with their consent (issue 12 item 4): the volunteer's visibility, an
// organisation's search and its invitations.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { assertManager, assertMayManage } from '../opportunities/opportunities.service.ts';
import {
  invitationBodySchema,
  searchQuerySchema,
  searchResultSchema,
  visibilityBodySchema,
  visibilitySchema,
} from './finding.schemas.ts';
import { invite, readVisibility, searchVolunteers, setVisibility } from './finding.service.ts';

export default async function findingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/platform/volunteers/me/visibility',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform-volunteers'],
        summary: 'Whether organisations may find me, what they see, who viewed and invited me',
        response: { 200: visibilitySchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => readVisibility(app.database.db, request.user),
  );

  app.put(
    '/api/platform/volunteers/me/visibility',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform-volunteers'],
        summary:
          'Opt in or out of being found (at once), choose what organisations see, say when I am available',
        description:
          '`show`: any of region, skills, languages, experience (confirmed hours by area), assessments, availability; all by default. Off by default; `findable: false` hides the volunteer from every search at once.',
        body: visibilityBodySchema,
        response: { 200: visibilitySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => setVisibility(app.database.db, requireActor(request.user), request.body),
  );

  app.get(
    '/api/platform/volunteers/search',
    {
      onRequest: async (request) => {
        await assertManager(request.server.database.db, request.user);
      },
      schema: {
        tags: ['platform'],
        summary: 'Find volunteers who agreed to be found (coordinator of a verified organisation)',
        description:
          'By region, confirmed hours (`minHours`, in `area` or in all), `skill`, `language`, average assessment (`minAssessment`, 1–5) and `availability` words; each filter applies only to volunteers who show that field. Results carry no name, contact or birth date — only what each volunteer chose to show — and a `ref` to invite them with. Every result shown is recorded as a view the volunteer can see.',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => searchVolunteers(app.database.db, requireActor(request.user), request.query),
  );

  app.post(
    '/api/platform/opportunities/:id/invitations',
    {
      onRequest: async (request) => assertMayManage(request.server.database.db, request.user, rawId(request)),
      schema: {
        tags: ['platform'],
        summary: 'Invite a findable volunteer to this published opportunity (its coordinator)',
        description:
          'Once per opportunity and volunteer (409 already_invited); only a volunteer who agreed to be found (409 not_findable); at most PLATFORM_MAX_INVITATIONS_PER_MONTH (3) invitations a volunteer in 30 days, across organisations (409 invitation_limit); the opportunity published (409 opportunity_not_open). The volunteer is e-mailed.',
        params: idParamsSchema,
        body: invitationBodySchema,
        response: { 201: z.object({ id: z.number().int() }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await invite(
            app.database.db,
            requireActor(request.user),
            request.params.id,
            request.body.volunteer,
          ),
        ),
  );
}
