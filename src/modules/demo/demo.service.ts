// Loads the 2022 demo dataset (demo.plan.ts) into the database in one transaction: it replaces any
// earlier demo data, so loading twice gives the same database. Runs on the first `npm start` of an
// empty database and by `birgemiz demo load`.

import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import { LOCKS, withSchemaLock } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { normalizeName } from '../../domain/text.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import { hashPassword } from '../users/passwords.ts';
import { insertLiveAppeals } from './demo.appeals.ts';
import { type AwardsDemoSummary, DEMO_JURORS, loadAwardsDemo, removeAwardsDemo } from './demo.awards.ts';
import { DEMO_PASSWORD, DEMO_USERS, REGION_CODES } from './demo.data.ts';
import {
  COMPETITION_DEMO_USERS,
  loadCompetitionDemo,
  loadGrantsMonitoringDemo,
  removeGrantsDemo,
} from './demo.grants.ts';
import { buildDemoPlan, DEMO_PREFIX, DEMO_YEAR } from './demo.plan.ts';
import {
  loadPlatformDemo,
  PLATFORM_DEMO_USERS,
  type PlatformDemoSummary,
  removePlatformDemo,
} from './demo.platform.ts';
import {
  deleteByRowKey,
  deleteDemoAccounts,
  deleteRegionPeriods,
  demoAccounts,
  insertChunks,
  isEmpty,
  organizationKeys,
  partitionsWithRowKeys,
} from './demo.repository.ts';

type Trx = Transaction<DB>;

export interface DemoSummary {
  organizations: number;
  activities: number;
  excluded: number;
  hours: number;
  volunteerStats: number;
  orgCounts: number;
  unaccounted: number;
  appeals: number;
  submissions: number;
  /** The 2022 priority projects (their reporting round and the register's example with them). */
  grantProjects: number;
  users: string[];
  platform?: PlatformDemoSummary;
  /** Applications to the demo's "Zhana Bastama" call (with the platform's demo). */
  competitionApplications?: number;
  awards: AwardsDemoSummary;
}

export interface LoadDemoOptions {
  progress?: (done: number, total: number) => void;
  /** false: the monitoring demo only (browser tests that build their own platform data). */
  platform?: boolean;
}

