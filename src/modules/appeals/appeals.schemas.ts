// The contract of the information centre's appeals (DOMAIN.md §8, issue 13 item 1): registered by
// staff or through the public form, worked new → in_progress → resolved | closed (reopenable), with
// a history, overdue flags against the targets, and the monthly figures. Codes (channel, topic,
// gender, region) are the reference data's, checked by the service; texts are stored as typed.
import { z } from 'zod';
import { APPEAL_STATUSES, CLOSE_REASONS } from '../../domain/appeal-rules.ts';
import { idSchema, langSchema, regionParam, text } from '../../lib/schemas.ts';

/**
 * An appeal's text as sent: bounded by the request's size only, so that a text over the limit gets
 * its own answer (400 appeal_text_too_long) rather than a generic one.
 */
const longText = text(5 * 1024 * 1024);
const code = text(50).pipe(z.string().trim().min(1));
const optionalText = (max: number) =>
  text(max)
    .transform((v) => v.trim() || null)
    .nullish();
const country = text(2)
  .pipe(z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code'))
  .transform((v) => v.toUpperCase());

/** What an applicant tells about the appeal and himself: the same on the staff's and the public form. */
const appealFields = {
  topic: code,
  related: z.boolean(),
  gender: code.nullish(),
  /** A region of Kazakhstan; or `country` for an applicant abroad. */
  region: regionParam.nullish(),
  country: country.nullish(),
  text: longText,
  /** The applicant's name and contact: staff only, never exported, reported or audited. */
  name: optionalText(200),
  email: optionalText(200),
  phone: optionalText(50),
  /** The applicant's language: the answer's e-mail is written in it. */
  lang: langSchema,
};

export const registerBodySchema = z.object({
  ...appealFields,
  channel: code,
  /** When the appeal came in (a call taken earlier); default now, never in the future. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const publicBodySchema = z.object({
  ...appealFields,
  /** The form's token (GET /api/appeals/form): signed, with the time it was issued. */
  token: text(200),
  /** The honeypot: a field people never see; filled only by a robot. */
  website: text(500).optional(),
});
export type PublicBody = z.infer<typeof publicBodySchema>;

export const formTokenSchema = z.object({
  token: z.string(),
  /** The form may be posted this many seconds after it was issued at the earliest. */
  minSeconds: z.number(),
});

export const publicCreatedSchema = z.object({
  /** The number the applicant quotes ("№ 123"). */
  reference: z.string(),
});

export const assignBodySchema = z.object({ assignee: idSchema });
export const answerBodySchema = z.object({ text: longText });
export const resolveBodySchema = z.object({
  /** The answer to the applicant: required unless one was given already. */
  answer: longText.optional(),
  /** What came of it, in the staff's words. */
  result: longText,
});
export const closeBodySchema = z.object({
  reason: z.enum(CLOSE_REASONS),
  note: optionalText(2000),
});
export const reopenBodySchema = z.object({ note: text(2000).pipe(z.string().trim().min(1)) });

export const statusSchema = z.enum(APPEAL_STATUSES);

export const listQuerySchema = z.object({
  /** A status, or `open`: new and in progress. */
  status: z.union([statusSchema, z.literal('open')]).optional(),
  region: z.union([regionParam, z.literal('none')]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Mine: assigned to the caller. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const person = z.object({ id: z.number().int(), name: z.string() }).nullable();

const overdueSchema = z.object({
  response: z.boolean(),
  resolution: z.boolean(),
  responseDue: z.string(),
  resolutionDue: z.string(),
});

export const appealItemSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  source: z.enum(['import', 'staff', 'web']),
  receivedAt: z.string(),
  channel: z.string(),
  topic: z.string(),
  related: z.boolean(),
  gender: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  status: statusSchema,
  assignee: person,
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  overdue: overdueSchema,
});
export type AppealItem = z.infer<typeof appealItemSchema>;

export const appealListSchema = z.object({ items: z.array(appealItemSchema), total: z.number().int() });
export type AppealList = z.infer<typeof appealListSchema>;

export const EVENT_KINDS = ['registered', 'assigned', 'answered', 'resolved', 'closed', 'reopened'] as const;

export const appealEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(EVENT_KINDS),
  by: person,
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  assignee: person,
  reason: z.string().nullable(),
  text: z.string().nullable(),
  mailed: z.boolean(),
});

export const appealViewSchema = appealItemSchema.extend({
  text: z.string().nullable(),
  lang: z.string().nullable(),
  applicant: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  answer: z.string().nullable(),
  result: z.string().nullable(),
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  externalId: z.string().nullable(),
  events: z.array(appealEventSchema),
});
export type AppealView = z.infer<typeof appealViewSchema>;

export const assigneeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string(),
  region: z.string().nullable(),
});
export const assigneeListSchema = z.object({ items: z.array(assigneeSchema) });

export const stepResultSchema = z.object({
  status: statusSchema,
  /** The answer went to the applicant's e-mail address. */
  mailed: z.boolean(),
});

export const targetsSchema = z.object({
  firstResponseHours: z.number(),
  resolutionHours: z.number(),
});
export const targetsBodySchema = z.object({
  firstResponseHours: z
    .number()
    .positive()
    .max(24 * 365),
  resolutionHours: z
    .number()
    .positive()
    .max(24 * 365),
});
export type TargetsBody = z.infer<typeof targetsBodySchema>;

export const monthlyQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  region: regionParam.optional(),
});

const countsSchema = z.array(z.object({ code: z.string(), count: z.number().int() }));

export const monthFiguresSchema = z.object({
  month: z.string(),
  received: z.number().int(),
  related: z.number().int(),
  byStatus: countsSchema,
  byChannel: countsSchema,
  byTopic: countsSchema,
  medianResponseHours: z.number().nullable(),
  medianResolutionDays: z.number().nullable(),
  /** Answered later than the target, or unanswered past it. */
  lateResponse: z.number().int(),
  /** Resolved later than the target, or open past it. */
  lateResolution: z.number().int(),
  /** Open and overdue now. */
  overdueNow: z.number().int(),
});

export const monthlySchema = z.object({
  year: z.number().int(),
  region: z.string().nullable(),
  targets: targetsSchema,
  /** Closed as duplicates or spam: left out of every figure. */
  leftOut: z.number().int(),
  months: z.array(monthFiguresSchema),
  total: monthFiguresSchema.omit({ month: true }),
});
export type Monthly = z.infer<typeof monthlySchema>;
export type MonthFigures = z.infer<typeof monthFiguresSchema>;
