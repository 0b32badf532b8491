// The contract of the platform's side of the statistics: what the month's review shows of the
// platform (restatement, the second source of volunteers, probable duplicates), the front office's
// answer to a flag, and the platform's public figures on the dashboard.
import { z } from 'zod';
import { langQuery, regionQuery } from '../reports/reports.schemas.ts';

const breakdown = z.array(z.object({ category: z.string(), volunteers: z.number() }));

/** Unique volunteers by gender, age band and employment. */
export const volunteerFiguresSchema = z.object({
  volunteers: z.number().nullable(),
  gender: breakdown,
  ageBand: breakdown,
  employment: breakdown,
});

const pairSide = z.object({
  id: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  organization: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  volunteers: z.number(),
  hours: z.number(),
  external_id: z.string().nullable(),
});

export const duplicateSchema = z.object({
  /** The platform's record. */
  platform: pairSide,
  /** The record the front office entered or imported. */
  record: pairSide,
  /** How alike the titles are, 0 to 1 (domain/title-similarity.ts). */
  similarity: z.number(),
});
export type Duplicate = z.infer<typeof duplicateSchema>;

export const platformReviewSchema = z.object({
  /** The month's records derived from the platform, and their hours (included in the totals). */
  records: z.number().int(),
  hours: z.number(),
  /** When the platform last changed the month's figures while it was submitted or accepted; null: never. */
  restatedAt: z.string().nullable(),
  /**
   * Whether that change came after the latest submission (`submitted`) or after its acceptance
   * (`accepted`): the figures are not the ones handed in or accepted. Null: no restatement since.
   */
  restatedAfter: z.enum(['submitted', 'accepted']).nullable(),
  /**
   * A second source, never added to the front office's figures: the platform's unique active
   * volunteers of the region and month (confirmed hours), beside the front office's own stock
   * figures (of the month, else of its half-year, else of its year; `period` says which).
   */
  secondSource: z.object({
    platform: volunteerFiguresSchema,
    rfo: volunteerFiguresSchema.extend({ period: z.string().nullable() }),
  }),
  /** Probable duplicates: a platform record and one of the front office's that look like the same event. */
  duplicates: z.array(duplicateSchema),
});
export type PlatformReview = z.infer<typeof platformReviewSchema>;

export const notDuplicateBodySchema = z.object({
  /** The platform's record (its id). */
  platformRecord: z.number().int().positive().max(2147483647),
  /** The front office's record (its id). */
  record: z.number().int().positive().max(2147483647),
});

export const notDuplicateAnswerSchema = z.object({
  platformKey: z.string(),
  record: z.number().int(),
  decision: z.literal('not_duplicate'),
  decidedAt: z.string(),
});

// --- the public dashboard ------------------------------------------------------------------------

export const platformDashboardQuerySchema = z.object({
  region: regionQuery,
  lang: langQuery,
});

const applicationCounts = z.object({
  pending: z.number(),
  waitlisted: z.number(),
  accepted: z.number(),
  declined: z.number(),
  withdrawn: z.number(),
  attended: z.number(),
  no_show: z.number(),
});

export const platformFiguresSchema = z.object({
  /** Organisations verified on the platform (by area: those with a published opportunity of the area). */
  organizations: z.number(),
  /** Published opportunities of verified organisations. */
  opportunities: z.number(),
  /** Places of the shifts not yet started of those opportunities, and the places not taken. */
  placesOffered: z.number(),
  placesFree: z.number(),
  /** Applications by status, and in all. */
  applications: applicationCounts,
  applicationsTotal: z.number(),
  /** Hours confirmed by the organisers (not revoked). */
  confirmedHours: z.number(),
});
export type PlatformFigures = z.infer<typeof platformFiguresSchema>;

export const platformDashboardSchema = z.object({
  /** The region asked for (null: the whole country). */
  region: z.string().nullable(),
  /** When the figures were taken (places are those of shifts starting after it). */
  asOf: z.string(),
  total: platformFiguresSchema,
  byRegion: z.array(platformFiguresSchema.extend({ region: z.string(), name: z.string() })),
  byArea: z.array(platformFiguresSchema.extend({ area: z.string(), name: z.string() })),
});
export type PlatformDashboard = z.infer<typeof platformDashboardSchema>;
