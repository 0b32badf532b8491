// The contract of the submissions routes: the list of a year with its counts, the matrix, the
// review view of one submission, and the transitions' bodies and answer.
import { z } from 'zod';
import { periodParam, regionParam, text, versionSchema } from '../../lib/schemas.ts';
import { platformReviewSchema } from '../platform-stats/platform-stats.schemas.ts';

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
  /** The first submission: timeliness is measured by it. */
  submittedAt: z.string().nullable(),
  /** The latest submission (after a return and resubmission, the new time). */
  lastSubmittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** What to fix: only while the submission is returned (the thread keeps every comment). */
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
  /** The volunteer platform's part: its records, restatement, second source, probable duplicates. */
  platform: platformReviewSchema,
});
export type Review = z.infer<typeof reviewSchema>;

// --- the review inbox (issue 10 item 3) ------------------------------------------------------------

/** A period's totals as the inbox compares them: records, volunteers and hours of a month; the stocks of a half-year or year. */
export const inboxTotalsSchema = z.object({
  records: z.number().nullable(),
  volunteers: z.number().nullable(),
  hours: z.number().nullable(),
  npo: z.number().nullable(),
  initiativeGroups: z.number().nullable(),
});
export type InboxTotals = z.infer<typeof inboxTotalsSchema>;

export const inboxItemSchema = z.object({
  id: z.number().int(),
  region: z.string(),
  period: z.string(),
  kind: z.enum(['month', 'half', 'year']),
  version: z.number().int(),
  deadline: z.string(),
  /** The latest submission: what the reviewer waits on since. */
  submittedAt: z.string().nullable(),
  /** The first submission: timeliness is measured by it. */
  firstSubmittedAt: z.string().nullable(),
  timeliness: timelinessSchema,
  /** The national office's last decision on the period, null for a first submission. */
  lastReview: z.object({ action: z.string(), at: z.string() }).nullable(),
  /** Rows since the last decision (a first submission: every row is added). */
  changes: z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int() }),
  totals: z.object({ before: inboxTotalsSchema.nullable(), after: inboxTotalsSchema }),
  /** Messages in the period's thread. */
  comments: z.number().int(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.array(inboxItemSchema);

export const BULK_ACCEPT_MAX = 200;
export const bulkAcceptBodySchema = z.object({
  items: z
    .array(z.object({ region: regionParam, period: periodParam, version: versionSchema }))
    .min(1)
    .max(BULK_ACCEPT_MAX),
});
export const bulkAcceptSchema = z.object({ accepted: z.array(submissionSchema) });
export type BulkAccept = z.infer<typeof bulkAcceptSchema>;

// --- the thread of a submission (issue 10 item 4) --------------------------------------------------

export const COMMENT_MAX = 4000;
export const commentBodySchema = z.object({
  text: z
    .string({ error: 'text is required: the comment itself' })
    .max(COMMENT_MAX, { error: `a comment is at most ${COMMENT_MAX} characters` })
    .pipe(text(COMMENT_MAX)),
  /** The activity record of the region and period the comment is about. */
  activityId: z.number().int().positive().max(2147483647).nullable().optional(),
});
export const commentSchema = z.object({
  id: z.number().int(),
  /** comment: a message; return / reopen: the reason of that decision. */
  kind: z.enum(['comment', 'return', 'reopen']),
  authorId: z.number().int().nullable(),
  /** The author's name or e-mail; null: the national office's command line. */
  authorName: z.string().nullable(),
  authorRole: z.string().nullable(),
  /** As written: markup is text, escaped wherever it is shown. */
  body: z.string(),
  activityId: z.number().int().nullable(),
  activityTitle: z.string().nullable(),
  at: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;
export const commentListSchema = z.array(commentSchema);
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
