// The register of unscrupulous grant implementers: public reading, publication and removal by the
// national office (issue 13 item 6).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { allowedTo } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import {
  registerEntryBodySchema,
  registerEntrySchema,
  registerListSchema,
  registerRemoveBodySchema,
} from './grants.schemas.ts';
import { listRegister, publishEntry, removeEntry } from './register.service.ts';

export default async function registerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/register',
    {
      schema: {
        tags: ['grants-public'],
        summary: 'The register of unscrupulous grant implementers (public)',
        description:
          'The entries in force, the latest decisions first: the organisation (BIN and name as the decision gives them), the decision, its date and the document reference. Removed entries are not listed (their removal is in the audit trail).',
        response: { 200: registerListSchema },
      },
    },
    async () => listRegister(app.database.db),
  );

  app.post(
    '/api/register',
    {
      onRequest: allowedTo('register.manage'),
      schema: {
        tags: ['grants'],
        summary: 'Publish an entry of the register (national office)',
        description:
          'The BIN has 12 digits with its check digit (400 bin_format, bin_check_digit); the decision date is an ISO date not in the future (422 register_decision_future); the same document about the same BIN in force already: 409 register_entry_exists. Audited (publish). From then on the organisation’s applications to the competition are refused (competition_on_register).',
        body: registerEntryBodySchema,
        response: { 201: registerEntrySchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await publishEntry(app.database.db, requireActor(request.user), request.body)),
  );

  app.post(
    '/api/register/:id/remove',
    {
      onRequest: allowedTo('register.manage'),
      schema: {
        tags: ['grants'],
        summary: 'Remove an entry from the register, with the reason (national office)',
        description: 'Audited (remove, with the reason); removed already: 409 register_entry_removed.',
        params: idParamsSchema,
        body: registerRemoveBodySchema,
        response: {
          200: z.object({ id: z.number().int(), removedAt: z.string() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      removeEntry(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
