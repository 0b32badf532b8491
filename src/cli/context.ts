// Opens the database a command works on: --db, else DATABASE_URL, else ./data/birgemiz.db; migrated.
// Read from the io's environment, not the process's, so that a command run in-process (the tests)
// opens the database it is given. On PostgreSQL the schema comes from PGOPTIONS' search_path, as
// libpq would take it.
import { type Database, DEFAULT_DATABASE_FILE, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { flag, type ParsedArgs } from './args.ts';
import type { CliIo } from './types.ts';

export function openCliDatabase(args: ParsedArgs, io: CliIo): Database {
  const url = flag(args, 'db') ?? (io.env.DATABASE_URL || DEFAULT_DATABASE_FILE);
  const schema = /(?:^|\s)-c\s*search_path=([^\s]+)/.exec(io.env.PGOPTIONS ?? '')?.[1];
  return openDatabase(url, schema ? { schema } : {});
}

export async function withDatabase<T>(
  args: ParsedArgs,
  io: CliIo,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = openCliDatabase(args, io);
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
