// The contract of applications, attendance and disputes (FORMATS.md "Platform API"): a volunteer
// applies to a shift, the coordinator accepts or declines, the volunteer withdraws or takes a place
// offered from the waitlist; from the shift's start the coordinator records attendance and hours;
// the volunteer disputes hours and the front office settles.
import { z } from 'zod';
import { text } from '../../lib/schemas.ts';

export const APPLICATION_STATUSES = [
  'pending',
  'waitlisted',
  'accepted',
  'declined',
  'withdrawn',
  'attended',
  'no_show',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Reason codes of declines, withdrawals and the system's own moves (FORMATS.md: at least no_places,
 * requirements_not_met, not_available, no_response, other).
 */
export const REASON_CODES = [
  'no_places',
  'requirements_not_met',
  'not_available',
  'no_response',
  'other',
  'opportunity_cancelled',
  'organization_suspended',
] as const;
/** The codes a person may give (the last two are the system's). */
export const GIVEN_REASONS = [
  'no_places',
  'requirements_not_met',
  'not_available',
  'no_response',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const DISPUTE_STATUSES = ['open', 'upheld', 'rejected'] as const;

const required = (max: number) => text(max).pipe(z.string().trim().min(1));

/** The body of an application (optional): confirming the training a risk area requires. */
export const applyBodySchema = z
  .object({ trainingConfirmed: z.boolean().optional() })
  .nullish()
  .transform((v) => v ?? {});
export type ApplyBody = z.infer<typeof applyBodySchema>;

export const applyResponseSchema = z.object({
  id: z.number().int(),
  status: z.enum(['pending', 'waitlisted']),
});

export const decisionBodySchema = z
  .object({
    reason: z.enum(GIVEN_REASONS).optional(),
    note: text(2000).optional(),
  })
  .default({});
export type DecisionBody = z.infer<typeof decisionBodySchema>;

export const statusResponseSchema = z.object({ status: z.enum(APPLICATION_STATUSES) });

/** Hours: a positive number with at most two decimals. */
const hoursSchema = z.number().min(-1e6).max(1e6);

export const attendanceBodySchema = z.union([
  z.object({ attended: z.literal(true), hours: hoursSchema.optional() }),
  z.object({ attended: z.literal(false) }),
]);
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

export const attendanceResponseSchema = z.object({
  status: z.enum(['attended', 'no_show']),
  hours: z.number().nullable(),
});

export const MAX_BULK = 10000;

export const bulkAttendanceBodySchema = z.object({
  entries: z
    .array(
      z.object({
        application: z.number().int(),
        attended: z.boolean(),
        hours: hoursSchema.optional(),
      }),
    )
    .min(1)
    .max(MAX_BULK),
});
export type BulkAttendanceBody = z.infer<typeof bulkAttendanceBodySchema>;

export const bulkAttendanceResponseSchema = z.object({
  recorded: z.number().int(),
  attended: z.number().int(),
  hours: z.number(),
});

export const correctionBodySchema = z.object({
  attended: z.boolean(),
  hours: hoursSchema.optional(),
  reason: required(2000),
});
export type CorrectionBody = z.infer<typeof correctionBodySchema>;

export const revokeBodySchema = z.object({ reason: required(2000) });
export type RevokeBody = z.infer<typeof revokeBodySchema>;

export const disputeBodySchema = z.object({
  text: required(2000),
  claimedHours: hoursSchema.optional(),
});
export type DisputeBody = z.infer<typeof disputeBodySchema>;

export const settleBodySchema = z.object({
  decision: z.enum(['upheld', 'rejected']),
  /** Upheld: the hours to confirm instead (required when the volunteer was marked absent). */
  hours: hoursSchema.optional(),
  note: required(2000),
});
export type SettleBody = z.infer<typeof settleBodySchema>;

export const eventSchema = z.object({
  at: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  hoursBefore: z.number().nullable(),
  hoursAfter: z.number().nullable(),
  /** Who: the volunteer, the organisation, the front office, or the system. */
  by: z.enum(['volunteer', 'organization', 'staff', 'system']),
});

const shiftRef = z.object({ id: z.number().int(), start: z.string(), end: z.string() });

export const disputeRefSchema = z.object({
  id: z.number().int(),
  status: z.enum(DISPUTE_STATUSES),
  openedAt: z.string(),
  settlement: z.string().nullable(),
});

/** A volunteer's application as the volunteer sees it. */
export const ownApplicationSchema = z.object({
  id: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  shift: shiftRef,
  opportunity: z.object({
    id: z.number().int(),
    title: z.string(),
    organization: z.string(),
    region: z.string(),
    area: z.string(),
  }),
  /** A place offered from the waitlist: take it before this time. */
  offerExpiresAt: z.string().nullable(),
  hours: z.number().nullable(),
  revoked: z.boolean(),
  attendanceAt: z.string().nullable(),
  /** Until when the hours may be disputed (14 days after they were recorded). */
  disputeUntil: z.string().nullable(),
  dispute: disputeRefSchema.nullable(),
  /** The volunteer has rated the opportunity of this participation. */
  rated: z.boolean(),
  createdAt: z.string(),
  events: z.array(eventSchema),
});
export type OwnApplication = z.infer<typeof ownApplicationSchema>;

export const ownListSchema = z.object({
  items: z.array(ownApplicationSchema),
  /** Confirmed hours, not revoked. */
  confirmedHours: z.number(),
});

/** An applicant as the organisation's coordinator sees them: no contact data, no birth date. */
export const applicantSchema = z.object({
  id: z.number().int(),
  shiftId: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  reason: z.string().nullable(),
  volunteer: z.object({
    id: z.number().int(),
    name: z.string(),
    /** Age at the shift's start. */
    age: z.number().int().nullable(),
    /** Under 18 with the guardian's consent still missing: cannot be accepted yet. */
    guardianPending: z.boolean(),
    skills: z.array(z.string()),
  }),
  offerExpiresAt: z.string().nullable(),
  hours: z.number().nullable(),
  revoked: z.boolean(),
  /** The coordinator has assessed the volunteer of this participation. */
  assessed: z.boolean(),
  createdAt: z.string(),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const applicantListSchema = z.object({
  shifts: z.array(
    shiftRef.extend({
      capacity: z.number().int(),
      taken: z.number().int(),
      started: z.boolean(),
    }),
  ),
  items: z.array(applicantSchema),
});

export const disputeListQuerySchema = z.object({
  status: z.enum(DISPUTE_STATUSES).default('open'),
  region: text(20).optional(),
});

export const disputeViewSchema = z.object({
  id: z.number().int(),
  status: z.enum(DISPUTE_STATUSES),
  region: z.string(),
  application: z.number().int(),
  applicationStatus: z.enum(APPLICATION_STATUSES),
  volunteer: z.string(),
  opportunity: z.object({ id: z.number().int(), title: z.string(), organization: z.string() }),
  shift: shiftRef,
  hours: z.number().nullable(),
  claimedHours: z.number().nullable(),
  text: z.string(),
  openedAt: z.string(),
  settledAt: z.string().nullable(),
  settlement: z.string().nullable(),
});
export type DisputeView = z.infer<typeof disputeViewSchema>;
export const disputeListSchema = z.object({ items: z.array(disputeViewSchema) });
