// The contract of the registry routes: search, one organisation, adding one and correcting one.
import { z } from 'zod';
import { text, versionSchema } from '../../lib/schemas.ts';

/** One organisation of the registry. */
export const organizationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  bin: z.string().nullable(),
  region: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationQuerySchema = z.object({
  region: text(20).optional(),
  type: text(50).optional(),
  q: text(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export type OrganizationQuery = z.infer<typeof organizationQuerySchema>;

/** GET /api/organizations: a page of the registry. */
export const organizationPageSchema = z.object({
  items: z.array(organizationSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type OrganizationPage = z.infer<typeof organizationPageSchema>;

const name = text(300).pipe(z.string().trim().min(1));
const type = text(50).pipe(z.string().min(1));
const region = text(20).pipe(z.string().min(1));

export const newOrganizationSchema = z.object({ name, type, region, bin: text(20).nullish() });
export type NewOrganization = z.infer<typeof newOrganizationSchema>;

export const organizationChangeSchema = z.object({
  version: versionSchema,
  name: name.optional(),
  type: type.optional(),
  region: region.optional(),
  bin: text(20).nullable().optional(),
});
export type OrganizationChange = z.infer<typeof organizationChangeSchema>;
