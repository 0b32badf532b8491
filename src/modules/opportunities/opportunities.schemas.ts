// The contract of the platform's opportunity routes (FORMATS.md "Platform API"): creating an
// opportunity with its shifts, publishing, closing and cancelling it, and the public search.
import { z } from 'zod';
import { isIsoDate } from '../../domain/volunteer-account.ts';
import { text } from '../../lib/schemas.ts';

export const OPPORTUNITY_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** At most this many shifts per opportunity. */
export const MAX_SHIFTS = 100;
export const MAX_CAPACITY = 10000;

const required = (max: number) => text(max).pipe(z.string().trim().min(1));

/** An instant written ISO 8601 with its offset (Z or ±hh:mm), e.g. 2027-03-01T10:00:00+05:00. */
export const instantSchema = text(40).pipe(
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
      'an ISO 8601 time with its offset, e.g. 2027-03-01T10:00:00+05:00',
    )
    .refine((v) => isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)), 'not a real time'),
);

export const shiftInputSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  capacity: z.number().int(),
});

/** POST /api/platform/opportunities. */
export const createBodySchema = z.object({
  title: required(300),
  description: required(10000),
  area: required(50),
  region: required(20),
  format: required(50),
  minAge: z.number().int().max(120).nullish(),
  probono: z.boolean().optional(),
  skills: z.array(required(100)).max(30).optional(),
  /** A town or district within the region. */
  locality: text(200).optional(),
  /** For risk areas: the training required; applicants confirm having it. */
  training: text(1000).optional(),
  shifts: z.array(shiftInputSchema).max(MAX_SHIFTS),
});
export type CreateBody = z.infer<typeof createBodySchema>;

export const createResponseSchema = z.object({
  id: z.number().int(),
  status: z.literal('draft'),
  shifts: z.array(z.object({ id: z.number().int() })),
});

export const statusResponseSchema = z.object({ status: z.enum(OPPORTUNITY_STATUSES) });

export const cancelBodySchema = z.object({ reason: text(2000).pipe(z.string().trim()) });
export type CancelBody = z.infer<typeof cancelBodySchema>;

export const shiftSchema = z.object({
  id: z.number().int(),
  /** ISO 8601 in Kazakhstan time (+05:00). */
  start: z.string(),
  end: z.string(),
  capacity: z.number().int(),
  /** Places not taken: the capacity less pending, accepted and offered places. */
  free: z.number().int(),
});

export const opportunityItemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  organization: z.object({ id: z.number().int(), name: z.string() }),
  area: z.string(),
  region: z.string(),
  format: z.string(),
  minAge: z.number().int(),
  probono: z.boolean(),
  locality: z.string().nullable(),
  /** The training required (applicants confirm having it), or null. */
  training: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  shifts: z.array(shiftSchema),
});
export type OpportunityItem = z.infer<typeof opportunityItemSchema>;

export const opportunitySchema = opportunityItemSchema.extend({
  description: z.string(),
  skills: z.array(z.string()),
  reason: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type Opportunity = z.infer<typeof opportunitySchema>;

const dateOrInstant = text(40).pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'a date YYYY-MM-DD or an ISO time')
    .refine((v) => isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)), 'not a real date'),
);

export const searchQuerySchema = z.object({
  region: text(20).optional(),
  area: text(50).optional(),
  format: text(50).optional(),
  /** Shifts ending on or after (a date: its start in Kazakhstan time); default now. */
  from: dateOrInstant.optional(),
  /** Shifts starting on or before (a date: its end in Kazakhstan time). */
  to: dateOrInstant.optional(),
  q: text(200).optional(),
  /** The volunteer's age: opportunities whose minimum age is at most this. */
  age: z.coerce.number().int().min(0).max(150).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResponseSchema = z.object({
  items: z.array(opportunityItemSchema),
  total: z.number().int(),
});

/** GET /api/platform/opportunities/mine: the coordinator's organisation's, in every status. */
export const mineItemSchema = opportunityItemSchema.extend({
  reason: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export const mineResponseSchema = z.object({ items: z.array(mineItemSchema) });
export type MineResponse = z.infer<typeof mineResponseSchema>;
