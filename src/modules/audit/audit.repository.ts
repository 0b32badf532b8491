// The audit trail (audit_log): one row per changed figure, written in the same transaction as the
// change so a rolled-back change leaves no trail. Values are stored as text: strings as they are,
// null as SQL null (missing stays distinguishable from an empty string), everything else as JSON.
import type { Kysely, Transaction } from 'kysely';
import { auditText } from '../../db/audit-bulk.ts';
import type { DB } from '../../db/schema.ts';

export interface AuditInput {
  userId: number | null;
  action: string; // create | update | delete | status | import
  entity: string; // activity | volunteer_stat | org_count | submission | ...
  entityId: string;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  note?: string | null;
  /** The region the changed data belongs to: what RFO staff may see of the trail. Null: national. */
  region?: string | null;
  /** The reporting period of the changed data, when it has one. */
  period?: string | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  userId: number | null;
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  region: string | null;
  period: string | null;
}

// One text form for the entries written here and those the bulk importers write (db/audit-bulk.ts).
export { auditText };

/** Appends entries (in chunks, so a bulk import stays under the parameter limits of both databases). */
export async function writeAudit(
  db: Kysely<DB> | Transaction<DB>,
  entries: AuditInput[],
  at: string = new Date().toISOString(),
): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    await db
      .insertInto('audit_log')
      .values(
        chunk.map((e) => ({
          at,
          user_id: e.userId,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          field: e.field ?? null,
          old_value: auditText(e.oldValue),
          new_value: auditText(e.newValue),
          note: e.note ?? null,
          region: e.region ?? null,
          period: e.period ?? null,
        })),
      )
      .execute();
  }
}

export interface AuditFilter {
  entity?: string | undefined;
  entityIds?: string[] | undefined;
  region?: string | undefined;
  /** A month or half-year exactly; a year: every period of it. */
  period?: string | undefined;
  /** Time of the change, ISO: from ≤ at < to. */
  from?: string | undefined;
  to?: string | undefined;
  userId?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Entries matching the filter, oldest first, with the acting user's email. */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter): Promise<AuditRecord[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'app_user.email',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.field',
      'audit_log.old_value',
      'audit_log.new_value',
      'audit_log.note',
      'audit_log.region',
      'audit_log.period',
    ]);
  if (filter.entity) q = q.where('audit_log.entity', '=', filter.entity);
  if (filter.entityIds) {
    if (filter.entityIds.length === 0) return [];
    q = q.where('audit_log.entity_id', 'in', filter.entityIds);
  }
  if (filter.region) q = q.where('audit_log.region', '=', filter.region);
  if (filter.period) {
    q = /^\d{4}$/.test(filter.period)
      ? q.where('audit_log.period', 'like', `${filter.period}%`)
      : q.where('audit_log.period', '=', filter.period);
  }
  if (filter.from) q = q.where('audit_log.at', '>=', filter.from);
  if (filter.to) q = q.where('audit_log.at', '<', filter.to);
  if (filter.userId !== undefined) q = q.where('audit_log.user_id', '=', filter.userId);
  const rows = await q
    .orderBy('audit_log.id')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id === null ? null : Number(r.user_id),
    userEmail: r.email ?? null,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    note: r.note,
    region: r.region,
    period: r.period,
  }));
}
