// The contract of finding volunteers with their consent (issue 12 item 4): the volunteer's
// visibility settings, an organisation's search, and its invitations to its opportunities.
import { z } from 'zod';
import { text } from '../../lib/schemas.ts';

/** What a findable volunteer may show organisations; all of it by default once he opts in. */
export const SHOWABLE = [
  'region',
  'skills',
  'languages',
  'experience',
  'assessments',
  'availability',
] as const;
export type Showable = (typeof SHOWABLE)[number];

export const visibilityBodySchema = z.object({
  findable: z.boolean(),
  show: z.array(z.enum(SHOWABLE)).max(SHOWABLE.length).optional(),
  availability: text(300).optional(),
});
export type VisibilityBody = z.infer<typeof visibilityBodySchema>;

export const visibilitySchema = z.object({
  findable: z.boolean(),
  show: z.array(z.enum(SHOWABLE)),
  availability: z.string().nullable(),
  /** Organisations that saw him in their search results, by day, newest first. */
  views: z.array(z.object({ organization: z.string(), day: z.string() })),
  invitations: z.array(
    z.object({
      organization: z.string(),
      opportunity: z.object({ id: z.number().int(), title: z.string() }),
      at: z.string(),
    }),
  ),
});

export const searchQuerySchema = z.object({
  region: text(20).optional(),
  area: text(50).optional(),
  /** Confirmed hours in `area` (or in all areas without it), at least. */
  minHours: z.coerce.number().min(0).max(100000).optional(),
  skill: text(100).optional(),
  language: text(10).optional(),
  /** Average assessment (1–5), at least. */
  minAssessment: z.coerce.number().min(1).max(5).optional(),
  availability: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10000).default(0),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const foundSchema = z.object({
  /** The volunteer's reference for an invitation: no name, contact or birth date. */
  ref: z.number().int(),
  region: z.string().optional(),
  skills: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  experience: z.array(z.object({ area: z.string(), hours: z.number() })).optional(),
  assessment: z.object({ average: z.number(), count: z.number().int() }).nullable().optional(),
  availability: z.string().nullable().optional(),
});
export type Found = z.infer<typeof foundSchema>;

export const searchResultSchema = z.object({ items: z.array(foundSchema), total: z.number().int() });

export const invitationBodySchema = z.object({ volunteer: z.number().int().positive().max(2147483647) });
