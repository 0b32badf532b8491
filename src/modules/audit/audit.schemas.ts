// The contract of GET /api/audit: the filters it takes and the entries it answers with.
import { z } from 'zod';
import { idSchema, langSchema, periodParam, regionParam, text } from '../../lib/schemas.ts';

const isoTime = text(40).pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'an ISO date or time, e.g. 2023-02-01 or 2023-02-01T00:00:00Z')
    .refine((v) => !Number.isNaN(Date.parse(v)), 'not a real date'),
);

export const auditQuerySchema = z.object({
  entity: text(50).pipe(z.string().min(1)).optional(),
  entityId: text(200).pipe(z.string().min(1)).optional(),
  region: regionParam.optional(),
  period: periodParam.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  userId: z.coerce.number().pipe(idSchema).optional(),
  /** Part of the acting user's e-mail or name, any case. */
  user: text(200).pipe(z.string().min(1)).optional(),
  action: z.enum(['create', 'update', 'delete', 'status', 'import']).optional(),
  /** Newest first by default; oldest first by default for the history of one thing (entityId given). */
  order: z.enum(['newest', 'oldest']).optional(),
  /** The language of the names (regions, code lists) in the answer. */
  lang: langSchema.default('en'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One entry of the trail: values are text, null when there was none; user null for the command line. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The acting user's email. */
  user: z.string().nullable(),
  /** The acting user's display name, when the account has one. */
  userName: z.string().nullable(),
  userId: z.number().int().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  note: z.string().nullable(),
  /** The region and period of the changed data, when it has them. */
  region: z.string().nullable(),
  period: z.string().nullable(),
  /** The region's name in the language asked for. */
  regionName: z.string().nullable(),
  /** The changed thing by name: an activity's title, an organisation's, a code's or a region's name, an account. */
  subject: z.string().nullable(),
  /** The organisation of an activity. */
  organization: z.string().nullable(),
  /** The values with codes and ids named (a record stays JSON); null when the value names itself. */
  oldLabel: z.string().nullable(),
  newLabel: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
