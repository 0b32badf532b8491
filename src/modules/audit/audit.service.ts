// Reading the audit trail: national staff see every entry; RFO staff the entries of their own
// region's data (activities, volunteer stocks, organisation counts, submissions, organisations),
// never the national ones (accounts, reference data). Other roles see none (policy: audit.read).
// The command line (`birgemiz audit`) reads it as the national office, through the same function.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, listScope } from '../../domain/policy.ts';
import { auditNames, listAudit } from './audit.repository.ts';
import type { AuditEntry, AuditQuery } from './audit.schemas.ts';

export async function auditTrail(db: Kysely<DB>, actor: Actor, q: AuditQuery): Promise<AuditEntry[]> {
  // A regional reader is held to its region (403 for another one, and for an account without one).
  const scope = listScope(actor, 'audit.read', { region: q.region });
  const trail = await listAudit(db, {
    entity: q.entity,
    entityIds: q.entityId ? [q.entityId] : undefined,
    region: scope.region ?? q.region,
    period: q.period,
    from: q.from,
    to: q.to,
    userId: q.userId,
    user: q.user,
    action: q.action,
    // The overview reads newest first; the history of one thing from its beginning.
    order: q.order ?? (q.entityId ? 'oldest' : 'newest'),
    limit: q.limit,
    offset: q.offset,
  });
  const names = await auditNames(db, trail, q.lang);
  return trail.map((e, i) => ({
    ...(names[i] as (typeof names)[number]),
    id: e.id,
    at: e.at,
    user: e.userEmail,
    userName: e.userName,
    userId: e.userId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    field: e.field,
    oldValue: e.oldValue,
    newValue: e.newValue,
    note: e.note,
    region: e.region,
    period: e.period,
  }));
}
