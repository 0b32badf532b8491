#!/usr/bin/env node
// `birgemiz`: runs src/cli/main.ts (bundled on first use, see cli-bundle.mjs) on this process's
// arguments, output and environment, and exits with the code it returns (2: wrong command line).
import { loadCli } from './cli-bundle.mjs';

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
