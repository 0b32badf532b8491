// Organisations on the volunteer platform (DOMAIN.md §7, issue 11 item 1). A coordinator registers
// an organisation and his own account at once; the organisation waits `pending` until the front
// office of its region (or the national office) verifies or rejects it, and a verified one can be
// suspended (with a reason) and verified again. The BIN is the key: a registration whose BIN the
// registry knows (an organisation of the monthly data) joins that entry instead of creating a
// twin, and is then a claim the front office verifies; so is one naming an entry of the same
// region, type and name that has no BIN. An entry on the platform already is not registered twice
// (its coordinator adding others is for later).
//
// The coordinator's account gets its organisation's scope (organisation and region) only when the
// organisation is verified, and loses it when it is rejected or suspended: a self-registered
// account must not enter or change the statistics of an organisation, least of all one it claims,
// before the front office has checked it. Every step is audited and e-mailed to the coordinator.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isValidBin } from '../../domain/ids.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize, listScope } from '../../domain/policy.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { closeApplicationsOfOrganization } from '../applications/applications.service.ts';
import { type AuditInput, writeAudit } from '../audit/audit.repository.ts';
import { insertOrganization } from '../organizations/organizations.repository.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { activeCodes } from '../reference/reference.repository.ts';
import { findRegion } from '../reference/regions.ts';
import { countAddressRequest, type LoginLimit } from '../users/login-limits.ts';
import { hashPassword } from '../users/passwords.ts';
import { createSession } from '../users/sessions.ts';
import { findUserByEmail, insertUser, updateUserRow } from '../users/users.repository.ts';
import { checkPassword, emailTaken, normalizeEmail } from '../users/users.service.ts';
import { type Decision, decisionMail, waitingMail } from './platform-organizations.messages.ts';
import {
  fillRegistryBin,
  findEntryByBin,
  findEntryByName,
  findPlatformOrg,
  findPlatformOrgOfCoordinator,
  insertPlatformOrg,
  listPlatformOrgs,
  type PlatformOrgRecord,
  type RegistryEntry,
  setStatus,
} from './platform-organizations.repository.ts';
import type {
  PlatformOrganization,
  PlatformOrgStatus,
  QueueQuery,
  RegistrationBody,
  RegistrationResponse,
  SuspendBody,
  VerifyBody,
} from './platform-organizations.schemas.ts';

/** Registrations allowed per client address (every request counts, refused ones too). */
export const DEFAULT_REGISTRATION_LIMIT: LoginLimit = { max: 20, windowMs: 60 * 60_000 };

/** Organisation types that must give a BIN (with its check digit). */
export const BIN_REQUIRED_TYPES = ['npo', 'company'];
/** Types of the code list that are not organisations of the platform. */
const NOT_ON_PLATFORM = ['front_office'];

const problem = (code: string, message: string, column: string, value: unknown) =>
  badRequest(message, [{ column, value, rule: code, message }], code);

/** The BIN typed: 12 digits with the check digit (spaces dropped), required for npo and company. */
function checkBin(typed: string | null | undefined, type: string): string | null {
  const digits = (typed ?? '').replace(/\s/g, '');
  if (digits === '') {
    if (BIN_REQUIRED_TYPES.includes(type))
      throw problem('bin_required', `A BIN is required for an organisation of type ${type}`, 'bin', typed);
    return null;
  }
  if (!/^\d{12}$/.test(digits)) throw problem('bin_format', 'A BIN has 12 digits', 'bin', typed);
  if (!isValidBin(digits)) throw problem('bin_check_digit', 'The BIN check digit is wrong', 'bin', typed);
  return digits;
}

const alreadyRegistered = (entry: RegistryEntry) =>
  conflict(
    `${entry.name} (${entry.id}) is on the platform already: its coordinator registered it`,
    [{ rule: 'organization_registered', id: entry.id, name: entry.name }],
    'organization_registered',
  );

/** The registry entry a registration joins (a claim), or null for a new one; 409 when it cannot. */
async function entryToJoin(
  db: Kysely<DB>,
  v: { name: string; type: string; bin: string | null; region: string },
): Promise<RegistryEntry | null> {
  const byBin = v.bin ? await findEntryByBin(db, v.bin) : undefined;
  const entry = byBin ?? (await findEntryByName(db, v.region, v.type, v.name));
  if (!entry) return null;
  if (entry.onPlatform) throw alreadyRegistered(entry);
  if (!byBin && entry.bin && entry.bin !== v.bin)
    throw conflict(
      `The registry of ${v.region} has ${entry.name} of this type with another BIN`,
      [{ rule: 'organization_name_taken', id: entry.id, name: entry.name }],
      'organization_name_taken',
    );
  return entry;
}

