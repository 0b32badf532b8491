// User management for the national admin: list, create, change role/scope, reset a password, disable.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { allowedTo } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import { inviteUser, linkBase, resendInvitation } from './accounts.service.ts';
import {
  createUserBodySchema,
  inviteUserBodySchema,
  resendInvitationBodySchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userRowSchema,
} from './users.schemas.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

// Checked before the body is validated, so that a caller without the right gets 401/403, not 400.
const manager = allowedTo('users.manage');

export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/users',
    {
      onRequest: manager,
      schema: {
        tags: ['users'],
        summary: 'All user accounts (national admin)',
        response: { 200: z.array(userRowSchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => listUsers(app.database.db, requireActor(request.user)),
  );

  app.post(
    '/api/users',
    {
      onRequest: manager,
      schema: {
        tags: ['users'],
        summary: 'Create a user account (national admin)',
        description:
          'RFO staff need a region; an organisation coordinator needs an organisation and takes its region.',
        body: createUserBodySchema,
        response: { 201: userRowSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { user } = await createUser(app.database.db, requireActor(request.user), request.body);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      onRequest: manager,
      schema: {
        tags: ['users'],
        summary: 'Change a user: role, region, organisation, name, password, disabled (national admin)',
        description: 'Disabling a user or resetting the password ends all of its sessions at once.',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userRowSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      updateUser(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/users/invite',
    {
      onRequest: manager,
      schema: {
        tags: ['users'],
        summary: 'Invite a user by e-mail (national admin)',
        description:
          'Creates the account without a password and queues an e-mail, in the language `lang`, with a one-time link to set one (valid 7 days). An address taken already: 409 email_taken.',
        body: inviteUserBodySchema,
        response: { 201: userRowSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { lang, ...input } = request.body;
      const user = await inviteUser(app.database.db, requireActor(request.user), input, {
        lang,
        baseUrl: linkBase(app.config.publicUrl),
      });
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/api/users/:id/invite',
    {
      onRequest: manager,
      schema: {
        tags: ['users'],
        summary: 'Send an invited user a new invitation (national admin)',
        description:
          'A new one-time link; the earlier ones stop working. An account with a password already: 409 already_active.',
        params: userIdParamsSchema,
        body: resendInvitationBodySchema,
        response: { 200: userRowSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      resendInvitation(app.database.db, requireActor(request.user), request.params.id, {
        lang: request.body.lang,
        baseUrl: linkBase(app.config.publicUrl),
      }),
  );
}
