// Volunteers of the platform (issue 11 item 2; FORMATS.md "Platform API"): registration, the
// e-mail and guardian links, the volunteer's own profile, export and erasure.

import { z } from 'zod';
import { langSchema, text } from '../../lib/schemas.ts';
import { ownApplicationSchema } from '../applications/applications.schemas.ts';
import { visibilitySchema } from '../finding/finding.schemas.ts';

export const registerVolunteerBodySchema = z.object({
  email: text(320),
  password: text(1000),
  name: text(200),
  birthDate: text(10),
  gender: text(40),
  region: text(20),
  employment: text(40),
  /** Optional; checked, kept only as a keyed hash and its last 4 digits. */
  iin: text(32).optional(),
  resident: z.boolean().optional(),
  disability: z.boolean().optional(),
  /** Skills as typed (at most 20, each up to 60 characters). */
  skills: z.array(text(60)).max(20).optional(),
  /** Languages spoken, ISO 639 codes (kk, ru, en, …; at most 10). */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 code such as kk'))
    .max(10)
    .optional(),
  /** `{ personalData: true }` is required (400 consent_required otherwise). */
  consent: z.object({ personalData: z.boolean().optional() }).optional(),
  /** Required under 18. */
  guardian: z.object({ name: text(200), email: text(320) }).optional(),
  /** The language of the e-mails (kk, ru, en); ru when not given. */
  lang: langSchema.optional(),
});
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBodySchema>;

export const volunteerSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  region: z.string().nullable(),
  employment: z.string().nullable(),
  resident: z.boolean(),
  disability: z.boolean(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  /** The IIN's last 4 digits only; null when none was given. */
  iinLast4: z.string().nullable(),
  consent: z.object({ personalData: z.boolean(), version: z.string(), at: z.string() }),
  emailConfirmed: z.boolean(),
  emailConfirmedAt: z.string().nullable(),
  /** not_required (18 or older), pending, confirmed. */
  guardianStatus: z.string(),
  guardian: z.object({ name: z.string(), email: z.string(), confirmedAt: z.string().nullable() }).nullable(),
  lang: z.string(),
  createdAt: z.string(),
});
export type Volunteer = z.infer<typeof volunteerSchema>;

export const registerVolunteerResponseSchema = z.object({
  volunteer: volunteerSchema,
  csrfToken: z.string(),
});
export const volunteerResponseSchema = z.object({ volunteer: volunteerSchema });

/**
 * What the volunteer may change: name, region, employment, residence, disability, skills,
 * languages, the e-mail language, and a minor's guardian (a new guardian's consent is asked anew).
 * Birth date and gender are fixed (they are cross-checked with the IIN).
 */
export const updateVolunteerBodySchema = registerVolunteerBodySchema
  .pick({
    name: true,
    region: true,
    employment: true,
    resident: true,
    disability: true,
    skills: true,
    languages: true,
    guardian: true,
    lang: true,
  })
  .partial();
export type UpdateVolunteerBody = z.infer<typeof updateVolunteerBodySchema>;

export const tokenBodySchema = z.object({ token: text(200) });
export const confirmResponseSchema = z.object({ confirmed: z.literal(true) });
export const guardianConsentResponseSchema = z.object({ confirmed: z.literal(true) });

export const volunteerExportSchema = z.object({
  exportedAt: z.string(),
  account: z.object({
    id: z.number(),
    email: z.string(),
    role: z.string(),
    lang: z.string(),
    createdAt: z.string(),
  }),
  volunteer: volunteerSchema,
  links: z.array(
    z.object({
      purpose: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      usedAt: z.string().nullable(),
    }),
  ),
  /** What the trail recorded about the account (no personal values are in it). */
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      field: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  /** Applications with their trail, hours and disputes; the confirmed hours not revoked. */
  applications: z.array(ownApplicationSchema),
  confirmedHours: z.number(),
  /** The e-mails queued for the address (bodies left out: they carry one-time links). */
  messages: z.array(
    z.object({
      kind: z.string(),
      subject: z.string(),
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
  /** Assessments received, ratings and surveys given, certificates issued, findability. */
  assessments: z.array(
    z.object({
      application: z.number(),
      reliability: z.number(),
      skills: z.number(),
      teamwork: z.number(),
      comment: z.string().nullable(),
      createdAt: z.string(),
      contest: z.string().nullable(),
      contestText: z.string().nullable(),
      settlement: z.string().nullable(),
    }),
  ),
  ratings: z.array(
    z.object({
      application: z.number(),
      rating: z.number(),
      wentWell: z.string().nullable(),
      improve: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  surveys: z.array(
    z.object({
      application: z.number(),
      satisfaction: z.number(),
      skillsGained: z.number(),
      wouldReturn: z.number(),
      belonging: z.number(),
      createdAt: z.string(),
    }),
  ),
  certificates: z.array(
    z.object({
      code: z.string(),
      scope: z.string(),
      lang: z.string(),
      hours: z.number(),
      participations: z.number(),
      issuedAt: z.string(),
    }),
  ),
  visibility: visibilitySchema,
});
export type VolunteerExport = z.infer<typeof volunteerExportSchema>;