export interface Registration {
  answer: RegistrationResponse;
  /** The session cookie's token and end. */
  session: { token: string; expiresAt: Date };
}

/**
 * Registers an organisation with its coordinator, signed in: the answer and the new session, or
 * how long to wait when the client address is over its limit.
 */
export async function registerOrganization(
  db: Kysely<DB>,
  input: RegistrationBody,
  clientAddress: string,
  limit: LoginLimit = DEFAULT_REGISTRATION_LIMIT,
): Promise<Registration | { retryAfterSeconds: number }> {
  const refused = await countAddressRequest(db, 'org_register_address', limit, clientAddress);
  if (refused) return { retryAfterSeconds: refused.retryAfterSeconds };

  const name = input.name.replace(/\s+/g, ' ').trim();
  const region = await findRegion(db, input.region);
  if (!region) throw problem('unknown_region', `Unknown region: ${input.region}`, 'region', input.region);
  const types = (await activeCodes(db, 'organization_type')).filter((t) => !NOT_ON_PLATFORM.includes(t));
  if (!types.includes(input.type))
    throw problem(
      'unknown_organization_type',
      `Not an organisation type: one of ${types.join(', ')}`,
      'type',
      input.type,
    );
  const bin = checkBin(input.bin, input.type);
  const email = normalizeEmail(input.email);
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(email) || email.length > 320)
    throw problem('email_invalid', 'Not an e-mail address', 'email', input.email);
  checkPassword(input.password);
  if (await findUserByEmail(db, email)) throw emailTaken(email);
  const values = { name, type: input.type, bin, region };
  const joined = await entryToJoin(db, values);
  const passwordHash = await hashPassword(input.password);
  const lang: Lang = isLang(input.lang) ? input.lang : 'ru';
  const now = new Date().toISOString();

  try {
    return await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, {
        email,
        password_hash: passwordHash,
        role: 'org_coordinator',
        // The organisation's scope comes with its verification (see the top of this file).
        region: null,
        organization_id: null,
        display_name: input.contactName.trim(),
        disabled: 0,
        is_demo: 0,
        created_at: now,
        lang,
      });
      const org = joined ?? (await insertOrganization(trx, values));
      await insertPlatformOrg(trx, {
        organization_id: org.id,
        status: 'pending',
        coordinator_id: user.id,
        contact_name: input.contactName.trim(),
        email,
        name,
        type: input.type,
        bin,
        claim: joined ? 1 : 0,
        reason: null,
        registered_at: now,
        decided_at: null,
        decided_by: null,
      });
      const audit: AuditInput[] = [
        {
          userId: user.id,
          action: 'create',
          entity: 'app_user',
          entityId: String(user.id),
          newValue: JSON.stringify({ email, role: 'org_coordinator', displayName: user.display_name }),
          note: 'registered with an organisation on the platform',
        },
        {
          userId: user.id,
          action: 'create',
          entity: 'platform_org',
          entityId: String(org.id),
          region: org.region,
          newValue: JSON.stringify({
            status: 'pending',
            name,
            type: input.type,
            bin,
            claim: joined !== null,
          }),
          note: joined ? `claims registry entry ${org.id}` : null,
        },
      ];
      if (!joined)
        audit.unshift({
          userId: user.id,
          action: 'create',
          entity: 'organization',
          entityId: String(org.id),
          region: org.region,
          newValue: JSON.stringify(values),
          note: 'registered on the platform',
        });
      await writeAudit(trx, audit, now);
      // The front office of the region (in its own language) is told that an organisation waits.
      const staff = await trx
        .selectFrom('app_user')
        .select(['email', 'lang'])
        .where('role', '=', 'rfo')
        .where('region', '=', org.region)
        .where('disabled', '=', 0)
        .execute();
      for (const r of staff) {
        const staffLang: Lang = isLang(r.lang) ? r.lang : 'ru';
        await queueMessage(trx, {
          kind: 'platform_org_waiting',
          to: r.email,
          lang: staffLang,
          ...waitingMail(staffLang, { name, region: org.region, link: `${appUrl()}/platform/organizations` }),
        });
      }
      const s = await createSession(trx, user.id);
      return {
        answer: {
          organization: {
            id: org.id,
            status: 'pending' as const,
            name: org.name,
            region: org.region,
            claim: joined !== null,
          },
          csrfToken: s.csrfToken,
        },
        session: { token: s.token, expiresAt: s.expiresAt },
      };
    });
  } catch (err) {
    // Two registrations at once: the unique indexes decide, and the loser hears why.
    if (await findUserByEmail(db, email)) throw emailTaken(email);
    const raced = await entryToJoin(db, values).catch((e: unknown) => e);
    if (raced instanceof AppError) throw raced;
    throw err;
  }
}

