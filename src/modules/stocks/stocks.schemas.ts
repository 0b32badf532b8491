// The contract of the stocks routes: a region's unique volunteers and its counts of organisations.
import { z } from 'zod';
import { periodParam, regionParam, text } from '../../lib/schemas.ts';

export const stocksParamsSchema = z.object({ region: regionParam, period: periodParam });

const count = z.number().int().min(0).max(2147483647).nullable();
const stamp = text(40).nullable();
const submissionState = z.object({ status: z.string(), version: z.number().int() });

/** GET/PUT /api/volunteers/:region/:period. volunteers null: not reported. */
export const volunteerStocksSchema = z.object({
  region: z.string(),
  period: z.string(),
  updatedAt: z.string().nullable(),
  illustrative: z.boolean(),
  rows: z.array(z.object({ dimension: z.string(), category: z.string(), volunteers: z.number().nullable() })),
  submission: submissionState,
});
export type VolunteerStocks = z.infer<typeof volunteerStocksSchema>;

/** GET/PUT /api/org-counts/:region/:period. null: not reported. */
export const orgCountsSchema = z.object({
  region: z.string(),
  period: z.string(),
  npo: z.number().nullable(),
  initiativeGroups: z.number().nullable(),
  updatedAt: z.string().nullable(),
  illustrative: z.boolean(),
  submission: submissionState,
});
export type OrgCounts = z.infer<typeof orgCountsSchema>;

/** The whole set of volunteer figures; each row is validated by domain/volunteer-rules.ts. */
export const volunteersBodySchema = z.object({
  updatedAt: stamp,
  rows: z
    .array(
      z.object({
        dimension: text(50),
        category: text(50).nullish(),
        volunteers: z.union([z.number(), z.null(), text(30)]).optional(),
      }),
    )
    .max(200),
});
export type VolunteersBody = z.infer<typeof volunteersBodySchema>;

export const orgCountsBodySchema = z.object({ npo: count, initiativeGroups: count, updatedAt: stamp });
export type OrgCountsBody = z.infer<typeof orgCountsBodySchema>;
