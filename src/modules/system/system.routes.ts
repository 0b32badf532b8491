// GET /api/health: liveness and a database round trip, for the operator's monitoring.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ping } from './system.repository.ts';
import { healthSchema } from './system.schemas.ts';

export default async function systemRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: healthSchema },
      },
    },
    async () => {
      await ping(app.database.db);
      return { status: 'ok' as const, database: app.database.dialect };
    },
  );
}
