// Accounts: sign-in, and the national admin's management of users and their scope. The HTTP routes
// and the CLI (`birgemiz users …`) both call these functions, so the rules live in one place.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize, NATIONAL, ROLES, type Role } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import {
  AppError,
  badRequest,
  conflict,
  type ErrorDetail,
  validationFailed as failed,
  notFound,
} from '../../lib/errors.ts';

// The message names every problem, so that the CLI (which prints only the message) is clear too.
const validationFailed = (what: string, problems: ErrorDetail[]) =>
  failed(`${what}: ${problems.map((p) => `${p.message} (${p.column})`).join('; ')}`, problems);

import { writeAudit } from '../audit/audit.repository.ts';
import { findOrganization, findOrganizationsByName } from '../organizations/organizations.repository.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import { findRegion, regionKey } from '../reference/regions.ts';
import {
  currentCost,
  hashPassword,
  needsRehash,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
  randomPasswordHash,
  verifyPassword,
} from './passwords.ts';
import {
  type Db,
  deleteUnusedAccountTokens,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listUserRows,
  replacePasswordHash,
  revokeSessionsOfUser,
  toUserView,
  type UserRecord,
  type UserView,
  updateUserRow,
} from './users.repository.ts';

export type { UserView } from './users.repository.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

// A real hash of a random password, one per hashing cost: an unknown email is checked against it
// so that the answer takes as long as for a known one (no user enumeration by timing).
const dummyHashes = new Map<string, Promise<string>>();
export const dummyPasswordHash = () => {
  const key = JSON.stringify(currentCost());
  let h = dummyHashes.get(key);
  if (!h) {
    h = randomPasswordHash();
    dummyHashes.set(key, h);
  }
  return h;
};

/**
 * The user whose email and password match, or null (unknown, wrong password, disabled alike). A
 * hash of an older scheme or a lower cost is replaced by a current one now that the password is known.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRecord | null> {
  const user = await findUserByEmail(db, normalizeEmail(email));
  // An invited account has no password yet: checked against the dummy too, so it takes as long.
  const usable = user && !isPending(user) ? user.password_hash : null;
  const ok = await verifyPassword(password, usable ?? (await dummyPasswordHash()));
  if (!user || !usable || !ok || user.disabled === 1) return null;
  if (needsRehash(user.password_hash)) {
    const passwordHash = await hashPassword(password);
    // Only if the hash is still the one verified: a password reset in between wins.
    await replacePasswordHash(db, user.id, user.password_hash, passwordHash);
  }
  return user;
}

/**
 * The national admin manages accounts (users.manage); the command line as the national office. Its
 * audit entries carry the acting account, none for the command line (id 0).
 */
const manager = (actor: Actor) => authorize(actor, 'users.manage').id || null;

export async function listUsers(db: Db, actor: Actor): Promise<UserView[]> {
  manager(actor);
  return (await listUserRows(db)).map(toUserView);
}

/** Generated passwords: 16 URL-safe characters (96 bits), printed once by the CLI. */
export const generatePassword = () => randomBytes(12).toString('base64url');

interface Scope {
  region: string | null;
  organization_id: number | null;
}

/**
 * Checks a role and its scope: RFO staff need an existing region; an organisation coordinator an
 * existing organisation (and takes its region); national roles have none; a viewer may have a region.
 */
async function resolveScope(
  db: Db,
  role: string,
  region: string | null | undefined,
  organizationId: number | null | undefined,
): Promise<{ role: Role } & Scope> {
  const problems: ErrorDetail[] = [];
  const known = await activeCodes(db, 'role');
  if (!(ROLES as readonly string[]).includes(role) || !known.includes(role)) {
    problems.push({
      column: 'role',
      value: role,
      rule: 'code_list',
      message: `Unknown role; one of ${ROLES.join(', ')}`,
    });
    throw validationFailed('Invalid user', problems);
  }
  // Volunteers sign up on the platform themselves, with the profile and consent it records.
  if (role === 'volunteer')
    throw validationFailed('Invalid user', [
      {
        column: 'role',
        value: role,
        rule: 'platform_role',
        message: 'Volunteers register on the platform themselves (POST /api/platform/volunteers)',
      },
    ]);
  const r = role as Role;
  const scope: Scope = { region: null, organization_id: null };
  if (r === 'rfo' || r === 'viewer') {
    if (region) {
      const code = await findRegion(db, region);
      if (code) scope.region = code;
      else
        problems.push({ column: 'region', value: region, rule: 'region_exists', message: 'Unknown region' });
    } else if (r === 'rfo') {
      problems.push({ column: 'region', value: null, rule: 'required', message: 'RFO staff need a region' });
    }
  }
  if (r === 'org_coordinator') {
    if (organizationId == null) {
      problems.push({
        column: 'organizationId',
        value: null,
        rule: 'required',
        message: 'An organisation coordinator needs an organisation',
      });
    } else {
      const org = await findOrganization(db, organizationId);
      if (!org)
        problems.push({
          column: 'organizationId',
          value: organizationId,
          rule: 'organization_exists',
          message: 'Unknown organisation',
        });
      else {
        scope.organization_id = org.id;
        scope.region = org.region;
      }
    }
  }
  if (problems.length > 0) throw validationFailed('Invalid user', problems);
  return { role: r, ...scope };
}

