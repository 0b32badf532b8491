// GET /api/health (liveness: the process answers) and GET /api/ready (readiness: the database
// answers and is migrated), for the operator's monitoring and the load balancer. Both public, as
// they tell nothing beyond which database kind runs. While the server shuts down every request,
// these included, gets 503 (Fastify's return503OnClosing), so the balancer stops sending.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../lib/schemas.ts';
import { healthSchema, readySchema } from './system.schemas.ts';
import { readiness } from './system.service.ts';

export default async function systemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness: the server process answers (the database is checked by /api/ready)',
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const, database: app.database.dialect }),
  );

  r.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers and has run every migration of this server',
        description:
          '503 with error "not_ready" when the database does not answer within 3 s or migrations are pending (details name them), and while the server shuts down.',
        response: { 200: readySchema, ...problems(503) },
      },
    },
    async (_request, reply) => {
      const state = await readiness(app.database);
      if (state.ready)
        return { status: 'ready' as const, database: app.database.dialect, migrations: state.applied };
      const problem =
        state.reason === 'database'
          ? {
              error: 'not_ready',
              message: 'The database does not answer',
              details: [{ rule: 'database', message: state.message }],
            }
          : {
              error: 'not_ready',
              message: `The database lacks ${state.pending.length} migration(s) of this server`,
              details: state.pending.map((name) => ({ rule: 'migration_pending', value: name })),
            };
      return reply.status(503).send(problem);
    },
  );
}
