// The contract of the activity records routes: the FORMATS.md column names in both directions, so
// the entry form, the import template and the browser's inline validation speak the same language.
import { z } from 'zod';
import { ACTIVITY_COLUMNS, COHORT_COLUMNS, type CohortColumn } from '../../domain/activity-rules.ts';
import { idParamsSchema, regionParam, text, versionSchema } from '../../lib/schemas.ts';

/** A cell as a client sends it: text or a number; the domain rules decide what it means. */
const cell = z.union([text(2000), z.number(), z.null()]).optional();
const inputShape = Object.fromEntries(ACTIVITY_COLUMNS.map((c) => [c, cell])) as Record<
  (typeof ACTIVITY_COLUMNS)[number],
  typeof cell
>;
export const activityBodySchema = z.object(inputShape);
/** PUT and PATCH: the fields and the version the client read. */
export const activityChangeSchema = activityBodySchema.extend({ version: versionSchema });

export const activityParamsSchema = idParamsSchema;
export const activityListQuerySchema = z.object({
  region: regionParam.optional(),
  period: text(10)
    .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'))
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export const activityDeleteQuerySchema = z.object({ version: z.coerce.number().pipe(versionSchema) });

const nint = z.number().nullable();
const cohortShape = Object.fromEntries(COHORT_COLUMNS.map((c) => [c, nint])) as Record<
  CohortColumn,
  typeof nint
>;

/** A record as the API shows it: the columns, plus id, version, the organiser's id and timestamps. */
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
  ...cohortShape,
  rfo_support: z.string().nullable(),
  beneficiaries: nint,
  excluded: z.string().nullable(),
  external_id: z.string().nullable(),
  notes: z.string().nullable(),
  illustrative: z.boolean(),
  /** `rfo`: entered or imported by the front office; `platform`: derived from hours confirmed on the platform (read-only). */
  source: z.enum(['rfo', 'platform']),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityPageSchema = z.object({
  items: z.array(activitySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;
