// `birgemiz db migrate`: creates or updates the schema and the reference data, and says what it did.
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { badRequest } from '../../lib/errors.ts';
import { flag } from '../args.ts';
import type { CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'db',
  usage: 'db migrate',
  describe: 'Create or update the database schema and reference data',
  async run(args) {
    if (args.positional[0] !== 'migrate') throw badRequest('Usage: birgemiz db migrate');
    const database = openDatabase(flag(args, 'db') ?? process.env.DATABASE_URL ?? undefined);
    try {
      const applied = await migrateToLatest(database);
      const where = database.dialect === 'sqlite' ? `SQLite at ${database.url}` : 'PostgreSQL';
      if (applied.length === 0) console.log(`Database ${where} is up to date.`);
      else console.log(`Database ${where}: applied ${applied.join(', ')}.`);
    } finally {
      await database.close();
    }
    return 0;
  },
};
