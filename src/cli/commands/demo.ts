// `birgemiz demo load`: (re)loads the 2022 demo dataset, replacing any earlier demo data.
import { loadDemo } from '../../modules/demo/demo.service.ts';
import { withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';
import type { CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'demo',
  usage: 'demo load [--db FILE]',
  describe: 'Load the 2022 demo dataset and the demo accounts (replaces earlier demo data)',
  async run(args) {
    if (args.positional[0] !== 'load') throw new Error('Usage: birgemiz demo load [--db FILE]');
    const summary = await withDatabase(args, async (database) => {
      const bar = progressBar('Loading demo data');
      try {
        return await loadDemo(database, { progress: (done, total) => bar.update(done, total) });
      } finally {
        bar.finish();
      }
    });
    console.log(
      `Demo dataset ${2022} loaded: ${summary.activities} activity records (${summary.excluded} excluded), ` +
        `${summary.hours.toLocaleString('en-US')} hours, ${summary.organizations} organisations, ` +
        `${summary.appeals} appeals, ${summary.submissions} submissions.`,
    );
    console.log(`Demo accounts (password demo-password-2022, demo only): ${summary.users.join(', ')}`);
    return 0;
  },
};
