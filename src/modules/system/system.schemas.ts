// The contracts of GET /api/health and GET /api/ready.
import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });
export type Health = z.infer<typeof healthSchema>;

export const readySchema = z.object({
  status: z.literal('ready'),
  database: z.enum(['sqlite', 'postgres']),
  /** How many migrations the database has run. */
  migrations: z.number().int(),
});
export type Ready = z.infer<typeof readySchema>;