/**
 * A scope given that the role does not take is an error, not dropped in silence: a national role
 * has no region, only a coordinator has an organisation, and a coordinator's region is its
 * organisation's.
 */
function checkScopeGiven(
  scope: { role: Role } & Scope,
  input: { region?: string | null | undefined; organizationId?: number | null | undefined },
): void {
  const problems: ErrorDetail[] = [];
  const national = NATIONAL.includes(scope.role);
  if (input.region && national)
    problems.push({
      column: 'region',
      value: input.region,
      rule: 'not_applicable',
      message: 'National roles have no region',
    });
  // A juror's scope is the award rounds he sits on (issue 13), not a region.
  if (input.region && scope.role === 'juror')
    problems.push({
      column: 'region',
      value: input.region,
      rule: 'not_applicable',
      message: 'A juror has no region: he is seated on award rounds',
    });
  if (input.region && scope.role === 'org_coordinator' && regionKey(input.region) !== scope.region)
    problems.push({
      column: 'region',
      value: input.region,
      rule: 'region_mismatch',
      message: `The organisation is in ${scope.region}`,
    });
  if (input.organizationId != null && scope.role !== 'org_coordinator')
    problems.push({
      column: 'organizationId',
      value: input.organizationId,
      rule: 'not_applicable',
      message: 'Only an organisation coordinator has an organisation',
    });
  if (problems.length > 0) throw validationFailed('Invalid user', problems);
}

/** 422 weak_password when a new password breaks the rule; its message names the rule. */
export function checkPassword(password: string, column = 'password'): void {
  const problem = passwordProblem(password);
  if (problem)
    throw new AppError(422, 'weak_password', `Invalid password: the password needs ${problem} (${column})`, [
      {
        column,
        rule: 'password_rules',
        message: `The password needs ${problem}`,
        min: PASSWORD_MIN,
        max: PASSWORD_MAX,
      },
    ]);
}

/**
 * The password hash of an account invited and not yet signed up: no password verifies against it
 * (verifyPassword knows argon2 and scrypt only); the random part keeps every such hash distinct.
 */
export const PENDING_PREFIX = '!invited$';
export const pendingPasswordHash = () => `${PENDING_PREFIX}${randomBytes(16).toString('hex')}`;
export const isPending = (u: { password_hash: string }) => u.password_hash.startsWith(PENDING_PREFIX);

/** A new account's email, checked, and taken by nobody yet (409 email_taken). */
async function checkNewEmail(db: Db, typed: string): Promise<string> {
  const email = normalizeEmail(typed);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
    throw validationFailed('Invalid user', [
      { column: 'email', value: typed, rule: 'email', message: 'Not an email address' },
    ]);
  if (await findUserByEmail(db, email)) throw emailTaken(email);
  return email;
}

export const emailTaken = (email: string) =>
  conflict(`A user with the email ${email} exists already`, [{ rule: 'email_taken', email }], 'email_taken');

/**
 * Checks a new account (email, role, scope) and, in a transaction, inserts it with the given
 * password hash and audits it; `then` runs in the same transaction (an invitation queues its
 * message there).
 */
export async function insertNewUser<T>(
  db: Kysely<DB>,
  actor: Actor,
  input: Omit<CreateUserInput, 'password'>,
  passwordHash: () => Promise<string> | string,
  then: (trx: Transaction<DB>, user: UserRecord) => Promise<T>,
): Promise<{ user: UserView; extra: T }> {
  const actorId = manager(actor);
  const email = await checkNewEmail(db, input.email);
  const scope = await resolveScope(db, input.role, input.region, input.organizationId);
  checkScopeGiven(scope, input);
  const hash = await passwordHash();
  return db.transaction().execute(async (trx) => {
    const row = await insertUser(trx, {
      email,
      password_hash: hash,
      role: scope.role,
      region: scope.region,
      organization_id: scope.organization_id,
      display_name: input.displayName?.trim() || null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
      ...(input.lang ? { lang: input.lang } : {}),
    }).catch((err: unknown) => {
      // Two requests for one address at once: the unique index refuses the second.
      if (/unique|duplicate/i.test(String((err as Error)?.message))) throw emailTaken(email);
      throw err;
    });
    const view = toUserView(row);
    await writeAudit(trx, [
      {
        userId: actorId,
        action: 'create',
        entity: 'app_user',
        entityId: String(row.id),
        newValue: JSON.stringify({
          email: view.email,
          role: view.role,
          region: view.region,
          organizationId: view.organizationId,
          displayName: view.displayName,
        }),
      },
    ]);
    return { user: view, extra: await then(trx, row) };
  });
}

