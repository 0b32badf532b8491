// The contract of the platform's organisation routes (FORMATS.md "Platform API"): registering an
// organisation with its coordinator, the front office's verification queue, verifying, rejecting
// and suspending.
import { z } from 'zod';
import { langSchema, text } from '../../lib/schemas.ts';

export const PLATFORM_ORG_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type PlatformOrgStatus = (typeof PLATFORM_ORG_STATUSES)[number];

const required = (max: number) => text(max).pipe(z.string().trim().min(1));

/** POST /api/platform/organizations. */
export const registrationBodySchema = z.object({
  name: required(300),
  type: required(50),
  bin: text(20).nullish(),
  region: required(20),
  email: required(320),
  password: z.string().max(1000),
  contactName: required(200),
  /** The language of the coordinator's e-mails (default ru). */
  lang: langSchema.optional(),
});
export type RegistrationBody = z.infer<typeof registrationBodySchema>;

/** One organisation on the platform, as the front office sees it in its queue. */
export const platformOrganizationSchema = z.object({
  id: z.number().int(),
  status: z.enum(PLATFORM_ORG_STATUSES),
  /** The registry's name (a claim keeps the registry's until verified) and the name as registered. */
  name: z.string(),
  registeredName: z.string(),
  type: z.string(),
  bin: z.string().nullable(),
  region: z.string(),
  /** true: the registration joined an entry the registry had already (from the monthly data). */
  claim: z.boolean(),
  contactName: z.string(),
  email: z.string(),
  reason: z.string().nullable(),
  registeredAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type PlatformOrganization = z.infer<typeof platformOrganizationSchema>;

export const registrationResponseSchema = z.object({
  organization: z.object({
    id: z.number().int(),
    status: z.literal('pending'),
    name: z.string(),
    region: z.string(),
    claim: z.boolean(),
  }),
  csrfToken: z.string(),
});
export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;

export const queueQuerySchema = z.object({
  status: z.enum(PLATFORM_ORG_STATUSES).optional(),
  region: text(20).optional(),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const queueResponseSchema = z.object({ items: z.array(platformOrganizationSchema) });
export type QueueResponse = z.infer<typeof queueResponseSchema>;

const reason = text(2000).pipe(z.string().trim());

export const verifyBodySchema = z.object({
  decision: z.enum(['verified', 'rejected']),
  reason: reason.nullish(),
});
export type VerifyBody = z.infer<typeof verifyBodySchema>;

export const suspendBodySchema = z.object({ reason });
export type SuspendBody = z.infer<typeof suspendBodySchema>;
