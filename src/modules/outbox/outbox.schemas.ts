// The contract of GET /api/outbox and /api/outbox/:id: the e-mails waiting, sent or given up on.
import { z } from 'zod';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

export const outboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  to: z.string(),
  lang: z.string(),
  subject: z.string(),
  /** Plain text, as written (the HTML part sent beside it escapes every markup character). */
  body: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  /** Delivery attempts started so far. */
  attempts: z.number().int(),
  /** When it is tried next (queued), or was last due. */
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
