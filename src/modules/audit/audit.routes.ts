// GET /api/audit: the trail of changes (who, when, field, old and new value), filtered by entity,
// entity id, region, period, time, user and action; newest first (one thing's history oldest first),
// with names: regions, activities, organisations and code-list values in the language asked for.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { signedIn } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import { auditEntrySchema, auditQuerySchema } from './audit.schemas.ts';
import { auditTrail } from './audit.service.ts';

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', signedIn);
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail: who changed what, when, with the old and new value',
        description:
          'Filters combine: entity (activity, volunteer_stat, org_count, submission, organization, app_user, code_list_item, territory_unit, population, wage, working_time, appeal, unaccounted_hours, import_batch), entityId (activity id; region|period|dimension|category for volunteer_stat; region|period for org_count; submission id; …), region, period (a month or half-year exactly, a year every period of it), from/to (time of the change, from ≤ at < to), userId, user (part of the e-mail or name), action (create, update, delete, status, import). Names come with each entry in lang (kk, ru, en; default en): regionName, subject (activity title, organisation, code, region or account), organization (of an activity), oldLabel/newLabel (the values with organisation ids, regions and code-list codes named; a record stays JSON; null when the value needs no naming). National staff read all; RFO staff only the entries of their own region’s data (403 for another region). Values are text: numbers as written, records as JSON, null when there was none. user is null for the command line. Imports write the same field-by-field entries for each record or figure they change or move as the API does; for each they add, activity imports one create entry (no values), the other kinds the create entries the API writes (appeals and unaccounted hours, which no route writes, one create entry holding the row); all with note "import_batch N" naming the batch, whose own entries (entity import_batch) give the file and its counts by region and month. Newest first, the history of one entity (entityId given) oldest first, or as order says; paged by limit/offset.',
        querystring: auditQuerySchema,
        response: { 200: z.array(auditEntrySchema), ...problems(400, 401, 403) },
      },
    },
    async (request) => auditTrail(app.database.db, requireActor(request.user), request.query),
  );
}