export interface CreateUserInput {
  email: string;
  /** Omitted: a password is generated and returned once. */
  password?: string | null;
  role: string;
  region?: string | null;
  organizationId?: number | null;
  displayName?: string | null;
  /** The language of the user's e-mails (kk, ru, en); the table's default when not given. */
  lang?: Lang;
}

export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  manager(actor);
  const generatedPassword = input.password ? null : generatePassword();
  const password = input.password || (generatedPassword as string);
  checkPassword(password);
  const { user } = await insertNewUser(
    db,
    actor,
    input,
    () => hashPassword(password),
    async () => null,
  );
  return { user, generatedPassword };
}

export interface UpdateUserInput {
  role?: string;
  region?: string | null;
  organizationId?: number | null;
  displayName?: string | null;
  password?: string;
  disabled?: boolean;
  /** The language of the user's e-mails (kk, ru, en). */
  lang?: string;
}

const show = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: UpdateUserInput,
): Promise<UserView> {
  const actorId = manager(actor);
  const current = await findUserById(db, id);
  if (!current) throw notFound(`No user ${id}`);
  const role = input.role ?? current.role;
  if (actorId === id && (input.disabled === true || role !== current.role))
    throw badRequest('You may not disable your own account or change your own role', [], 'self_lockout');
  // A disabled demo account is what lets a production server start (demo.service.ts): it stays so.
  if (
    process.env.NODE_ENV === 'production' &&
    current.is_demo === 1 &&
    current.disabled === 1 &&
    input.disabled === false
  )
    throw badRequest(
      'Demo accounts cannot be enabled in production (their password is published): create an account instead',
      [],
      'demo_account',
    );
  const scopeTouched =
    input.role !== undefined || input.region !== undefined || input.organizationId !== undefined;
  const scope = scopeTouched
    ? await resolveScope(
        db,
        role,
        input.region !== undefined ? input.region : current.region,
        input.organizationId !== undefined ? input.organizationId : current.organization_id,
      )
    : { role: current.role, region: current.region, organization_id: current.organization_id };
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;

  const next: Partial<Omit<UserRecord, 'id'>> = {};
  const audit: { field: string; old: unknown; new: unknown }[] = [];
  const change = <K extends 'role' | 'region' | 'organization_id' | 'display_name' | 'disabled' | 'lang'>(
    key: K,
    value: UserRecord[K],
  ) => {
    if (value === current[key]) return;
    (next as Record<string, unknown>)[key] = value;
    audit.push({ field: key, old: current[key], new: value });
  };
  change('role', scope.role);
  change('region', scope.region);
  change('organization_id', scope.organization_id);
  if (input.displayName !== undefined) change('display_name', input.displayName?.trim() || null);
  if (input.disabled !== undefined) change('disabled', input.disabled ? 1 : 0);
  if (input.lang !== undefined) {
    if (!isLang(input.lang))
      throw badRequest(`Unknown language ${input.lang}: use kk, ru or en`, [], 'unknown_lang');
    change('lang', input.lang);
  }
  if (passwordHash) next.password_hash = passwordHash;

  await db.transaction().execute(async (trx) => {
    if (Object.keys(next).length > 0) await updateUserRow(trx, id, next);
    await writeAudit(trx, [
      ...audit.map((a) => ({
        userId: actorId,
        action: 'update',
        entity: 'app_user',
        entityId: String(id),
        field: a.field,
        oldValue: show(a.old),
        newValue: show(a.new),
      })),
      // The fact of a reset is kept; the password and its hash never are.
      ...(passwordHash
        ? [
            {
              userId: actorId,
              action: 'update',
              entity: 'app_user',
              entityId: String(id),
              field: 'password',
              note: 'password reset',
            },
          ]
        : []),
    ]);
    // Disabling, or a new password, ends every open session of the user at once, and every
    // invitation or reset link still unused (a link asked for by whoever took the mailbox must not
    // override the admin's reset, nor come back to life when the account is enabled again).
    if (next.disabled === 1 || passwordHash) {
      await revokeSessionsOfUser(trx, id);
      await deleteUnusedAccountTokens(trx, id);
    }
  });
  return toUserView((await findUserById(db, id)) as UserRecord);
}

export async function findUserIdByEmail(db: Db, email: string): Promise<number> {
  const u = await findUserByEmail(db, normalizeEmail(email));
  if (!u) throw notFound(`No user with the email ${normalizeEmail(email)}`);
  return u.id;
}

/** An organisation given by id or by its exact name (the CLI's --organization). */
export async function resolveOrganizationRef(db: Db, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const matches = await findOrganizationsByName(db, normalizeName(ref));
  if (matches.length === 0) throw notFound(`No organisation named ${ref}`);
  if (matches.length > 1)
    throw badRequest(
      `${matches.length} organisations are named ${ref}; give the id: ${matches.map((m) => `${m.id} (${m.region}, ${m.type})`).join(', ')}`,
    );
  return (matches[0] as { id: number }).id;
}
