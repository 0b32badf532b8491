// The coordinator's own opportunities in every status (issue 11 item 7, the coordinator's page).
// A file of its own, registered like every *.routes.ts, so that it adds to the module without
// touching the routes being edited in opportunities.routes.ts. Static /mine wins over /:id.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../lib/schemas.ts';
import { mineResponseSchema } from './opportunities.schemas.ts';
import { assertManager, listMine } from './opportunities.service.ts';

export default async function opportunitiesMineRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/platform/opportunities/mine',
    {
      onRequest: async (request) => {
        await assertManager(request.server.database.db, request.user);
      },
      schema: {
        tags: ['platform'],
        summary: 'The opportunities of my organisation, in every status',
        description:
          'For the coordinator of a verified organisation (403 organization_not_verified otherwise): every opportunity of the organisation, drafts, published, closed and cancelled (with the reason), the newest first, with their shifts in Kazakhstan time.',
        response: { 200: mineResponseSchema, ...problems(401, 403) },
      },
    },
    async (request) => listMine(app.database.db, request.user),
  );
}
