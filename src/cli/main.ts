// The `birgemiz` command: a thin shell over the same services the HTTP API uses. Each command
// lives in src/cli/commands/<name>.ts and exports `command` (see types.ts); discovered, not listed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.ts';
import type { CliCommand } from './types.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommands(): Promise<CliCommand[]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const mods = await Promise.all(
    files.map((f) => import(path.join(dir, f)) as Promise<{ command: CliCommand }>),
  );
  return mods.map((m) => m.command).sort((a, b) => a.name.localeCompare(b.name));
}

function usage(commands: CliCommand[]): string {
  return [
    'Usage: birgemiz <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(70)} ${c.describe}`),
    '',
    'Options for every command: --db FILE|URL (default $DATABASE_URL or ./data/birgemiz.db)',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const args = parseArgs(argv);
  const name = args.positional[0];
  const cmd = commands.find((c) => c.name === name);
  if (!name || args.flags.help === true || !cmd) {
    const out = usage(commands);
    if (!name || args.flags.help === true) {
      console.log(out);
      return 0;
    }
    console.error(`Unknown command: ${name}\n\n${out}`);
    return 2;
  }
  try {
    return await cmd.run({ ...args, positional: args.positional.slice(1) });
  } catch (err) {
    const e = err as Error & { code?: string; details?: unknown[] };
    if (args.flags.json === true) {
      console.log(
        JSON.stringify(
          { ok: false, error: e.code ?? 'error', message: e.message, details: e.details ?? [] },
          null,
          2,
        ),
      );
    } else {
      console.error(`birgemiz ${name}: ${e.message}`);
    }
    return 1;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
