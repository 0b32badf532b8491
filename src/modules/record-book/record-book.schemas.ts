// The contract of the record book and its certificates (FORMATS.md "Platform API"): the volunteer's
// confirmed participations with totals, certificates issued from them, and the public check of a
// certificate's code.
import { z } from 'zod';
import { langSchema, text } from '../../lib/schemas.ts';

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
