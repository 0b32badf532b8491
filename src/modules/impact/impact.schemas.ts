// The contract of measuring impact (issue 12 item 5): a closed opportunity's report by its
// organisation (beneficiaries by type and an outcome line), the volunteer's survey after a confirmed
// participation, and the figures the annual report (key `impact`) and the public dashboard carry —
// each with its coverage, described here so that the OpenAPI document says what they count.
import { z } from 'zod';
import { BENEFICIARIES_MAX, MIN_SURVEYS, OUTCOME_MAX } from '../../domain/impact.ts';
import { text } from '../../lib/schemas.ts';

// --- the organisation's report ------------------------------------------------------------------

export const beneficiaryLineSchema = z.object({
  type: text(50).describe(
    'A code of the list beneficiary_type (GET /api/reference/code-lists/beneficiary_type)',
  ),
  count: z.number().int().min(0).max(BENEFICIARIES_MAX).describe('How many were reached, one each'),
});

export const reportBodySchema = z.object({
  outcome: text(OUTCOME_MAX)
    .pipe(z.string().trim().min(1))
    .describe(
      `One line: what came of it, at most ${OUTCOME_MAX} characters; kept as text (line breaks and runs of spaces as one space), never as markup`,
    ),
  beneficiaries: z.array(beneficiaryLineSchema).min(1).max(50).describe('Each type once'),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

export const impactReportViewSchema = z.object({
  opportunity: z.object({
    id: z.number().int(),
    title: z.string(),
    status: z.string(),
    area: z.string(),
    region: z.string(),
  }),
  /** Whether a report can be made or changed now: closed, and before `editableUntil`. */
  editable: z.boolean(),
  editableUntil: z
    .string()
    .nullable()
    .describe('1 April (Kazakhstan time) of the year after its last shift; null before it is closed'),
  report: z
    .object({
      outcome: z.string(),
      beneficiaries: z.array(z.object({ type: z.string(), count: z.number().int() })),
      total: z.number().int(),
      reportedAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
});
export type ImpactReportView = z.infer<typeof impactReportViewSchema>;

// --- the volunteer's survey ----------------------------------------------------------------------

const answer = z.number().int().min(1).max(5);

export const surveyBodySchema = z.object({
  satisfaction: answer.describe('How satisfied with the participation, 1–5'),
  skillsGained: answer.describe('Skills gained, 1–5'),
  wouldReturn: answer.describe('Would volunteer again, 1–5'),
  belonging: answer.describe('A sense of trust and belonging, 1–5'),
});
export type SurveyBody = z.infer<typeof surveyBodySchema>;

export const surveyViewSchema = surveyBodySchema.extend({
  application: z.number().int(),
  createdAt: z.string(),
});
export type SurveyView = z.infer<typeof surveyViewSchema>;

// --- the figures ---------------------------------------------------------------------------------

const count = z.number().int();

/** A figure with its coverage; `value` null when there is nothing to compute it from (never 0 then). */
const figure = (value: string, n: string, of: string) =>
  z.object({
    value: z.number().nullable().describe(value),
    n: count.describe(n),
    of: count.describe(of),
  });

export const ImpactFigures = z.object({
  retention: figure(
    'Share (%) of the previous year’s active volunteers active again within 12 months of their last participation that year (anywhere on the platform)',
    'Volunteers active again',
    'Volunteers active in the previous year (in this region or area)',
  ),
  repeatParticipation: figure(
    'Share (%) of the year’s active volunteers with two or more confirmed participations (here)',
    'Volunteers with two or more',
    'Volunteers active in the year',
  ),
  noShowRate: figure(
    'no_show ÷ (attended + no_show), % of the attendance marked for the year’s shifts',
    'No-shows',
    'Attendances marked (attended with hours not revoked, and no-shows)',
  ),
  responseHours: figure(
    'Median hours from an application made in the year to the organisation’s answer (accepted or declined)',
    'Applications answered',
    'Applications made in the year',
  ),
  beneficiariesPer100Hours: figure(
    'Beneficiaries (of every type, one each) per 100 confirmed hours, over the closed opportunities that reported',
    'Opportunities reported',
    'Opportunities closed with confirmed hours, whose last shift ended in the year',
  ).extend({
    beneficiaries: count.describe('Beneficiaries reported by those opportunities'),
    hours: z.number().describe('Their confirmed hours'),
  }),
  satisfaction: figure(
    `Mean satisfaction (1–5) of the surveys; null below ${MIN_SURVEYS} answers`,
    'Surveys answered',
    'Confirmed participations of the year',
  ),
  skillsGained: figure(
    `Mean skills gained (1–5); null below ${MIN_SURVEYS} answers`,
    'Surveys answered',
    'Confirmed participations of the year',
  ),
  wouldReturn: figure(
    `Mean "would volunteer again" (1–5); null below ${MIN_SURVEYS} answers`,
    'Surveys answered',
    'Confirmed participations of the year',
  ),
  belonging: figure(
    `Mean sense of trust and belonging (1–5); null below ${MIN_SURVEYS} answers`,
    'Surveys answered',
    'Confirmed participations of the year',
  ),
});
export type ImpactFiguresView = z.infer<typeof ImpactFigures>;

export const ImpactSection = z
  .object({
    year: z.number().int(),
    available: z.boolean().describe('Whether the platform has any record behind these figures for the year'),
    national: ImpactFigures.describe('The country (or the region asked, on the dashboard)'),
    byRegion: z
      .array(ImpactFigures.extend({ region: z.string(), name: z.string() }))
      .describe('By the opportunity’s region, on the report’s map; regions without platform data left out'),
    byArea: z
      .array(ImpactFigures.extend({ area: z.string(), name: z.string() }))
      .describe('By the opportunity’s area; areas without platform data left out'),
    reached: z
      .array(z.object({ type: z.string(), name: z.string(), beneficiaries: count }))
      .describe('Beneficiaries reported by type (code list beneficiary_type), most first'),
    minSurveys: count.describe('Survey means are published from this many answers in a region or area'),
  })
  .describe(
    'Impact (issue 12 item 5): the platform’s records, the organisations’ reports of closed opportunities and the volunteers’ surveys, each figure with its coverage (n of of)',
  );
export type ImpactSectionView = z.infer<typeof ImpactSection>;
