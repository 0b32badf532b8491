// The contract of the submissions routes: the list of a year with its counts, the matrix, the
// review view of one submission, and the transitions' bodies and answer.
import { z } from 'zod';
import { periodParam, regionParam, text, versionSchema } from '../../lib/schemas.ts';

export const yearQuery = z.coerce.number().int().min(2000).max(2100);
export const submissionParamsSchema = z.object({ region: regionParam, period: periodParam });
export const submissionListQuerySchema = z.object({ year: yearQuery, region: regionParam.optional() });
export const matrixQuerySchema = z.object({ year: yearQuery });

/**
 * confirmWarnings: the region has checked the warnings of the checks before submitting;
 * nothingToReport: the period is handed in empty on purpose (only when nothing was entered).
 */
export const submitBodySchema = z.object({
  version: versionSchema,
  confirmWarnings: z.boolean().optional(),
  nothingToReport: z.boolean().optional(),
});
export const acceptBodySchema = z.object({ version: versionSchema });
export const returnBodySchema = z.object({ version: versionSchema, comment: text(4000) });
/** Why an accepted month is reopened: required, kept as the comment the region reads, audited. */
export const REOPEN_REASON_MAX = 2000;
export const reopenBodySchema = z.object({
  version: versionSchema,
  // The missing reason gets a sentence of its own (a blank one is refused by the service).
  reason: z
    .string({ error: 'reason is required: say what is wrong with the accepted month' })
    .pipe(text(REOPEN_REASON_MAX)),
});

export const statusSchema = z.enum(['draft', 'submitted', 'accepted', 'returned']);
export type Status = z.infer<typeof statusSchema>;

/**
 * on_time / late: first submitted by / after the deadline; overdue: not submitted and the deadline
 * has passed; pending: not submitted, still in time.
 */
export const timelinessSchema = z.enum(['on_time', 'late', 'overdue', 'pending']);
export type Timeliness = z.infer<typeof timelinessSchema>;

/** One submission (id null: a draft nobody started yet). */
export const submissionSchema = z.object({
  id: z.number().int().nullable(),
  region: z.string(),
  period: z.string(),
  status: statusSchema,
  version: z.number().int(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  onTime: z.boolean().nullable(),
  timeliness: timelinessSchema,
  updatedAt: z.string().nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** Kinds of data a period is expected to hold (DOMAIN.md §3). */
export const dataKindSchema = z.enum(['activities', 'volunteers', 'org_counts']);
export type DataKind = z.infer<typeof dataKindSchema>;

export const countsSchema = z.object({
  activities: z.number(),
  /** Null when the period has no activity record at all (missing, not zero). */
  volunteers: z.number().nullable(),
  hours: z.number().nullable(),
});
export type Counts = z.infer<typeof countsSchema>;

/** GET /api/submissions?year=&region= answers an array of these. */
export const submissionListItemSchema = submissionSchema.extend({
  counts: countsSchema,
  missing: z.array(dataKindSchema),
});
export type SubmissionListItem = z.infer<typeof submissionListItemSchema>;
export const submissionListSchema = z.array(submissionListItemSchema);

export const matrixCellSchema = z.object({
  region: z.string(),
  period: z.string(),
  /** false: nobody has entered anything (no submission yet): "not started". */
  started: z.boolean(),
  /** false: the unit did not exist that month, nothing is due. */
  expected: z.boolean(),
  status: z.string().nullable(),
  onTime: z.boolean().nullable(),
  timeliness: timelinessSchema.nullable(),
  submittedAt: z.string().nullable(),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixSchema = z.object({
  year: z.number().int(),
  regions: z.array(z.string()),
  months: z.array(z.string()),
  /** The half-years and the year (volunteer and organisation stocks): YYYY-H1, YYYY-H2, YYYY. */
  stockPeriods: z.array(z.string()),
  /** The cells of the months, then those of the stock periods (not counted in the rates). */
  cells: z.array(matrixCellSchema),
  completeness: z.record(z.string(), z.number().nullable()),
  timeliness: z.record(z.string(), z.number().nullable()),
  national: z.object({
    expected: z.number().int(),
    submitted: z.number().int(),
    onTime: z.number().int(),
    completeness: z.number().nullable(),
    timeliness: z.number().nullable(),
  }),
});
export type Matrix = z.infer<typeof matrixSchema>;

const figures = z.object({ events: z.number(), volunteers: z.number(), hours: z.number() });

export const outlierSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  organization: z.string(),
  volunteers: z.number(),
  hours: z.number(),
  hoursPerVolunteer: z.number(),
  zMonth: z.number().nullable(),
  zYear: z.number().nullable(),
});
export type Outlier = z.infer<typeof outlierSchema>;

/** One finding of the checks before submitting (domain/submission-checks.ts). */
export const checkItemSchema = z.object({
  rule: z.string(),
  severity: z.enum(['blocking', 'warning']),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type CheckItemView = z.infer<typeof checkItemSchema>;

export const reviewSchema = z.object({
  submission: submissionSchema,
  totals: figures.extend({ byArea: z.array(figures.extend({ area: z.string() })) }),
  previous: z.array(
    z.object({
      period: z.string(),
      status: z.string().nullable(),
      events: z.number().nullable(),
      volunteers: z.number().nullable(),
      hours: z.number().nullable(),
    }),
  ),
  excluded: z.array(figures.omit({ events: true }).extend({ reason: z.string(), records: z.number() })),
  outliers: z.array(outlierSchema),
  /** What the region said at its last submit: "nothing to report", and the warnings it confirmed. */
  submitted: z.object({
    nothingToReport: z.boolean(),
    confirmedWarnings: z.array(checkItemSchema),
  }),
});
export type Review = z.infer<typeof reviewSchema>;

/** GET /api/submissions/:region/:period/checks: what a submit would find now. */
export const checksSchema = z.object({
  region: z.string(),
  period: z.string(),
  /** Nothing entered: submitted only with nothingToReport: true. */
  empty: z.boolean(),
  blocking: z.array(checkItemSchema),
  warnings: z.array(checkItemSchema),
});
export type Checks = z.infer<typeof checksSchema>;
