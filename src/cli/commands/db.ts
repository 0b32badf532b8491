// `birgemiz db migrate`: creates or updates the schema and the reference data, and says what it did.
import { migrateToLatest } from '../../db/migrate.ts';
import { usageError } from '../../lib/errors.ts';
import { openCliDatabase } from '../context.ts';
import { USAGE } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

export const command: CliCommand = {
  async run(args, io) {
    if (args.positional[0] !== 'migrate') throw usageError(`Usage: birgemiz ${USAGE.db}`);
    const database = openCliDatabase(args, io);
    try {
      const applied = await migrateToLatest(database);
      const where = database.dialect === 'sqlite' ? `SQLite at ${database.url}` : 'PostgreSQL';
      if (applied.length === 0) say(io.stdout, `Database ${where} is up to date.`);
      else say(io.stdout, `Database ${where}: applied ${applied.join(', ')}.`);
    } finally {
      await database.close();
    }
    return 0;
  },
};
