// User management for the national admin: list, create, change role/scope, reset a password, disable.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from './access.ts';
import {
  createUserBodySchema,
  errorSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userRowSchema,
} from './users.schemas.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

// Checked before the body is validated, so that a caller without the right gets 401/403, not 400.
const adminOnly = async (request: FastifyRequest) => {
  requireRole(request.user, 'national_admin');
};

export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/users',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'All user accounts (national admin)',
        response: { 200: z.array(userRowSchema), ...errors },
      },
    },
    async (request) => {
      requireRole(request.user, 'national_admin');
      return listUsers(app.database.db);
    },
  );

  app.post(
    '/api/users',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Create a user account (national admin)',
        description:
          'RFO staff need a region; an organisation coordinator needs an organisation and takes its region.',
        body: createUserBodySchema,
        response: { 201: userRowSchema, ...errors, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request.user, 'national_admin');
      const { user } = await createUser(app.database.db, admin.id, request.body);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Change a user: role, region, organisation, name, password, disabled (national admin)',
        description: 'Disabling a user or resetting the password ends all of its sessions at once.',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userRowSchema, ...errors, 404: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const admin = requireRole(request.user, 'national_admin');
      return updateUser(app.database.db, admin.id, request.params.id, request.body);
    },
  );
}
