import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from './connection.ts';
import * as m001 from './migrations/2026-11-22-001-schema.ts';
import * as m002 from './migrations/2026-11-22-002-reference.ts';
import * as m003 from './migrations/2026-11-23-003-audit-scope.ts';
import * as m004 from './migrations/2026-12-02-004-agg-area.ts';

// Listed, not globbed: the CLI and the server run from TypeScript sources and from tests alike.
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22-001-schema': m001,
  '2026-11-22-002-reference': m002,
  '2026-11-23-003-audit-scope': m003,
  '2026-12-02-004-agg-area': m004,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(database: Database): Promise<string[]> {
  // On PostgreSQL name the schema: Kysely looks for its migration tables in every schema, so a
  // database holding other schemas (parallel test runs) would otherwise find theirs and skip its own.
  const migrationTableSchema =
    database.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
