// Queries of the app_user table and the audit trail of account changes (one set for both databases).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppUserTable, DB } from '../../db/schema.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type UserRecord = Selectable<AppUserTable>;

export interface UserView {
  id: number;
  email: string;
  role: string;
  region: string | null;
  organizationId: number | null;
  displayName: string | null;
  isDemo: boolean;
  disabled: boolean;
  createdAt: string;
}

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  email: u.email,
  role: u.role,
  region: u.region,
  organizationId: u.organization_id,
  displayName: u.display_name,
  isDemo: u.is_demo === 1,
  disabled: u.disabled === 1,
  createdAt: u.created_at,
});

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Db, id: number) =>
  db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Db) => db.selectFrom('app_user').selectAll().orderBy('email').execute();

export async function insertUser(db: Db, values: Omit<UserRecord, 'id'>): Promise<UserRecord> {
  return db.insertInto('app_user').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: Db,
  id: number,
  values: Partial<Omit<UserRecord, 'id'>>,
): Promise<void> {
  await db.updateTable('app_user').set(values).where('id', '=', id).execute();
}

export const regionExists = async (db: Db, code: string) =>
  !!(await db.selectFrom('territory_unit').select('code').where('code', '=', code).executeTakeFirst());

export const findOrganization = (db: Db, id: number) =>
  db
    .selectFrom('organization')
    .select(['id', 'name', 'region', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findOrganizationsByName = (db: Db, nameKey: string) =>
  db
    .selectFrom('organization')
    .select(['id', 'name', 'region', 'type'])
    .where('name_key', '=', nameKey)
    .execute();

export async function activeRoleCodes(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('code_list_item')
    .select('code')
    .where('list', '=', 'role')
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.code);
}

// One audit trail for every module (modules/audit): the account and reference changes use it too.
export { type AuditInput as AuditEntry, writeAudit } from '../audit/audit.repository.ts';
