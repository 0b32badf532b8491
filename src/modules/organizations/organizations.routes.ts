// The registry of organisations: search (signed-in users, regional staff in their region), one
// organisation, and adding one (the national admin anywhere, RFO staff in their own region).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { allowedTo, rawId, signedIn } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import {
  newOrganizationSchema,
  organizationChangeSchema,
  organizationPageSchema,
  organizationQuerySchema,
  organizationSchema,
} from './organizations.schemas.ts';
import {
  assertMayEditOrganization,
  createOrganization,
  getOrganization,
  searchOrganizations,
  updateOrganization,
} from './organizations.service.ts';

// Scope before the body is read: someone who may not edit this organisation gets 403, not 400.
const editor = async (request: FastifyRequest) => {
  const actor = authorize(request.user, 'organizations.edit');
  const id = rawId(request);
  if (id !== null) await assertMayEditOrganization(request.server.database.db, actor, id);
};

const readErrors = problems(400, 401, 403);

export default async function organizationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Search the registry of organisations',
        description:
          'National staff and viewers see every region; RFO staff and organisation coordinators their own. `q` matches the name (case and quotes ignored) or the start of the BIN.',
        querystring: organizationQuerySchema,
        response: { 200: organizationPageSchema, ...readErrors },
      },
    },
    async (request) => searchOrganizations(app.database.db, requireActor(request.user), request.query),
  );

  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        summary: 'One organisation of the registry',
        params: idParamsSchema,
        response: { 200: organizationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getOrganization(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      onRequest: allowedTo('region.write'),
      schema: {
        tags: ['organizations'],
        summary: 'Add an organisation to the registry (national admin; RFO staff in their region)',
        description:
          'The type comes from the organization_type code list; a BIN, when given, must have 12 digits and a valid check digit. A name is unique per region and type (409).',
        body: newOrganizationSchema,
        response: { 201: organizationSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const org = await createOrganization(app.database.db, requireActor(request.user), request.body);
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
        params: idParamsSchema,
        body: organizationChangeSchema,
        response: { 200: organizationSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateOrganization(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
