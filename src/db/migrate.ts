import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from './connection.ts';
import * as m001 from './migrations/2026-11-22-001-schema.ts';
import * as m002 from './migrations/2026-11-22-002-reference.ts';
import * as m003 from './migrations/2026-11-23-003-audit-scope.ts';
import * as m004 from './migrations/2026-12-02-004-agg-area.ts';
import * as m005 from './migrations/2026-12-06-005-data-version.ts';
import * as m006 from './migrations/2026-12-06-006-login-limits.ts';
import * as m007 from './migrations/2026-12-06-007-jobs.ts';
import * as m008 from './migrations/2026-12-06-008-outbox.ts';
import * as m009 from './migrations/2026-12-06-009-user-preferences.ts';
import * as m010 from './migrations/2026-12-06-010-account-tokens.ts';
import * as m011 from './migrations/2026-12-06-011-review-inbox.ts';
import * as m012 from './migrations/2026-12-06-012-submission-checks.ts';
import * as m013 from './migrations/2026-12-06-013-platform-organizations.ts';
import * as m014 from './migrations/2026-12-06-014-volunteers.ts';
import * as m015 from './migrations/2026-12-06-015-opportunities.ts';
import * as m016 from './migrations/2026-12-07-016-applications.ts';
import * as m017 from './migrations/2026-12-07-017-platform-duplicates.ts';
import * as m019 from './migrations/2026-12-07-019-opportunity-details.ts';
import * as m020 from './migrations/2026-12-07-020-certificates.ts';
import * as m021 from './migrations/2026-12-07-021-opportunity-window.ts';
import * as m022 from './migrations/2026-12-07-022-assessments.ts';
import * as m023 from './migrations/2026-12-07-023-finding-volunteers.ts';
import * as m024 from './migrations/2026-12-07-024-impact.ts';
import * as m025 from './migrations/2026-12-07-025-appeals.ts';
import * as m026 from './migrations/2026-12-07-026-volunteer-experience.ts';
import * as m027 from './migrations/2026-12-07-027-grants.ts';
import * as m028 from './migrations/2026-12-07-028-competition.ts';
import * as m029 from './migrations/2026-12-07-029-awards.ts';

// Listed, not globbed: the CLI and the server run from TypeScript sources and from tests alike.
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22-001-schema': m001,
  '2026-11-22-002-reference': m002,
  '2026-11-23-003-audit-scope': m003,
  '2026-12-02-004-agg-area': m004,
  '2026-12-06-005-data-version': m005,
  '2026-12-06-006-login-limits': m006,
  '2026-12-06-007-jobs': m007,
  '2026-12-06-008-outbox': m008,
  '2026-12-06-009-user-preferences': m009,
  '2026-12-06-010-account-tokens': m010,
  '2026-12-06-011-review-inbox': m011,
  '2026-12-06-012-submission-checks': m012,
  '2026-12-06-013-platform-organizations': m013,
  '2026-12-06-014-volunteers': m014,
  '2026-12-06-015-opportunities': m015,
  '2026-12-07-016-applications': m016,
  '2026-12-07-017-platform-duplicates': m017,
  '2026-12-07-019-opportunity-details': m019,
  '2026-12-07-020-certificates': m020,
  '2026-12-07-021-opportunity-window': m021,
  '2026-12-07-022-assessments': m022,
  '2026-12-07-023-finding-volunteers': m023,
  '2026-12-07-024-impact': m024,
  '2026-12-07-025-appeals': m025,
  '2026-12-07-026-volunteer-experience': m026,
  '2026-12-07-027-grants': m027,
  '2026-12-07-028-competition': m028,
  '2026-12-07-029-awards': m029,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * One migrator at a time in a PostgreSQL database, whatever its schema: Kysely's introspector scans
 * the catalogue of every schema before it takes its own (per-schema) lock, and a scan that meets
 * another migrator's ALTER or DROP in another schema fails ("column … does not exist"). Two servers
 * starting at once, or test files migrating their schemas side by side, then wait for each other.
 */
const MIGRATION_LOCK = 2026_11_22;

/**
 * Runs `work` while no migrator runs in the database (and none starts): for whatever else changes
 * the catalogue wholesale, such as a restore dropping and re-creating a schema, which would break
 * the catalogue scan of a migrator in another schema as another migrator's DROP would.
 */
export async function underMigrationLock<T>(
  database: Database,
  work: (lockHolder: Kysely<any>) => Promise<T>,
): Promise<T> {
  if (database.dialect !== 'postgres') return work(database.db);
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Migrates to the latest migration. Returns the names of those that ran. */
export const migrateToLatest = (database: Database): Promise<string[]> => migrateTo(database);

/**
 * Migrates up or down to the migration `target` (a key of MIGRATIONS), or to the latest. Returns
 * the names of the migrations that ran.
 */
export async function migrateTo(database: Database, target?: string): Promise<string[]> {
  if (database.dialect !== 'postgres') return migrate(database.db, undefined, target);
  return underMigrationLock(database, async (conn) => {
    // Name the schema: Kysely looks for its migration tables in every schema, so a database
    // holding other schemas (parallel test runs) would otherwise find theirs and skip its own.
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(conn)).rows[0]?.s;
    return migrate(conn, schema, target);
  });
}

/**
 * The connection as Kysely's migrator sees it, its catalogue scan narrowed to one schema. The
 * migrator asks whether its two tables exist by listing every column of every table of every schema
 * (with a function call per column); in a database holding many schemas (the tests' hundred and
 * more, dropped at the end of the run) each migration then read tens of thousands of rows, and the
 * PostgreSQL pass slowed as it went. Only the names and schemas of the tables are read from the
 * answer, so those of `schema` are enough.
 */
function narrowedToSchema(db: Kysely<any>, schema: string): Kysely<any> {
  const introspection = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: () => db.introspection.getMetadata(),
    async getTables() {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
      return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
    },
  };
  // Kysely keeps its state in private fields: its methods must run on the instance itself.
  return new Proxy(db, {
    get(target, key) {
      if (key === 'introspection') return introspection;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function migrate(db: Kysely<any>, migrationTableSchema: string | undefined, target?: string) {
  const migrator = new Migrator({
    db: migrationTableSchema ? narrowedToSchema(db, migrationTableSchema) : db,
    provider,
    migrationTableSchema,
  });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
