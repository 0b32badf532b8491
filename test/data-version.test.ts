// The data version (src/server/plugins/data-version.ts, migration 2026-12-06-005): every table but
// the few that hold no data has the triggers that move it, on both databases, so that a table added
// later cannot be forgotten; it moves when a write to a data table commits, whichever connection made
// it, and not before, not for a rolled-back one, not for a write to a table that holds no data; on
// PostgreSQL, writers do not wait for one another on it. The cache it keys: dashboard.cache.test.ts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { databaseVersionReader } from '../src/server/plugins/data-version.ts';
import { createTestDatabase, dialectUnderTest, type TestDatabase } from './helpers/db.ts';

/**
 * The tables no cached answer reads and that requests write without changing data: they have no
 * trigger, so that signing in, failing to, or being refused leaves the public cache in place.
 * Any other table, present or future, must have the triggers (copy them from the migration).
 */
const NON_DATA_TABLES = [
  'session', // sign-in and sign-out
  'login_attempts', // failed logins, counted for throttling (migration 2026-12-06-006)
  'jobs', // the scheduled jobs' leases and runs (migration 2026-12-06-007)
  'outbox', // e-mails waiting or sent (migration 2026-12-06-008)
  'notification_sent', // reminders and digests queued, each once (migration 2026-12-06-009)
  'account_token', // hashes of invitation and reset links (migration 2026-12-06-010)
  'volunteer_profile', // volunteers' personal data, no public answer reads it (migration 2026-12-06-014)
  'volunteer_token', // hashes of e-mail confirmation and guardian links (migration 2026-12-06-014)
  'application_event', // the trail of applications' transitions (migration 2026-12-07-016)
  'hours_dispute', // disputes of confirmed hours, read by staff only (migration 2026-12-07-016)
  'certificate', // record-book certificates, read by their code only (migration 2026-12-07-020)
  'assessment', // coordinators' assessments of volunteers, read by the two sides and staff (migration 2026-12-07-022)
  'volunteer_experience', // hours by area summed from the participations, read by the search only (migration 2026-12-07-026)
  'volunteer_view', // which organisations saw a findable volunteer, read by him only (migration 2026-12-07-023)
  'invitation', // invitations of findable volunteers, read by them and the organisation (migration 2026-12-07-023)
  'opportunity_rating', // volunteers' ratings: the organisation's public page reads them uncached (migration 2026-12-07-022)
  'platform_duplicate_decision', // the front office's "not a duplicate" answers, staff only (migration 2026-12-07-017)
  'appeal_event', // the history of appeals' steps, read by staff only (migration 2026-12-07-025)
  // Awards (migration 2026-12-07-029): letters and rounds are read by staff, their jurors, a code's
  // check and the published results, all uncached.
  'award_letter',
  'award_round',
  'award_nomination',
  'award_nominee',
  'award_juror',
  'award_conflict',
  'award_score',
  'app_user', // accounts: a sign-in may rewrite a password hash
  'audit_log', // the trail, written beside the change it records, in the same transaction
  'data_version', // the counter itself
  'kysely_migration',
  'kysely_migration_lock',
];

let database: TestDatabase;
let read: () => Promise<string | null>;

beforeAll(async () => {
  database = await createTestDatabase();
  read = databaseVersionReader(database);
});
afterAll(async () => database?.close());

/** Another connection to the test's database, as another server or the CLI would open. */
function otherConnection(): Database {
  const schema = /search_path=(\S+)/.exec(database.cliEnv.PGOPTIONS ?? '')?.[1];
  return openDatabase(database.cliUrl, schema ? { schema } : {});
}

async function tables(): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const rows = database.sqlite
      ?.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    return rows.sort();
  }
  const r = await database.pool?.query<{ t: string }>(
    "select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
  );
  return (r?.rows.map((x) => x.t) ?? []).sort();
}

/** The events (insert, update, delete, and truncate on PostgreSQL) that move the version, per table. */
async function triggered(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (table: string, event: string) => out.set(table, (out.get(table) ?? new Set()).add(event));
  if (database.dialect === 'sqlite') {
    const rows = database.sqlite
      ?.prepare("select tbl_name as t, sql from sqlite_master where type = 'trigger'")
      .all() as { t: string; sql: string }[];
    for (const { t, sql } of rows) {
      const m =
        /after\s+(insert|update|delete)\s+on\s+"?(\w+)"?\s+begin\s+update\s+data_version\s+set\s+n\s*=\s*n\s*\+\s*1;\s*end/i.exec(
          sql.replace(/\s+/g, ' '),
        );
      if (m && m[2] === t) add(t, (m[1] as string).toLowerCase());
    }
    return out;
  }
  // Statement-level (tgtype bit 1 clear), AFTER (bit 2 clear), calling the bump.
  const r = await database.pool?.query<{ t: string; type: number }>(
    `select c.relname as t, tg.tgtype as type
       from pg_trigger tg
       join pg_class c on c.oid = tg.tgrelid
       join pg_namespace ns on ns.oid = c.relnamespace
       join pg_proc p on p.oid = tg.tgfoid
      where ns.nspname = current_schema() and p.proname = 'data_version_bump' and not tg.tgisinternal`,
  );
  for (const { t, type } of r?.rows ?? []) {
    if (type & 1 || type & 2) continue;
    if (type & 4) add(t, 'insert');
    if (type & 8) add(t, 'delete');
    if (type & 16) add(t, 'update');
    if (type & 32) add(t, 'truncate');
  }
  return out;
}

