// The audit trail (audit_log): one row per changed figure, written in the same transaction as the
// change so a rolled-back change leaves no trail. Values are stored as text: strings as they are,
// null as SQL null (missing stays distinguishable from an empty string), everything else as JSON.
import type { Kysely, Transaction } from 'kysely';
import { auditText } from '../../db/audit-bulk.ts';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';

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
  userName: string | null;
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
  /** Part of the acting user's e-mail or display name, any case. */
  user?: string | undefined;
  action?: string | undefined;
  /** Newest first (the overview) or oldest first (the history of one thing); oldest by default. */
  order?: 'newest' | 'oldest' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Entries matching the filter, in the order asked for, with the acting user's email and name. */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter): Promise<AuditRecord[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.user_id',
      'app_user.email',
      'app_user.display_name',
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
  if (filter.action) q = q.where('audit_log.action', '=', filter.action);
  if (filter.user) {
    // Matched in JavaScript, whose case folding knows Cyrillic (SQLite's lower() folds ASCII only):
    // the accounts are a few hundred rows, the entries they wrote are found by id.
    const needle = filter.user.toLocaleLowerCase();
    const accounts = await db.selectFrom('app_user').select(['id', 'email', 'display_name']).execute();
    const ids = accounts
      .filter(
        (u) =>
          u.email.toLocaleLowerCase().includes(needle) ||
          (u.display_name ?? '').toLocaleLowerCase().includes(needle),
      )
      .map((u) => Number(u.id));
    if (ids.length === 0) return [];
    q = q.where('audit_log.user_id', 'in', ids);
  }
  const rows = await q
    .orderBy('audit_log.id', filter.order === 'newest' ? 'desc' : 'asc')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id === null ? null : Number(r.user_id),
    userEmail: r.email ?? null,
    userName: r.display_name ?? null,
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

/** What an entry is about and its values, as a reader reads them: names, not ids and codes. */
export interface AuditNames {
  /** The region's name in the language asked for. */
  regionName: string | null;
  /** The changed thing's name: an activity's title, an organisation's or a code's name, an account's e-mail. */
  subject: string | null;
  /** The organisation an activity belongs to. */
  organization: string | null;
  /** The values with codes and ids replaced by their names (a record written as JSON stays JSON); null: as stored. */
  oldLabel: string | null;
  newLabel: string | null;
}

/** The code list each coded field takes its values from (several codes joined by '|' in rfo_support). */
const FIELD_LISTS: Record<string, string> = {
  area: 'area',
  format: 'format',
  kind: 'kind',
  organization_type: 'organization_type',
  excluded: 'exclusion_reason',
  rfo_support: 'rfo_support',
};
/** An organisation's own type field. */
const ORG_FIELD_LISTS: Record<string, string> = { ...FIELD_LISTS, type: 'organization_type' };

