// `birgemiz demo load`: (re)loads the 2022 demo dataset, replacing any earlier demo data.

import { conflict, usageError } from '../../lib/errors.ts';
import { loadDemo } from '../../modules/demo/demo.service.ts';
import { withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';
import { USAGE } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

export const command: CliCommand = {
  async run(args, io) {
    if (args.positional[0] !== 'load') throw usageError(`Usage: birgemiz ${USAGE.demo}`);
    // Its accounts have the published password, and loading again would enable the ones an
    // operator disabled: the server refuses to start with them, so the CLI does not make them.
    if (io.env.NODE_ENV === 'production') {
      throw conflict(
        'NODE_ENV=production: the demo dataset (accounts with the published password) is not loaded in production',
        [],
        'production',
      );
    }
    const summary = await withDatabase(args, io, async (database) => {
      const bar = progressBar(io, 'Loading demo data');
      try {
        return await loadDemo(database, { progress: (done, total) => bar.update(done, total) });
      } finally {
        bar.finish();
      }
    });
    say(
      io.stdout,
      `Demo dataset ${2022} loaded: ${summary.activities} activity records (${summary.excluded} excluded), ` +
        `${summary.hours.toLocaleString('en-US')} hours, ${summary.organizations} organisations, ` +
        `${summary.appeals} appeals, ${summary.submissions} submissions.`,
    );
    say(io.stdout, `Demo accounts (password demo-password-2022, demo only): ${summary.users.join(', ')}`);
    return 0;
  },
};
