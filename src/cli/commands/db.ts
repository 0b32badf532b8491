// `birgemiz db migrate | backup | restore`: the schema and reference data, and backups of the
// whole database (db/backup.ts), safe while servers run on it.
import { type BackupResult, backupDatabase, type RestoreResult, restoreDatabase } from '../../db/backup.ts';
import type { Database } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { usageError } from '../../lib/errors.ts';
import { flag, type ParsedArgs } from '../args.ts';
import { openCliDatabase } from '../context.ts';
import { USAGE } from '../registry.ts';
import { type CliCommand, type CliIo, say } from '../types.ts';

const where = (database: Database) =>
  database.dialect === 'sqlite' ? `SQLite database ${database.url}` : 'PostgreSQL database';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function migrate(database: Database, io: CliIo) {
  const applied = await migrateToLatest(database);
  const at = database.dialect === 'sqlite' ? `SQLite at ${database.url}` : 'PostgreSQL';
  if (applied.length === 0) say(io.stdout, `Database ${at} is up to date.`);
  else say(io.stdout, `Database ${at}: applied ${applied.join(', ')}.`);
}

async function backup(database: Database, args: ParsedArgs, io: CliIo) {
  const out = flag(args, 'out');
  if (!out) throw usageError(`--out FILE is required. Usage: birgemiz ${USAGE.db}`);
  const r: BackupResult = await backupDatabase(database, out, {
    force: args.flags.force === true,
    env: io.env,
  });
  const what = r.schema ? `${where(database)} (schema ${r.schema}, pg_dump custom format)` : where(database);
  say(io.stdout, `Backed up the ${what} to ${r.file} (${megabytes(r.bytes)}).`);
}

async function restore(database: Database, args: ParsedArgs, io: CliIo) {
  const file = args.positional[1];
  if (!file || args.positional.length > 2) throw usageError(`Usage: birgemiz ${USAGE.db}`);
  const r: RestoreResult = await restoreDatabase(database, file, {
    force: args.flags.force === true,
    env: io.env,
  });
  const into = r.schema ? `${where(database)} (schema ${r.schema})` : where(database);
  say(
    io.stdout,
    `Restored ${file} into the ${into}: ${r.counts.activities} activity records, ${r.counts.submissions} submissions, ${r.counts.users} accounts.`,
  );
}

const SUBCOMMANDS = { migrate, backup, restore } as const;

export const command: CliCommand = {
  async run(args, io) {
    const sub = args.positional[0] as keyof typeof SUBCOMMANDS | undefined;
    if (!sub || !Object.hasOwn(SUBCOMMANDS, sub)) throw usageError(`Usage: birgemiz ${USAGE.db}`);
    if (sub === 'migrate' && args.positional.length > 1) throw usageError(`Usage: birgemiz ${USAGE.db}`);
    const database = openCliDatabase(args, io);
    try {
      if (sub === 'migrate') await migrate(database, io);
      else await SUBCOMMANDS[sub](database, args, io);
    } finally {
      await database.close();
    }
    return 0;
  },
};
