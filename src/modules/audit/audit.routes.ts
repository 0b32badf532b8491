// GET /api/audit: the trail of changes (who, when, field, old and new value), filtered by entity,
// entity id, region, period and time, oldest first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodParam, regionParam } from '../submissions/submissions.schemas.ts';
import { requireUser } from '../users/access.ts';
import { errorSchema, idSchema, text } from '../users/users.schemas.ts';
import { auditTrail } from './audit.service.ts';

const isoTime = text(40).pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'an ISO date or time, e.g. 2023-02-01 or 2023-02-01T00:00:00Z')
    .refine((v) => !Number.isNaN(Date.parse(v)), 'not a real date'),
);

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Nothing here is public: anonymous callers get 401 before their input is looked at.
  app.addHook('onRequest', async (request) => {
    requireUser(request.user);
  });
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail: who changed what, when, with the old and new value',
        description:
          'Filters combine: entity (activity, volunteer_stat, org_count, submission, organization, app_user, code_list_item, territory_unit, population, wage, working_time, import_batch), entityId (activity id; region|period|dimension|category for volunteer_stat; region|period for org_count; submission id; …), region, period (a month or half-year exactly, a year every period of it), from/to (time of the change, from ≤ at < to), userId. National staff read all; RFO staff only the entries of their own region’s data (403 for another region). Values are text: numbers as written, records as JSON, null when there was none. user is null for the command line. Oldest first, paged by limit/offset.',
        querystring: z.object({
          entity: text(50).pipe(z.string().min(1)).optional(),
          entityId: text(200).pipe(z.string().min(1)).optional(),
          region: regionParam.optional(),
          period: periodParam.optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          userId: z.coerce.number().pipe(idSchema).optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(1000),
          offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              at: z.string(),
              user: z.string().nullable(),
              userId: z.number().int().nullable(),
              action: z.string(),
              entity: z.string(),
              entityId: z.string(),
              field: z.string().nullable(),
              oldValue: z.string().nullable(),
              newValue: z.string().nullable(),
              note: z.string().nullable(),
              region: z.string().nullable(),
              period: z.string().nullable(),
            }),
          ),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => auditTrail(app.database.db, request.user, request.query),
  );
}
