// GET /api/outbox and /api/outbox/:id: the e-mails the system queued, sent or gave up on, for the
// national admin (the only way to read them when no mail server is configured).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { allowedTo } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { outboxMessageSchema, outboxQuerySchema } from './outbox.schemas.ts';
import { listOutbox, showOutboxMessage } from './outbox.service.ts';

export default async function outboxRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', allowedTo('outbox.read'));
  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: 'E-mails in the outbox, newest first',
        description:
          'Every e-mail the system queued: queued (waiting for its next attempt, or for a mail server: without SMTP_URL nothing is sent), sending (claimed by a server), sent, failed (given up after 10 attempts). status filters; paged by limit/offset. National admin only.',
        querystring: outboxQuerySchema,
        response: { 200: z.array(outboxMessageSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => listOutbox(app.database.db, requireActor(request.user), request.query),
  );
  app.get(
    '/api/outbox/:id',
    {
      schema: {
        tags: ['outbox'],
        summary: 'One e-mail of the outbox, with its attempts and last error',
        params: idParamsSchema,
        response: { 200: outboxMessageSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => showOutboxMessage(app.database.db, requireActor(request.user), request.params.id),
  );
}
