// Schema pieces every module's *.schemas.ts builds on: text cells, ids, region and period
// parameters, the language, and the one problem shape every error answer has.
import { z } from 'zod';
import { LANGS } from '../domain/lang.ts';

/** Text without NUL characters (PostgreSQL refuses them in text columns; a 400 is the right answer). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');

/** Database ids are 32-bit integers. */
export const idSchema = z.number().int().positive().max(2147483647);
export const idParamsSchema = z.object({ id: z.coerce.number().pipe(idSchema) });
export const versionSchema = z.number().int().min(0).max(2147483647);

export const regionParam = text(20).pipe(z.string().regex(/^[A-Z]{2}-\d{1,3}$/, 'a region code like KZ-75'));
export const periodParam = text(10).pipe(
  z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|H[12]))?$/, 'a period YYYY-MM, YYYY-H1, YYYY-H2 or YYYY'),
);
export const langSchema = z.enum(LANGS);

/** Every error answer: a stable code, a sentence for people, and the details (cells, rules). */
export const problemSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.any()),
});
export type Problem = z.infer<typeof problemSchema>;

/** The response schemas of the error statuses a route can answer with. */
export function problems<S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S, typeof problemSchema>;
}
