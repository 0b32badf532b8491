// Opens the database a command works on: --db, else DATABASE_URL, else ./data/birgemiz.db; migrated.
import { type Database, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { flag, type ParsedArgs } from './args.ts';

export async function withDatabase<T>(args: ParsedArgs, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(flag(args, 'db') ?? process.env.DATABASE_URL ?? undefined);
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
