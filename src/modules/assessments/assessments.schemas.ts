// The contract of assessments both ways (issue 12 item 3): the coordinator assesses a volunteer
// after a confirmed participation, the volunteer reads it first and may contest it, the front office
// settles; the volunteer rates the opportunity; an organisation's public page sums the ratings up.
import { z } from 'zod';
import { text } from '../../lib/schemas.ts';

const score = z.number().int().min(1).max(5);

export const assessmentBodySchema = z.object({
  reliability: score,
  skills: score,
  teamwork: score,
  comment: text(2000).optional(),
});
export type AssessmentBody = z.infer<typeof assessmentBodySchema>;

export const ratingBodySchema = z.object({
  rating: score,
  wentWell: text(2000).optional(),
  improve: text(2000).optional(),
});
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const contestBodySchema = z.object({ text: text(2000).pipe(z.string().trim().min(1)) });
export type ContestBody = z.infer<typeof contestBodySchema>;

export const settleContestBodySchema = z.object({
  decision: z.enum(['upheld', 'rejected']),
  note: text(2000).pipe(z.string().trim().min(1)),
});
export type SettleContestBody = z.infer<typeof settleContestBodySchema>;

export const assessmentSchema = z.object({
  id: z.number().int(),
  application: z.number().int(),
  opportunity: z.string(),
  organization: z.string(),
  reliability: z.number().int(),
  skills: z.number().int(),
  teamwork: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  /** Until when it may be contested (14 days after it was given). */
  contestUntil: z.string(),
  contest: z
    .object({
      status: z.enum(['open', 'upheld', 'rejected']),
      text: z.string(),
      settlement: z.string().nullable(),
    })
    .nullable(),
});
export type AssessmentView = z.infer<typeof assessmentSchema>;

export const contestViewSchema = assessmentSchema.extend({ region: z.string(), volunteer: z.string() });
export type ContestView = z.infer<typeof contestViewSchema>;

export const organizationPublicSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  region: z.string(),
  /** The volunteers' average rating of its opportunities (1–5), null without ratings. */
  rating: z.number().nullable(),
  ratings: z.number().int(),
  /** Median hours from an application to the organisation's answer, null without answers. */
  responseHours: z.number().nullable(),
  answered: z.number().int(),
});