export async function loadDemo(database: Database, opts: LoadDemoOptions = {}): Promise<DemoSummary> {
  const plan = buildDemoPlan();
  // Every account its own salt, hence its own hash (a handful: cheap enough for the load).
  const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  const total =
    plan.activities.length +
    plan.appeals.length +
    plan.volunteerStats.length +
    plan.orgCounts.length +
    plan.submissions.length +
    plan.unaccounted.length +
    REGION_CODES.length * 12;
  let done = 0;
  const step = (n: number) => {
    done += n;
    opts.progress?.(done, total);
  };
  const now = new Date().toISOString();
  const periods2022 = Array.from({ length: 12 }, (_, i) => `${DEMO_YEAR}-${String(i + 1).padStart(2, '0')}`);

  const summary = await database.db.transaction().execute(async (trx) => {
    await removeDemo(trx);

    // Organisations: the registry is shared with real data, so find or create (by region, type and
    // normalised name), never delete.
    const existing = await organizationKeys(trx, REGION_CODES);
    const idByName = new Map(existing.map((o) => [`${o.region}|${o.type}|${o.name_key}`, o.id]));
    const orgId = new Map<string, number>();
    const missing = plan.organizations.filter((o) => {
      const id = idByName.get(`${o.region}|${o.type}|${normalizeName(o.name)}`);
      if (id !== undefined) orgId.set(o.key, id);
      return id === undefined;
    });
    if (missing.length) {
      await insertChunks(
        trx,
        'organization',
        missing.map((o) => ({
          name: o.name,
          name_key: normalizeName(o.name),
          type: o.type,
          bin: o.bin,
          region: o.region,
          created_at: `${DEMO_YEAR - 1}-12-15T09:00:00.000Z`,
        })),
        () => {},
      );
      const created = await organizationKeys(trx, REGION_CODES);
      for (const o of created) idByName.set(`${o.region}|${o.type}|${o.name_key}`, o.id);
      for (const o of missing) {
        orgId.set(o.key, idByName.get(`${o.region}|${o.type}|${normalizeName(o.name)}`) as number);
      }
    }

    await insertChunks(
      trx,
      'activity',
      plan.activities.map(({ org, ...a }) => ({
        ...a,
        organization_id: orgId.get(org) as number,
        row_key: a.external_id,
        import_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
      step,
    );
    for (const region of REGION_CODES) {
      await refreshAggregates(
        trx,
        periods2022.map((period) => ({ region, period })),
      );
      step(12);
    }

    await insertChunks(
      trx,
      'volunteer_stat',
      plan.volunteerStats.map((s) => ({ ...s, updated_at: now })),
      step,
    );
    await insertChunks(
      trx,
      'org_count',
      plan.orgCounts.map((c) => ({ ...c, updated_at: now })),
      step,
    );
    await insertChunks(
      trx,
      'unaccounted_hours',
      plan.unaccounted.map((u, i) => ({
        year: DEMO_YEAR,
        source: u.source,
        area: u.area,
        volunteers: u.volunteers,
        hours: u.hours,
        note: u.note,
        row_key: `${DEMO_PREFIX}unaccounted-${DEMO_YEAR}-${String(i + 1).padStart(2, '0')}`,
      })),
      step,
    );
    await insertChunks(trx, 'appeal', plan.appeals, step);

    await insertChunks(
      trx,
      'app_user',
      DEMO_USERS.map((u, i) => ({
        email: u.email,
        password_hash: passwordHashes[i] as string,
        role: u.role,
        region: u.region,
        organization_id: u.role === 'org_coordinator' ? (orgId.get(plan.coordinatorOrg) as number) : null,
        display_name: u.displayName,
        disabled: 0,
        is_demo: 1,
        created_at: now,
      })),
      () => {},
    );
    const users = await demoAccounts(trx);
    const admin = users.find((u) => u.role === 'national_admin')?.id ?? null;
    const rfoOf = new Map(users.filter((u) => u.role === 'rfo').map((u) => [u.region, u.id]));
    await insertChunks(
      trx,
      'submission',
      plan.submissions.map((s) => ({
        region: s.region,
        period: s.period,
        status: 'accepted',
        version: 1,
        deadline: s.deadline,
        submitted_at: s.submitted_at,
        submitted_by: rfoOf.get(s.region) ?? null,
        reviewed_at: s.reviewed_at,
        reviewed_by: admin,
        return_comment: null,
        created_at: s.created_at,
        updated_at: s.reviewed_at,
      })),
      step,
    );

    // The information centre's current work, assigned to the accounts above.
    const liveAppeals = await insertLiveAppeals(
      trx,
      users.map((u) => ({ id: Number(u.id), email: u.email })),
      new Date(),
    );
    const grantProjects = await loadGrantsMonitoringDemo(trx, now);

    const counted = plan.activities.filter((a) => a.excluded === null);
    return {
      organizations: plan.organizations.length,
      activities: plan.activities.length,
      excluded: plan.activities.length - counted.length,
      hours: counted.reduce((s, a) => s + a.hours, 0),
      volunteerStats: plan.volunteerStats.length,
      orgCounts: plan.orgCounts.length,
      unaccounted: plan.unaccounted.length,
      appeals: plan.appeals.length + liveAppeals,
      submissions: plan.submissions.length,
      grantProjects,
      users: DEMO_USERS.map((u) => u.email),
    };
  });
  // The platform's demo runs through the platform's services, each in a transaction of its own.
  const platform = opts.platform === false ? undefined : await loadPlatformDemo(database);
  // The competition's demo needs the platform's verified organisations.
  const competitionApplications = platform?.organizations ? await loadCompetitionDemo(database) : undefined;
  // The awards' demo (illustrative) through the awards' services: letters of the platform's latest
  // half-year (none without the platform's demo) and last year's Volunteer of the Year.
  const awards = await loadAwardsDemo(database);
  const withJurors = { ...summary, awards, users: [...summary.users, ...DEMO_JURORS.map((j) => j.email)] };
  return platform
    ? {
        ...withJurors,
        platform,
        competitionApplications,
        users: [...withJurors.users, ...Object.values(PLATFORM_DEMO_USERS), ...COMPETITION_DEMO_USERS],
      }
    : withJurors;
}

/**
 * Removes what an earlier load wrote. The demo owns 2022 and the annual 2021 stocks of the 17 units:
 * their stocks, counts and submissions are replaced; activity, appeal and unaccounted rows are
 * recognised by the demo's row keys (an appeal's history goes with it); organisations stay (the
 * registry is shared).
 */
async function removeDemo(trx: Trx): Promise<void> {
  const partitions = await partitionsWithRowKeys(trx, DEMO_PREFIX);
  await deleteByRowKey(trx, DEMO_PREFIX);
  // Partitions the new load does not write again are refreshed here; its own ones after the insert.
  const own = new Set<string>(REGION_CODES);
  await refreshAggregates(
    trx,
    partitions.filter((p) => !(own.has(p.region) && p.period.startsWith(`${DEMO_YEAR}-`))),
  );
  await deleteRegionPeriods(trx, REGION_CODES, ['2022', '2021'], DEMO_YEAR);
  // Before the accounts: the commission's scores name their members.
  await removeGrantsDemo(trx);
  await removeAwardsDemo(trx);
  await removePlatformDemo(trx);
  await deleteDemoAccounts(trx);
}

/** Loads the demo into a database that holds no activity records and no users; says whether it did. */
/**
 * Loads the demo into an empty database. Servers started together on a new database each call it:
 * the lock makes the others wait for the first, then find the database no longer empty.
 */
export async function loadDemoIfEmpty(database: Database, opts: LoadDemoOptions = {}): Promise<boolean> {
  return withSchemaLock(database, LOCKS.demo, async () => {
    if (!(await isEmpty(database.db))) return false;
    await loadDemo(database, opts);
    return true;
  });
}

/**
 * In production no demo account may be usable: each has the published password. A disabled one is
 * harmless (it cannot sign in, its sessions are refused, and users.service refuses to enable it in
 * production), so the server starts once every demo account is disabled or deleted.
 */
export async function assertNoDemoAccountsInProduction(database: Database): Promise<void> {
  if (process.env.NODE_ENV !== 'production') return;
  const enabled = (await demoAccounts(database.db)).filter((d) => d.disabled !== 1);
  if (enabled.length) {
    throw new Error(
      `NODE_ENV=production but the database holds ${enabled.length} enabled demo account(s) with the published demo password (${enabled
        .map((d) => d.email)
        .join(
          ', ',
        )}). Disable them (npx birgemiz users disable --email …) or delete them (DELETE FROM app_user WHERE is_demo = 1), or use another database; the server will not start.`,
    );
  }
}
