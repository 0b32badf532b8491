// The signed-in user's message settings: the language of their e-mails and the switch for the
// optional ones. Anyone signed in reads and changes their own (no one else's: the national admin
// sets another account's language through PATCH /api/users/:id).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../domain/policy.ts';
import { problems } from '../../lib/schemas.ts';
import { preferencesBodySchema, preferencesSchema } from './notifications.schemas.ts';
import { getMyPreferences, setMyPreferences } from './notifications.service.ts';

export default async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/auth/me/preferences',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your message settings: the language of your e-mails, and reminders on or off',
        response: { 200: preferencesSchema, ...problems(401) },
      },
    },
    async (request) => getMyPreferences(app.database.db, requireActor(request.user)),
  );

  app.patch(
    '/api/auth/me/preferences',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your message settings',
        description:
          'lang: kk, ru or en, the language of the e-mails you receive. notifyOptional: false stops the reminders before and after a deadline and the daily digest of submissions waiting; returns, acceptances and reopenings of your months are always sent.',
        body: preferencesBodySchema,
        response: { 200: preferencesSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => setMyPreferences(app.database.db, requireActor(request.user), request.body),
  );
}
