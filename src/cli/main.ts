// The `birgemiz` command: a thin shell over the same services the HTTP API uses. `main` runs one
// command line against an io (bin/birgemiz.mjs passes the process's; the tests pass buffers) and
// returns the exit code: 0, 1 when the command failed, 2 when the command line was wrong.
import { AppError, isUsageError } from '../lib/errors.ts';
import { parseArgs } from './args.ts';
import { type CliEntry, COMMANDS } from './registry.ts';
import { type CliIo, say } from './types.ts';

export type { CliIo } from './types.ts';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function usage(commands: readonly CliEntry[]): string {
  return [
    'Usage: birgemiz <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(70)} ${c.describe}`),
    '',
    'Options for every command: --db FILE|URL (default $DATABASE_URL or ./data/birgemiz.db)',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positional[0];
  const help = args.flags.help === true;
  const entry = COMMANDS.find((c) => c.name === name);
  if (!name) {
    say(io.stdout, usage(COMMANDS));
    return 0;
  }
  if (!entry) {
    say(io.stderr, `Unknown command: ${name}\n\n${usage(COMMANDS)}`);
    return EXIT_USAGE;
  }
  if (help) {
    say(io.stdout, `Usage: birgemiz ${entry.usage}\n\n${entry.describe}`);
    return 0;
  }
  try {
    const { command } = await entry.load();
    return await command.run({ ...args, positional: args.positional.slice(1) }, io);
  } catch (err) {
    const e = err as Error & { code?: string; details?: unknown[] };
    if (args.flags.json === true)
      say(
        io.stdout,
        JSON.stringify(
          { ok: false, error: e.code ?? 'error', message: e.message, details: e.details ?? [] },
          null,
          2,
        ),
      );
    else say(io.stderr, `birgemiz ${name}: ${e.message}`);
    if (isUsageError(err)) {
      if (args.flags.json !== true && !e.message.includes('Usage:'))
        say(io.stderr, `Usage: birgemiz ${entry.usage}`);
      return EXIT_USAGE;
    }
    // A failure the command names (AppError) or an unexpected one: the message, and exit 1.
    if (!(err instanceof AppError) && io.env.BIRGEMIZ_DEBUG === '1') say(io.stderr, String(e.stack));
    return EXIT_FAILED;
  }
}
