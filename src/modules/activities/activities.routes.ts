// Activity records one by one: list (scoped, paged), get, create, update (with version), delete
// (with version). Fields use the FORMATS.md column names in both directions, so the entry form,
// the import template and the browser's inline validation speak the same language.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_COLUMNS } from '../../domain/activity-rules.ts';
import { regionParam } from '../submissions/submissions.schemas.ts';
import { requireRole, requireUser } from '../users/access.ts';
import { errorSchema, idSchema, text } from '../users/users.schemas.ts';
import {
  assertMayWriteRecord,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.service.ts';

const cell = z.union([text(2000), z.number(), z.null()]).optional();
const version = z.number().int().min(0).max(2147483647);
const inputShape = Object.fromEntries(ACTIVITY_COLUMNS.map((c) => [c, cell])) as Record<
  (typeof ACTIVITY_COLUMNS)[number],
  typeof cell
>;
const activityBody = z.object(inputShape);

const nint = z.number().nullable();
export const activitySchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  region: z.string(),
  period: z.string(),
  organization_id: z.number().int(),
  organization: z.string(),
  organization_type: z.string(),
  organization_bin: z.string().nullable(),
  title: z.string(),
  area: z.string(),
  format: z.string(),
  kind: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  volunteers: z.number(),
  hours: z.number(),
  child: nint,
  inclusive: nint,
  corporate: nint,
  international: nint,
  silver: nint,
  probono: nint,
  general: nint,
  rfo_support: z.string().nullable(),
  beneficiaries: nint,
  excluded: z.string().nullable(),
  external_id: z.string().nullable(),
  notes: z.string().nullable(),
  illustrative: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

// Checked before the body is validated: a role that may not write gets 401/403 whatever it sends.
const writers = async (request: FastifyRequest) => {
  requireRole(request.user, 'national_admin', 'rfo', 'org_coordinator');
};

// The record's own scope, before the body is validated: another region's RFO gets 403, not 400.
const recordWriter = async (request: FastifyRequest) => {
  const user = requireRole(request.user, 'national_admin', 'rfo', 'org_coordinator');
  const id = Number((request.params as { id?: unknown }).id);
  if (Number.isInteger(id) && id > 0 && id <= 2147483647) {
    await assertMayWriteRecord(request.server.database.db, user, id);
  }
};

const idParams = z.object({ id: z.coerce.number().pipe(idSchema) });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
const writeErrors = { ...errors, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export default async function activitiesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Nothing here is public: anonymous callers get 401 before their input is looked at.
  app.addHook('onRequest', async (request) => {
    requireUser(request.user);
  });

  app.get(
    '/api/activities',
    {
      schema: {
        tags: ['activities'],
        summary: 'Activity records (raw), scoped to the user',
        description:
          'National staff read every region; RFO staff their own; organisation coordinators their organisation; viewers none (403).',
        querystring: z.object({
          region: regionParam.optional(),
          period: text(10)
            .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'))
            .optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(activitySchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) => listActivities(app.database.db, request.user, request.query),
  );

  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'One activity record',
        params: idParams,
        response: { 200: activitySchema, ...errors, 404: errorSchema },
      },
    },
    async (request) => getActivity(app.database.db, request.user, request.params.id),
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
        body: activityBody,
        response: { 201: activitySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const rec = await createActivity(app.database.db, request.user, request.body);
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
          'A version other than the current one gets 409 stale_version with the current row in details[0].current, so the form can show what changed; each changed field is audited with its old and new value.',
        params: idParams,
        body: activityBody.extend({ version }),
        response: { 200: activitySchema, ...writeErrors },
      },
    },
    async (request) => updateActivity(app.database.db, request.user, request.params.id, request.body),
  );

  app.patch(
    '/api/activities/:id',
    {
      onRequest: recordWriter,
      schema: {
        tags: ['activities'],
        summary: 'Change some fields of an activity record (the fields and the version read)',
        description:
          'Fields not sent keep their current value; the merged record is validated as a whole (422). A version other than the current one gets 409 stale_version with the current row in details[0].current; each changed field is audited with its old and new value.',
        params: idParams,
        body: activityBody.extend({ version }),
        response: { 200: activitySchema, ...writeErrors },
      },
    },
    async (request) =>
      updateActivity(app.database.db, request.user, request.params.id, request.body, 'merge'),
  );

  app.delete(
    '/api/activities/:id',
    {
      onRequest: recordWriter,
      schema: {
        tags: ['activities'],
        summary: 'Delete an activity record (the version read is required)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(0).max(2147483647) }),
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteActivity(app.database.db, request.user, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
