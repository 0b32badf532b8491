// Award candidates from the record book (issue 12 item 6, DOMAIN.md §8 "Awards"): the figures the
// letters of thanks (every half-year) and the regional Best Volunteer (every year) are proposed
// from — read from the confirmed participations and assessments, never copied.
import { z } from 'zod';
import { periodParam, regionParam } from '../../lib/schemas.ts';

export const candidatesQuerySchema = z.object({
  region: regionParam.describe('The region whose opportunities the hours were given in'),
  period: periodParam
    .refine((p) => !/-\d{2}$/.test(p), 'a half-year YYYY-H1 / YYYY-H2 or a year YYYY')
    .describe('A half-year (letters of thanks) or a year (Best Volunteer), in Kazakhstan time'),
  minHours: z.coerce
    .number()
    .min(0)
    .max(100_000)
    .optional()
    .describe('Leave out volunteers with fewer hours'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type CandidatesQuery = z.infer<typeof candidatesQuerySchema>;

export const volunteerCandidateSchema = z.object({
  volunteer: z.number().int().describe('The volunteer’s account id'),
  name: z.string(),
  hours: z.number().describe('Confirmed hours (not revoked) in the region’s opportunities in the period'),
  participations: z.number().int(),
  organizations: z.number().int().describe('Distinct organisers of those participations'),
  areas: z.array(z.string()).describe('Area codes, most hours first'),
  noShows: z.number().int().describe('Shifts the volunteer was marked absent from in the period'),
  assessment: z
    .object({
      average: z.number().describe('Mean of reliability, skills and teamwork (1–5), one decimal'),
      count: z.number().int(),
    })
    .nullable()
    .describe('The organisers’ assessments of those participations; contests upheld leave them out'),
});
export type VolunteerCandidate = z.infer<typeof volunteerCandidateSchema>;

export const candidatesSchema = z.object({
  region: z.string(),
  period: z.string(),
  from: z.string().describe('First day of the period'),
  to: z.string().describe('Last day of the period'),
  rule: z.string().describe('How the candidates are ordered, ties included'),
  volunteers: z.array(volunteerCandidateSchema),
});
export type Candidates = z.infer<typeof candidatesSchema>;
