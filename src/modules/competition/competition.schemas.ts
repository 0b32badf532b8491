// The contract of the "Zhana Bastama" competition (issue 13 item 5, DOMAIN.md §8): a call per year
// with each region's quota and budget, organisations' applications, the regional commission's
// scores, the selection, and the winners' follow-up reports (as grant projects).
import { z } from 'zod';
import { idSchema, regionParam, text } from '../../lib/schemas.ts';

const required = (max: number) => text(max).pipe(z.string().trim().min(1));
const isoDate = text(10).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD'));
const money = z.number().positive().max(1e13);

export const quotaSchema = z.object({
  quota: z.number().int().min(0).max(1000),
  budgetKzt: z.number().min(0).max(1e13),
});
export type QuotaBody = z.infer<typeof quotaSchema>;

export const callBodySchema = z.object({
  year: z.number().int().min(2000).max(2100),
  title: required(300),
  grantor: required(300),
  /** The most an application may ask for (seed 004: about 1 million KZT). */
  budgetCapKzt: money,
  /** When the winners' follow-up reports are due. */
  reportDue: isoDate,
  quotas: z
    .array(quotaSchema.extend({ region: regionParam }))
    .min(1)
    .max(30),
});
export type CallBody = z.infer<typeof callBodySchema>;

export const quotaParamsSchema = z.object({ id: z.coerce.number().pipe(idSchema), region: regionParam });

export const applicationBodySchema = z.object({
  title: required(300),
  area: text(40),
  description: required(4000),
  budgetKzt: money,
  expectedVolunteers: z.number().int().min(1).max(2147483647),
  expectedBeneficiaries: z.number().int().min(0).max(2147483647),
});
export type ApplicationBody = z.infer<typeof applicationBodySchema>;

/** Any number is read: one outside the scale is refused with its code (competition_score_out_of_scale). */
export const scoreBodySchema = z.object({
  score: z.number().min(-1e9).max(1e9),
  comment: text(2000).nullable().optional(),
});
export type ScoreBody = z.infer<typeof scoreBodySchema>;

export const CALL_STATUSES = ['open', 'scoring', 'selected'] as const;
export const APPLICATION_STATUSES = ['submitted', 'winner', 'not_selected', 'ineligible'] as const;
export const OUTCOMES = ['selected', 'quota_full', 'budget_exhausted', 'unscored', 'on_register'] as const;

export const applicationSchema = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  organization: z.object({ id: z.number().int(), name: z.string(), bin: z.string().nullable() }),
  region: z.string(),
  title: z.string(),
  area: z.string(),
  description: z.string(),
  budgetKzt: z.number(),
  expectedVolunteers: z.number().int(),
  expectedBeneficiaries: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  /** Why it was or was not selected; null before the selection. */
  outcome: z.enum(OUTCOMES).nullable(),
  /** The members' mean score (to 2 decimals) and how many scored it; the applicant sees them after the selection. */
  score: z.number().nullable(),
  scores: z.number().int().nullable(),
  rank: z.number().int().nullable(),
  /** The caller's own score, for a commission member. */
  myScore: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** A winner's grant project, its follow-up reports' figures, and whether they are overdue. */
  projectId: z.number().int().nullable(),
  reported: z
    .object({
      records: z.number().int(),
      volunteers: z.number(),
      hours: z.number(),
      beneficiaries: z.number(),
    })
    .nullable(),
  /** A winner with no follow-up report once the reports are due. */
  unreported: z.boolean(),
  illustrative: z.boolean(),
  createdAt: z.string(),
});
export type CompetitionApplication = z.infer<typeof applicationSchema>;

export const callSummarySchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  grantor: z.string(),
  budgetCapKzt: z.number(),
  reportDue: z.string(),
  status: z.enum(CALL_STATUSES),
  illustrative: z.boolean(),
  createdAt: z.string(),
  scoringAt: z.string().nullable(),
  selectedAt: z.string().nullable(),
  /** The score scale every member scores on. */
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  quotas: z.array(
    z.object({
      region: z.string(),
      quota: z.number().int(),
      budgetKzt: z.number(),
      applications: z.number().int(),
      winners: z.number().int(),
      awardedKzt: z.number(),
    }),
  ),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const callListSchema = z.object({ items: z.array(callSummarySchema) });

export const callSchema = callSummarySchema.extend({
  /** The applications the caller may read: all (national office), the region's, or his organisation's. */
  applications: z.array(applicationSchema),
});
export type CompetitionCall = z.infer<typeof callSchema>;
