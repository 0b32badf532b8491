// The registry of organisations: search (signed-in users, regional staff in their region), one
// organisation, and adding one (the national admin anywhere, RFO staff in their own region).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../users/access.ts';
import { errorSchema, idSchema, text } from '../users/users.schemas.ts';
import {
  assertMayEditOrganization,
  createOrganization,
  getOrganization,
  searchOrganizations,
  updateOrganization,
} from './organizations.service.ts';

const organizationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  bin: z.string().nullable(),
  region: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});

const idParams = z.object({ id: z.coerce.number().pipe(idSchema) });

// Scope before the body is read: someone who may not edit this organisation gets 403, not 400.
const editor = async (request: FastifyRequest) => {
  const user = requireRole(request.user, 'national_admin', 'rfo', 'org_coordinator');
  const id = Number((request.params as { id?: unknown }).id);
  if (Number.isInteger(id) && id > 0 && id <= 2147483647) {
    await assertMayEditOrganization(request.server.database.db, user, id);
  }
};

const readErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

export default async function organizationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Nothing here is public: anonymous callers get 401 before their input is looked at.
  app.addHook('onRequest', async (request) => {
    requireUser(request.user);
  });

  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Search the registry of organisations',
        description:
          'National staff and viewers see every region; RFO staff and organisation coordinators their own. `q` matches the name (case and quotes ignored) or the start of the BIN.',
        querystring: z.object({
          region: text(20).optional(),
          type: text(50).optional(),
          q: text(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(organizationSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          ...readErrors,
        },
      },
    },
    async (request) => searchOrganizations(app.database.db, requireUser(request.user), request.query),
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        summary: 'One organisation of the registry',
        params: idParams,
        response: { 200: organizationSchema, ...readErrors, 404: errorSchema },
      },
    },
    async (request) => getOrganization(app.database.db, requireUser(request.user), request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      onRequest: async (request) => {
        requireRole(request.user, 'national_admin', 'rfo');
      },
      schema: {
        tags: ['organizations'],
        summary: 'Add an organisation to the registry (national admin; RFO staff in their region)',
        description:
          'The type comes from the organization_type code list; a BIN, when given, must have 12 digits and a valid check digit. A name is unique per region and type (409).',
        body: z.object({
          name: text(300).pipe(z.string().trim().min(1)),
          type: text(50).pipe(z.string().min(1)),
          region: text(20).pipe(z.string().min(1)),
          bin: text(20).nullish(),
        }),
        response: { 201: organizationSchema, ...readErrors, 409: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const org = await createOrganization(app.database.db, request.user, request.body);
      return reply.status(201).send(org);
    },
  );

  app.patch(
    '/api/organizations/:id',
    {
      onRequest: editor,
      schema: {
        tags: ['organizations'],
        summary: 'Correct an organisation of the registry: name, type, BIN, region (with the version read)',
        description:
          'The one registry the reports, imports and the platform share. The national admin anywhere; RFO staff of its region (not to move it elsewhere); its own coordinator (not to move it). Fields not sent keep their value; bin null clears it, a BIN must have 12 digits and a valid check digit (422); the type comes from the organization_type code list. A stale version gets 409 stale_version with the current entry in details[0].current; a name taken by another entry of the same region and type 409 duplicate. Each changed field is audited; a new type recomputes the aggregates of the months the organisation reported; a move takes its coordinators along.',
        params: idParams,
        body: z.object({
          version: z.number().int().min(0).max(2147483647),
          name: text(300).pipe(z.string().trim().min(1)).optional(),
          type: text(50).pipe(z.string().min(1)).optional(),
          region: text(20).pipe(z.string().min(1)).optional(),
          bin: text(20).nullable().optional(),
        }),
        response: {
          200: organizationSchema,
          ...readErrors,
          404: errorSchema,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request) => updateOrganization(app.database.db, request.user, request.params.id, request.body),
  );
}
