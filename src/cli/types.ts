import type { ParsedArgs } from './args.ts';

/** Where a command writes: process.stdout/stderr when run as `birgemiz`, buffers in the tests. */
export interface CliWriter {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** Everything a command takes from its surroundings, so that it runs alike in a process and in-process. */
export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  /** DATABASE_URL, PGOPTIONS (its search_path), BIRGEMIZ_PROGRESS: read here, never from process.env. */
  env: Record<string, string | undefined>;
}

export interface CliCommand {
  /** Returns the exit code. Throw a usageError (exit 2) or another AppError (exit 1) for a clear message. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Writes one line. */
export function say(to: CliWriter, text: string): void {
  to.write(`${text}\n`);
}