const parseRecord = (v: string | null): Record<string, unknown> | null => {
  if (!v?.startsWith('{')) return null;
  try {
    const o = JSON.parse(v);
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const nameColumn = (lang: Lang) => (lang === 'kk' ? 'name_kk' : lang === 'ru' ? 'name_ru' : 'name_en');

/**
 * The names of the entries' regions, subjects and coded values in one language, looked up in a few
 * queries for the whole page (not one per entry): territory units, code lists, organisations,
 * activities (a deleted one by the record its delete entry kept), accounts.
 */
export async function auditNames(db: Kysely<DB>, entries: AuditRecord[], lang: Lang): Promise<AuditNames[]> {
  const col = nameColumn(lang);
  const units = new Map<string, string>();
  for (const u of await db.selectFrom('territory_unit').select(['code', col]).execute())
    units.set(u.code, (u as Record<string, string>)[col] as string);
  const codes = new Map<string, string>();
  for (const c of await db.selectFrom('code_list_item').select(['list', 'code', col]).execute())
    codes.set(`${c.list}:${c.code}`, (c as Record<string, string>)[col] as string);

  const activityIds = new Set<number>();
  const orgIds = new Set<number>();
  const userIds = new Set<number>();
  const addOrg = (v: unknown) => {
    const n = Number(v);
    if (v !== null && v !== '' && Number.isSafeInteger(n) && n > 0) orgIds.add(n);
  };
  for (const e of entries) {
    const id = Number(e.entityId);
    if (e.entity === 'activity' && Number.isSafeInteger(id)) activityIds.add(id);
    if (e.entity === 'organization') addOrg(e.entityId);
    if (e.entity === 'app_user' && Number.isSafeInteger(id)) userIds.add(id);
    if (e.field === 'organization_id') {
      addOrg(e.oldValue);
      addOrg(e.newValue);
    }
    for (const rec of [parseRecord(e.oldValue), parseRecord(e.newValue)])
      if (rec) addOrg(rec.organization_id);
  }
  const activities = new Map<number, { title: string; organizationId: number }>();
  const ids = [...activityIds];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('activity')
      .select(['id', 'title', 'organization_id'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      activities.set(Number(r.id), { title: r.title, organizationId: Number(r.organization_id) });
      orgIds.add(Number(r.organization_id));
    }
  }
  // A deleted record: its title and organisation from the record its delete (or create) entry kept.
  const gone = ids.filter((id) => !activities.has(id)).map(String);
  for (let i = 0; i < gone.length; i += 500) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'old_value', 'new_value'])
      .where('entity', '=', 'activity')
      .where('action', 'in', ['delete', 'create'])
      .where('entity_id', 'in', gone.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const rec = parseRecord(r.old_value) ?? parseRecord(r.new_value);
      if (!rec || typeof rec.title !== 'string') continue;
      activities.set(Number(r.entity_id), { title: rec.title, organizationId: Number(rec.organization_id) });
      addOrg(rec.organization_id);
    }
  }
  const orgs = new Map<number, string>();
  const orgList = [...orgIds];
  for (let i = 0; i < orgList.length; i += 500) {
    const rows = await db
      .selectFrom('organization')
      .select(['id', 'name'])
      .where('id', 'in', orgList.slice(i, i + 500))
      .execute();
    for (const r of rows) orgs.set(Number(r.id), r.name);
  }
  const users = new Map<number, string>();
  const userList = [...userIds];
  for (let i = 0; i < userList.length; i += 500) {
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'email', 'display_name'])
      .where('id', 'in', userList.slice(i, i + 500))
      .execute();
    for (const r of rows)
      users.set(Number(r.id), r.display_name ? `${r.display_name} <${r.email}>` : r.email);
  }

  const orgName = (v: unknown) => orgs.get(Number(v)) ?? null;
  /** A coded value's name; several codes (rfo_support) each named; null when nothing to name. */
  const valueName = (entity: string, field: string, v: unknown): string | null => {
    if (v === null || v === undefined || v === '') return null;
    if (field === 'organization_id') return orgName(v);
    if (field === 'region') return units.get(String(v)) ?? null;
    const list = (entity === 'organization' ? ORG_FIELD_LISTS : FIELD_LISTS)[field];
    if (!list) return null;
    const parts = String(v).split('|');
    const named = parts.map((c) => codes.get(`${list}:${c}`) ?? c);
    return named.some((n, i) => n !== parts[i]) ? named.join(', ') : null;
  };
  const label = (entity: string, field: string | null, v: string | null): string | null => {
    if (v === null) return null;
    const rec = parseRecord(v);
    if (rec) {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(rec)) {
        const n = valueName(entity, k, x);
        if (n !== null) changed = true;
        if (k === 'organization_id' && n !== null) out.organization = n;
        else out[k] = n ?? x;
      }
      return changed ? JSON.stringify(out) : null;
    }
    return field ? valueName(entity, field, v) : null;
  };
  const subjectOf = (e: AuditRecord): { subject: string | null; organization: string | null } => {
    switch (e.entity) {
      case 'activity': {
        const a = activities.get(Number(e.entityId));
        return { subject: a?.title ?? null, organization: a ? orgName(a.organizationId) : null };
      }
      case 'organization':
        return { subject: orgName(e.entityId), organization: null };
      case 'app_user':
        return { subject: users.get(Number(e.entityId)) ?? null, organization: null };
      case 'code_list_item':
        return { subject: codes.get(e.entityId) ?? null, organization: null };
      case 'territory_unit':
        return { subject: units.get(e.entityId) ?? null, organization: null };
      case 'volunteer_stat': {
        // region|period|dimension|category: the category's name (the total has none).
        const [, , dimension, category] = e.entityId.split('|');
        return {
          subject: dimension && category ? (codes.get(`${dimension}:${category}`) ?? null) : null,
          organization: null,
        };
      }
      default:
        return { subject: null, organization: null };
    }
  };
  return entries.map((e) => ({
    regionName: e.region ? (units.get(e.region) ?? null) : null,
    ...subjectOf(e),
    oldLabel: label(e.entity, e.field, e.oldValue),
    newLabel: label(e.entity, e.field, e.newValue),
  }));
}
