// The contract of the record book and its certificates (FORMATS.md "Platform API"): the volunteer's
// confirmed participations with totals, certificates issued from them, and the public check of a
// certificate's code.
import { z } from 'zod';
import { langSchema, text } from '../../lib/schemas.ts';
import { bookAwardSchema, bookLetterSchema } from '../awards/letters.schemas.ts';

export const entrySchema = z.object({
  /** The application: one confirmed participation. */
  id: z.number().int(),
  opportunity: z.string(),
  opportunityId: z.number().int(),
  organization: z.string(),
  area: z.string(),
  region: z.string(),
  /** Kazakhstan time (+05:00). */
  start: z.string(),
  end: z.string(),
  hours: z.number(),
  /** The organiser's assessment, once the volunteer has seen it (an upheld contest removes it). */
  assessment: z
    .object({
      reliability: z.number().int(),
      skills: z.number().int(),
      teamwork: z.number().int(),
      comment: z.string().nullable(),
    })
    .nullable(),
});
export type Entry = z.infer<typeof entrySchema>;

export const totalsSchema = z.object({ hours: z.number(), participations: z.number().int() });

export const recordBookSchema = z.object({
  entries: z.array(entrySchema),
  totals: totalsSchema,
  byYear: z.array(z.object({ year: z.number().int(), hours: z.number(), participations: z.number().int() })),
  byArea: z.array(z.object({ area: z.string(), hours: z.number(), participations: z.number().int() })),
  /** Letters of thanks and Best Volunteer letters issued to the volunteer (issue 13), newest first. */
  letters: z.array(bookLetterSchema),
  /** Places won in published national award rounds (Volunteer of the Year), newest first. */
  awards: z.array(bookAwardSchema),
});
export type RecordBook = z.infer<typeof recordBookSchema>;

export const certificateBodySchema = z.object({
  lang: langSchema,
  /** One year of the record book; without it, all of it. */
  year: z.number().int().min(2000).max(2100).optional(),
});
export type CertificateBody = z.infer<typeof certificateBodySchema>;

export const certificateSchema = z.object({
  /** The verification code as printed (four groups of four). */
  code: z.string(),
  /** The PDF (the volunteer's; `.docx` beside it). */
  url: z.string(),
  docxUrl: z.string(),
  /** Where anyone checks it. */
  verifyUrl: z.string(),
  issuedAt: z.string(),
});

export const codeParamsSchema = z.object({ code: text(40) });

export const verificationSchema = z.object({
  status: z.enum(['valid', 'superseded', 'revoked']),
  code: z.string(),
  /** The holder's initials only. */
  holder: z.string(),
  scope: z.string(),
  totals: totalsSchema,
  entries: z.array(entrySchema.omit({ id: true, assessment: true })),
  issuedAt: z.string(),
});
export type Verification = z.infer<typeof verificationSchema>;

/** The public check of a letter of thanks or a Best Volunteer letter's code (issue 13). */
export const letterVerificationSchema = z.object({
  kind: z.literal('letter'),
  status: z.literal('valid'),
  code: z.string(),
  /** thanks: a letter of thanks for a half-year; best_volunteer: the region's Best Volunteer of a year. */
  letter: z.enum(['thanks', 'best_volunteer']),
  recipient: z.enum(['volunteer', 'organization']),
  /** A person's initials; an organisation's name. */
  holder: z.string(),
  region: z.string(),
  /** YYYY-H1 / YYYY-H2 or YYYY. */
  period: z.string(),
  issuedAt: z.string(),
});
export type LetterVerification = z.infer<typeof letterVerificationSchema>;

/** What a code stands for: a record-book certificate (as before) or a letter. */
export const codeCheckSchema = z.union([verificationSchema, letterVerificationSchema]);
