// The contract of letters of thanks and the region's Best Volunteer (issue 13 item 2, DOMAIN.md §8
// "Awards"): the organisations proposed beside the volunteers, a front office's choice with the
// reasons as they stood, the national office's decision, and the letter issued with a
// verification code.
import { z } from 'zod';
import { idSchema, langSchema, periodParam, regionParam, text } from '../../lib/schemas.ts';

const halfOrYear = periodParam.refine(
  (p) => !/-\d{2}$/.test(p),
  'a half-year YYYY-H1 / YYYY-H2 or a year YYYY',
);

export const orgCandidatesQuerySchema = z.object({
  region: regionParam.describe('The region whose activity records are counted'),
  period: halfOrYear.describe('A half-year (letters of thanks) or a year'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type OrgCandidatesQuery = z.infer<typeof orgCandidatesQuerySchema>;

export const orgFiguresSchema = z.object({
  records: z
    .number()
    .int()
    .describe('Activity records of the organisation in the region and period (excluded ones left out)'),
  months: z.number().int().describe('Months with at least one record'),
  volunteers: z.number().int(),
  hours: z.number(),
  onTime: z
    .number()
    .int()
    .describe('Records of months the front office submitted by the deadline (first submission)'),
  beneficiariesReported: z.number().int().describe('Records that report their beneficiaries'),
});
export type OrgFigures = z.infer<typeof orgFiguresSchema>;

export const orgCandidateSchema = orgFiguresSchema.extend({
  organization: z.number().int(),
  name: z.string(),
  type: z.string(),
});

export const orgCandidatesSchema = z.object({
  region: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  rule: z.string().describe('How the candidates are ordered, ties included'),
  organizations: z.array(orgCandidateSchema),
});
export type OrgCandidates = z.infer<typeof orgCandidatesSchema>;

export const LETTER_KINDS = ['thanks', 'best_volunteer'] as const;
export const LETTER_STATUSES = ['chosen', 'approved', 'returned', 'issued'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const volunteerFiguresSchema = z.object({
  hours: z.number(),
  participations: z.number().int(),
  organizations: z.number().int(),
  areas: z.array(z.string()),
  noShows: z.number().int(),
  assessment: z.object({ average: z.number(), count: z.number().int() }).nullable(),
});
export type VolunteerFigures = z.infer<typeof volunteerFiguresSchema>;

export const chooseBodySchema = z
  .object({
    kind: z.enum(LETTER_KINDS).default('thanks'),
    region: regionParam,
    period: halfOrYear.describe('A half-year for a letter of thanks, a year for the Best Volunteer'),
    volunteer: idSchema.optional(),
    organization: idSchema.optional(),
    justification: text(2000)
      .optional()
      .describe('The front office’s own words, shown to the national office'),
  })
  .superRefine((b, ctx) => {
    if ((b.volunteer === undefined) === (b.organization === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['volunteer'],
        message: 'name a volunteer or an organisation, not both',
      });
    if (b.kind === 'thanks' && !/-H[12]$/.test(b.period))
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'letters of thanks are for a half-year YYYY-H1 / YYYY-H2',
      });
    if (b.kind === 'best_volunteer' && !/^\d{4}$/.test(b.period))
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'the Best Volunteer is chosen for a year YYYY',
      });
    if (b.kind === 'best_volunteer' && b.organization !== undefined)
      ctx.addIssue({ code: 'custom', path: ['organization'], message: 'the Best Volunteer is a volunteer' });
  });
export type ChooseBody = z.infer<typeof chooseBodySchema>;

export const decisionBodySchema = z
  .object({
    decision: z.enum(['approve', 'return']),
    comment: text(2000).optional(),
  })
  .refine((b) => b.decision === 'approve' || (b.comment ?? '').trim() !== '', {
    path: ['comment'],
    message: 'say why it is returned',
  });
export type DecisionBody = z.infer<typeof decisionBodySchema>;

export const lettersQuerySchema = z.object({
  region: regionParam.optional(),
  period: halfOrYear.optional(),
  kind: z.enum(LETTER_KINDS).optional(),
  status: z.enum(LETTER_STATUSES).optional(),
});
export type LettersQuery = z.infer<typeof lettersQuerySchema>;

export const letterSchema = z.object({
  id: z.number().int(),
  kind: z.enum(LETTER_KINDS),
  period: z.string(),
  region: z.string(),
  recipient: z.enum(['volunteer', 'organization']),
  volunteer: z.number().int().nullable(),
  organization: z.number().int().nullable(),
  name: z.string(),
  /** As the public check shows it: a person's initials, an organisation's name. */
  holder: z.string(),
  reasons: z
    .union([volunteerFiguresSchema, orgFiguresSchema])
    .describe('The figures behind the choice as they stood'),
  justification: z.string().nullable(),
  status: z.enum(LETTER_STATUSES),
  chosenAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  code: z.string().nullable().describe('The verification code once issued, as printed'),
  issuedAt: z.string().nullable(),
  pdfUrl: z.string().nullable().describe('The PDF once issued (?lang=kk|ru|en)'),
  verifyUrl: z.string().nullable(),
  illustrative: z.boolean(),
});
export type LetterView = z.infer<typeof letterSchema>;

export const lettersSchema = z.object({ items: z.array(letterSchema) });

export const letterPdfQuerySchema = z.object({ lang: langSchema.default('ru') });

/** What the volunteer's record book lists of his letters and awards. */
export const bookLetterSchema = z.object({
  kind: z.enum(LETTER_KINDS),
  period: z.string(),
  region: z.string(),
  code: z.string(),
  issuedAt: z.string(),
  url: z.string().describe('The PDF (?lang=kk|ru|en)'),
  verifyUrl: z.string(),
});
export type BookLetter = z.infer<typeof bookLetterSchema>;

export const bookAwardSchema = z.object({
  round: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  nomination: z.string(),
  place: z.number().int(),
  resultsUrl: z.string(),
});
export type BookAward = z.infer<typeof bookAwardSchema>;