describe('the triggers of the data version', () => {
  it('are on every table but those that hold no data, for every kind of write', async () => {
    const all = await tables();
    expect(all).toContain('activity');
    expect(all).toContain('data_version');
    const events =
      database.dialect === 'sqlite'
        ? ['delete', 'insert', 'update']
        : ['delete', 'insert', 'truncate', 'update'];
    const have = await triggered();
    const missing = all
      .filter((t) => !NON_DATA_TABLES.includes(t))
      .filter((t) => [...(have.get(t) ?? [])].sort().join() !== events.join())
      .map((t) => `${t} (${[...(have.get(t) ?? [])].join(', ') || 'none'})`);
    expect(
      missing,
      'tables without the data-version triggers: add them in the migration, or list the table as holding no data',
    ).toEqual([]);
    // and none on the tables that hold no data, which would empty the cache on every sign-in
    expect(all.filter((t) => NON_DATA_TABLES.includes(t) && have.has(t))).toEqual([]);
  });
});

describe('the data version', () => {
  it('moves when a write to a data table commits, not before, nor for one rolled back', async () => {
    const other = otherConnection();
    try {
      const v0 = await read();
      expect(v0).not.toBeNull();
      let during: string | null = null;
      await other.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('population')
          .values({ region: 'KZ-75', year: 1999, population: 1, source: 't' })
          .execute();
        during = await read();
      });
      expect(during).toBe(v0);
      const v1 = await read();
      expect(v1).not.toBe(v0);
      await expect(
        other.db.transaction().execute(async (trx) => {
          await trx.updateTable('population').set({ population: 2 }).where('year', '=', 1999).execute();
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await read()).toBe(v1);
      // the server's own connection, outside a transaction
      await database.db.deleteFrom('population').where('year', '=', 1999).execute();
      expect(await read()).not.toBe(v1);
    } finally {
      await other.close();
    }
  });

  it('stays for writes to the tables that hold no data: sessions, accounts, the audit trail', async () => {
    const v0 = await read();
    const now = new Date().toISOString();
    const user = await database.db
      .insertInto('app_user')
      .values({
        email: 'dv@test.kz',
        password_hash: 'x',
        role: 'viewer',
        region: null,
        organization_id: null,
        display_name: null,
        disabled: 0,
        is_demo: 0,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('session')
      .values({ id: 'dv', user_id: user.id, csrf_token: 'c', created_at: now, expires_at: now, revoked: 0 })
      .execute();
    await database.db.updateTable('session').set({ revoked: 1 }).where('id', '=', 'dv').execute();
    await database.db
      .insertInto('audit_log')
      .values({
        at: now,
        user_id: user.id,
        action: 'update',
        entity: 'x',
        entity_id: '1',
        field: null,
        old_value: null,
        new_value: null,
        note: null,
        region: null,
        period: null,
      })
      .execute();
    expect(await read()).toBe(v0);
  });

  it.runIf(dialectUnderTest === 'sqlite')(
    "is unknown (null: nothing cached) inside a transaction open on the server's own SQLite connection",
    async () => {
      await database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('population')
          .values({ region: 'KZ-75', year: 1998, population: 1, source: 't' })
          .execute();
        expect(await read()).toBeNull();
      });
      expect(await read()).not.toBeNull();
    },
  );

  it.runIf(dialectUnderTest === 'postgres')(
    'lets concurrent writers through without waiting on the counter, and counts each commit (PostgreSQL)',
    async () => {
      const schema = /search_path=(\S+)/.exec(database.cliEnv.PGOPTIONS ?? '')?.[1];
      const clients = Array.from(
        { length: 12 },
        () => new pg.Client({ connectionString: database.cliUrl, options: `-c search_path=${schema}` }),
      );
      await Promise.all(clients.map((c) => c.connect()));
      try {
        const v0 = Number(await read());
        // Twelve open transactions (more than the eight counter rows), each having written: had one
        // waited for another's row lock, this would never resolve.
        await Promise.all(
          clients.map(async (c, i) => {
            await c.query('begin');
            await c.query(
              `insert into population (region, year, population, source) values ('KZ-75', ${1970 + i}, 1, 't')`,
            );
            await c.query(`update population set population = 2 where year = ${1970 + i}`);
          }),
        );
        expect(Number(await read())).toBe(v0);
        for (const c of clients) await c.query('commit');
        // one step per transaction, however many statements it ran
        expect(Number(await read())).toBe(v0 + clients.length);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    },
  );
});
