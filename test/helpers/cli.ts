// The CLI in the tests: `runCli` calls main(argv, io) in this process (no start-up to pay: the
// modules are loaded once per test file), `spawnCli` runs bin/birgemiz.mjs as a user would, for the
// few smoke tests that must see a real process. Both answer { code, stdout, stderr, raw }. The
// database goes in through env, as for a process: TestDatabase.cliEnv (DATABASE_URL, and PGOPTIONS
// with the test schema on PostgreSQL, which the CLI reads from io.env).
import { spawn } from 'node:child_process';
import { main } from '../../src/cli/main.ts';
import type { CliWriter } from '../../src/cli/types.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes (binary formats). */
  raw: Buffer;
}

export interface CliOptions {
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
}

function sink(): CliWriter & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    isTTY: false,
    write(chunk) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      return true;
    },
    bytes: () => Buffer.concat(chunks),
  };
}

export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdout, stderr, env: { ...process.env, ...opts.env } });
  const raw = stdout.bytes();
  return { code, stdout: raw.toString('utf8'), stderr: stderr.bytes().toString('utf8'), raw };
}

export function spawnCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/birgemiz.mjs', ...args], {
      env: { ...process.env, ...opts.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const raw = Buffer.concat(out);
      resolve({
        code: code ?? 1,
        stdout: raw.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        raw,
      });
    });
  });
}