const publicView = (r: PlatformOrgRecord): PlatformOrganization => {
  const { coordinatorId: _c, coordinatorEmail: _e, coordinatorLang: _l, registeredBin: _b, ...view } = r;
  return view;
};

/** The organisation the signed-in account registered on the platform, with its status; 404 if none. */
export async function myOrganization(db: Kysely<DB>, actor: Actor): Promise<PlatformOrganization> {
  const found = await findPlatformOrgOfCoordinator(db, actor.id);
  if (!found) throw notFound('Your account registered no organisation on the platform');
  return publicView(found);
}

/** The queue of the front office: its region's organisations (national: all), oldest first. */
export async function listQueue(db: Kysely<DB>, actor: Actor, q: QueueQuery) {
  const region = q.region ? ((await findRegion(db, q.region)) ?? q.region) : undefined;
  const scope = listScope(actor, 'platform.orgs.moderate', { region });
  const items = await listPlatformOrgs(db, { status: q.status, region: scope.region ?? region });
  return { items: items.map(publicView) };
}

/** Which decision may follow which status. */
const ALLOWED: Record<Decision, PlatformOrgStatus[]> = {
  verified: ['pending', 'suspended'],
  rejected: ['pending'],
  suspended: ['verified'],
};

async function decide(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  decision: Decision,
  reasonTyped: string | null | undefined,
): Promise<PlatformOrganization> {
  const current = await findPlatformOrg(db, id);
  if (!current) throw notFound(`No organisation ${id} on the platform`);
  authorize(actor, 'platform.orgs.moderate', { region: current.region });
  const reason = reasonTyped?.trim() || null;
  if (decision !== 'verified' && !reason)
    throw problem(
      'reason_required',
      `A reason is required to mark an organisation ${decision}`,
      'reason',
      null,
    );
  const from = current.status;
  if (!ALLOWED[decision].includes(from))
    throw conflict(
      `Organisation ${id} is ${from}: it cannot become ${decision}`,
      [{ rule: 'status_transition', from, to: decision }],
      'status_transition',
    );
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx: Transaction<DB>) => {
    const moved = await setStatus(trx, id, from, {
      status: decision,
      reason: decision === 'verified' ? null : reason,
      decided_at: now,
      decided_by: actor.id || null,
    });
    if (!moved)
      throw conflict(
        `Organisation ${id} changed meanwhile: reload it`,
        [{ rule: 'status_transition', from }],
        'status_transition',
      );
    // The coordinator's account has the organisation's scope exactly while it is verified.
    await updateUserRow(
      trx,
      current.coordinatorId,
      decision === 'verified'
        ? { organization_id: id, region: current.region }
        : { organization_id: null, region: null },
    );
    const audit: AuditInput[] = [
      {
        userId: actor.id || null,
        action: 'status',
        entity: 'platform_org',
        entityId: String(id),
        field: 'status',
        oldValue: from,
        newValue: decision,
        note: reason,
        region: current.region,
      },
    ];
    // A verified claim brings its BIN to a registry entry that had none.
    if (
      decision === 'verified' &&
      current.claim &&
      current.registeredBin &&
      current.bin === current.registeredBin
    ) {
      if (await fillRegistryBin(trx, id, current.registeredBin))
        audit.push({
          userId: actor.id || null,
          action: 'update',
          entity: 'organization',
          entityId: String(id),
          field: 'bin',
          oldValue: null,
          newValue: current.registeredBin,
          note: 'the BIN of a verified claim on the platform',
          region: current.region,
        });
    }
    await writeAudit(trx, audit, now);
    // Suspension hides the opportunities (every public query joins the status) and closes the
    // applications to shifts still ahead; confirmed history stays.
    if (decision === 'suspended') await closeApplicationsOfOrganization(trx, id, reason, actor.id || null);
    const lang: Lang = isLang(current.coordinatorLang) ? current.coordinatorLang : 'ru';
    const mail = decisionMail(decision, lang, current.name, decision === 'verified' ? null : reason);
    await queueMessage(trx, {
      kind: `platform_org_${decision}`,
      to: current.coordinatorEmail,
      lang,
      ...mail,
    });
  });
  return publicView((await findPlatformOrg(db, id)) as PlatformOrgRecord);
}

export const verifyOrganization = (db: Kysely<DB>, actor: Actor, id: number, body: VerifyBody) =>
  decide(db, actor, id, body.decision, body.reason);

export const suspendOrganization = (db: Kysely<DB>, actor: Actor, id: number, body: SuspendBody) =>
  decide(db, actor, id, 'suspended', body.reason);

/**
 * For a route's guard, before the body is read: 403 for a caller who may not decide on this
 * organisation (an unknown one is left to the handler's 404).
 */
export async function assertMayModerate(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  const current = await findPlatformOrg(db, id);
  if (current) authorize(actor, 'platform.orgs.moderate', { region: current.region });
}
