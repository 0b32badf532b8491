// Reading the audit trail: national staff see every entry; RFO staff the entries of their own
// region's data (activities, volunteer stocks, organisation counts, submissions, organisations),
// never the national ones (accounts, reference data). Other roles see none.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { forbidden } from '../../lib/errors.ts';
import { isNational, requireUser } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';
import { listAudit } from './audit.repository.ts';

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  region?: string | undefined;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  userId?: number | undefined;
  limit: number;
  offset: number;
}

export async function auditTrail(db: Kysely<DB>, userIn: SessionUser | null | undefined, q: AuditQuery) {
  const user = requireUser(userIn);
  if (!isNational(user) && user.role !== 'rfo')
    throw forbidden('The audit trail is for national and regional staff');
  let region = q.region;
  if (!isNational(user)) {
    if (region && region !== user.region)
      throw forbidden('You may read the trail of your own region’s data only');
    // An RFO account without a region sees nothing rather than everything.
    region = user.region ?? '\u0000none';
  }
  const trail = await listAudit(db, {
    entity: q.entity,
    entityIds: q.entityId ? [q.entityId] : undefined,
    region,
    period: q.period,
    from: q.from,
    to: q.to,
    userId: q.userId,
    limit: q.limit,
    offset: q.offset,
  });
  return trail.map((e) => ({
    id: e.id,
    at: e.at,
    user: e.userEmail,
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
