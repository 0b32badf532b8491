import type { ParsedArgs } from './args.ts';

export interface CliCommand {
  name: string;
  usage: string;
  describe: string;
  /** Returns the process exit code. Throw an AppError for a clear message (exit 1). */
  run(args: ParsedArgs): Promise<number>;
}
