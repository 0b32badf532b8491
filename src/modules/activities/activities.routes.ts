// Activity records one by one: list (scoped, paged), get, create, update (with version), delete
// (with version). Fields use the FORMATS.md column names in both directions, so the entry form,
// the import template and the browser's inline validation speak the same language.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { allowedTo, rawId, signedIn } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import {
  activityBodySchema,
  activityChangeSchema,
  activityDeleteQuerySchema,
  activityListQuerySchema,
  activityPageSchema,
  activityParamsSchema,
  activitySchema,
} from './activities.schemas.ts';
import {
  assertMayWriteRecord,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.service.ts';

// Checked before the body is validated: a role that may not write gets 401/403 whatever it sends.
const writers = allowedTo('activities.write');

// The record's own scope, before the body is validated: another region's RFO gets 403, not 400.
const recordWriter = async (request: FastifyRequest) => {
  const user = authorize(request.user, 'activities.write');
  const id = rawId(request);
  if (id !== null) await assertMayWriteRecord(request.server.database.db, user, id);
};

const errors = problems(400, 401, 403);
const writeErrors = problems(400, 401, 403, 404, 409, 422);

export default async function activitiesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/activities',
    {
      schema: {
        tags: ['activities'],
        summary: 'Activity records (raw), scoped to the user',
        description:
          'National staff read every region; RFO staff their own; organisation coordinators their organisation; viewers none (403).',
        querystring: activityListQuerySchema,
        response: { 200: activityPageSchema, ...errors },
      },
    },
    async (request) => listActivities(app.database.db, requireActor(request.user), request.query),
  );

  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'One activity record',
        params: activityParamsSchema,
        response: { 200: activitySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getActivity(app.database.db, requireActor(request.user), request.params.id),
  );

  app.post(
    '/api/activities',
    {
      onRequest: writers,
      schema: {
        tags: ['activities'],
        summary: 'Enter an activity record',
        description:
          'Validated by the rules of the import (422 lists every problem: column, value, rule); the organiser is found in the registry or added. Only into an open (draft or returned) submission: 409 submission_closed otherwise.',
        body: activityBodySchema,
        response: { 201: activitySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const rec = await createActivity(app.database.db, requireActor(request.user), request.body);
      return reply.status(201).send(rec);
    },
  );

  app.put(
    '/api/activities/:id',
    {
      onRequest: recordWriter,
      schema: {
        tags: ['activities'],
        summary: 'Replace an activity record (the full record and the version read)',
        description:
          'A version other than the current one gets 409 stale_version with the current row in details[0].current, so the form can show what changed; each changed field is audited with its old and new value. A record of the volunteer platform (source platform) is read-only: 409 platform_record_readonly (corrections go through the platform).',
        params: activityParamsSchema,
        body: activityChangeSchema,
        response: { 200: activitySchema, ...writeErrors },
      },
    },
    async (request) =>
      updateActivity(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.patch(
    '/api/activities/:id',
    {
      onRequest: recordWriter,
      schema: {
        tags: ['activities'],
        summary: 'Change some fields of an activity record (the fields and the version read)',
        description:
          'Fields not sent keep their current value; the merged record is validated as a whole (422). A version other than the current one gets 409 stale_version with the current row in details[0].current; each changed field is audited with its old and new value. A record of the volunteer platform (source platform) is read-only: 409 platform_record_readonly (corrections go through the platform).',
        params: activityParamsSchema,
        body: activityChangeSchema,
        response: { 200: activitySchema, ...writeErrors },
      },
    },
    async (request) =>
      updateActivity(app.database.db, requireActor(request.user), request.params.id, request.body, 'merge'),
  );

  app.delete(
    '/api/activities/:id',
    {
      onRequest: recordWriter,
      schema: {
        tags: ['activities'],
        summary: 'Delete an activity record (the version read is required)',
        description:
          'A record of the volunteer platform (source platform) cannot be deleted here: 409 platform_record_readonly (its hours are revoked on the platform).',
        params: activityParamsSchema,
        querystring: activityDeleteQuerySchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteActivity(
        app.database.db,
        requireActor(request.user),
        request.params.id,
        request.query.version,
      );
      return reply.status(204).send(null);
    },
  );
}
