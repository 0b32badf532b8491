// The contract of grant monitoring (issue 13 items 4 and 6, DOMAIN.md §8 "Grants"): the register of
// unscrupulous grant implementers (public), the register of grant projects, reporting rounds with
// each project's data provision, and a grantee's report through the platform.
import { z } from 'zod';
import { idSchema, regionParam, text, versionSchema } from '../../lib/schemas.ts';

export const DATA_PROVISION = ['provided', 'duplicated_grantor', 'refused', 'unreachable'] as const;
export const PROJECT_KINDS = ['priority', 'competition'] as const;

const required = (max: number) => text(max).pipe(z.string().trim().min(1));
const isoDate = text(10).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD'));
const count = z.number().int().min(0).max(2147483647);
const amount = z.number().min(0).max(1e13);
const year = z.number().int().min(2000).max(2100);

// --- the register of unscrupulous grant implementers ---------------------------------------------

export const registerEntryBodySchema = z.object({
  bin: text(20),
  name: required(300),
  decision: required(2000),
  decisionDate: isoDate,
  documentRef: required(300),
});
export type RegisterEntryBody = z.infer<typeof registerEntryBodySchema>;

export const registerRemoveBodySchema = z.object({ reason: required(2000) });

export const registerEntrySchema = z.object({
  id: z.number().int(),
  bin: z.string(),
  name: z.string(),
  decision: z.string(),
  decisionDate: z.string(),
  documentRef: z.string(),
  publishedAt: z.string(),
  /** true: an example of the demo data, not a real decision. */
  illustrative: z.boolean(),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;
export const registerListSchema = z.object({ items: z.array(registerEntrySchema) });

// --- grant projects ------------------------------------------------------------------------------

const planned = {
  amountKzt: amount.nullable().optional(),
  plannedVolunteers: count.nullable().optional(),
  plannedHours: amount.nullable().optional(),
  plannedEvents: count.nullable().optional(),
  plannedBeneficiaries: count.nullable().optional(),
  notes: text(2000).nullable().optional(),
};

export const projectBodySchema = z.object({
  title: required(300),
  organizationId: idSchema,
  grantor: required(300),
  area: text(40),
  yearFrom: year,
  yearTo: year,
  regions: z.array(regionParam).min(1).max(30),
  ...planned,
});
export type ProjectBody = z.infer<typeof projectBodySchema>;

export const projectPatchSchema = projectBodySchema
  .omit({ organizationId: true })
  .partial()
  .extend({ version: versionSchema });
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

const figures = z.object({
  volunteers: z.number().nullable(),
  hours: z.number().nullable(),
  events: z.number().nullable(),
});

/** What the project's records (its reports through the platform) hold, excluded records left out. */
export const recordedSchema = z.object({
  records: z.number().int(),
  volunteers: z.number(),
  hours: z.number(),
  beneficiaries: z.number(),
  /** The months it reported, YYYY-MM. */
  months: z.array(z.string()),
});

export const projectSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PROJECT_KINDS),
  title: z.string(),
  organization: z.object({
    id: z.number().int(),
    name: z.string(),
    type: z.string(),
    bin: z.string().nullable(),
    region: z.string(),
  }),
  grantor: z.string(),
  area: z.string(),
  yearFrom: z.number().int(),
  yearTo: z.number().int(),
  regions: z.array(z.string()),
  amountKzt: z.number().nullable(),
  planned: figures.extend({ beneficiaries: z.number().nullable() }),
  recorded: recordedSchema,
  notes: z.string().nullable(),
  illustrative: z.boolean(),
  /** The competition application it was won with, for a competition's winner. */
  applicationId: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GrantProject = z.infer<typeof projectSchema>;

export const projectListQuerySchema = z.object({
  year: z.coerce.number().pipe(year).optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  region: regionParam.optional(),
});
export const projectListSchema = z.object({ items: z.array(projectSchema) });

export const roundEntrySchema = z.object({
  round: z.object({ id: z.number().int(), title: z.string(), year: z.number().int() }),
  status: z.enum(DATA_PROVISION).nullable(),
  comment: z.string().nullable(),
  reported: figures,
  illustrative: z.boolean(),
  updatedAt: z.string(),
});

export const projectDetailSchema = projectSchema.extend({
  rounds: z.array(roundEntrySchema),
  months: z.array(
    z.object({
      period: z.string(),
      region: z.string(),
      records: z.number().int(),
      volunteers: z.number(),
      hours: z.number(),
      beneficiaries: z.number(),
    }),
  ),
});
export type GrantProjectDetail = z.infer<typeof projectDetailSchema>;

// --- a grantee's report -------------------------------------------------------------------------

const cohort = count.nullable().optional();
export const reportItemSchema = z.object({
  region: text(20),
  title: required(500),
  format: text(40),
  kind: z.enum(['event', 'ongoing']),
  startDate: isoDate,
  endDate: isoDate,
  volunteers: z.number().int().min(0).max(2147483647),
  hours: z.number().min(0).max(1e9),
  beneficiaries: count.nullable().optional(),
  child: cohort,
  inclusive: cohort,
  corporate: cohort,
  international: cohort,
  silver: cohort,
  probono: cohort,
  general: cohort,
});
export type ReportItem = z.infer<typeof reportItemSchema>;

export const reportBodySchema = z.object({ items: z.array(reportItemSchema).max(200) });
export type ReportBody = z.infer<typeof reportBodySchema>;

export const reportParamsSchema = z.object({
  id: z.coerce.number().pipe(idSchema),
  period: text(7).pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')),
});

export const reportResultSchema = z.object({
  period: z.string(),
  records: z.number().int(),
  volunteers: z.number(),
  hours: z.number(),
  beneficiaries: z.number(),
  /** The project's records of the month before the report: replaced, never added to. */
  replaced: z.number().int(),
});

// --- reporting rounds ---------------------------------------------------------------------------

export const roundBodySchema = z.object({ title: required(300), year });
export type RoundBody = z.infer<typeof roundBodySchema>;

export const roundSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  year: z.number().int(),
  createdAt: z.string(),
  projects: z.number().int(),
  byStatus: z.object({
    provided: z.number().int(),
    duplicated_grantor: z.number().int(),
    refused: z.number().int(),
    unreachable: z.number().int(),
    pending: z.number().int(),
  }),
});
export const roundListSchema = z.object({ items: z.array(roundSummarySchema) });

export const roundEntryBodySchema = z.object({
  status: z.enum(DATA_PROVISION).nullable(),
  comment: text(4000).nullable().optional(),
  volunteers: count.nullable().optional(),
  hours: amount.nullable().optional(),
  events: count.nullable().optional(),
});
export type RoundEntryBody = z.infer<typeof roundEntryBodySchema>;

export const roundProjectParamsSchema = z.object({
  id: z.coerce.number().pipe(idSchema),
  project: z.coerce.number().pipe(idSchema),
});

export const roundRowSchema = z.object({
  project: projectSchema.pick({
    id: true,
    kind: true,
    title: true,
    organization: true,
    grantor: true,
    area: true,
    regions: true,
    illustrative: true,
  }),
  status: z.enum(DATA_PROVISION).nullable(),
  comment: z.string().nullable(),
  reported: figures,
  /** The project's records in the round's year. */
  recorded: recordedSchema.omit({ months: true }),
  illustrative: z.boolean(),
  updatedAt: z.string(),
});
export type RoundRow = z.infer<typeof roundRowSchema>;

export const roundSchema = roundSummarySchema.extend({ entries: z.array(roundRowSchema) });
export type GrantRound = z.infer<typeof roundSchema>;
