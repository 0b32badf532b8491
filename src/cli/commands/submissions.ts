// `birgemiz submissions submit|accept --period P [--region R]`: the national office moving
// historical data through the cycle in bulk (see modules/submissions/submissions.bulk.ts).

import { badRequest } from '../../lib/errors.ts';
import { bulkTransition, submittedAtOf } from '../../modules/submissions/submissions.bulk.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import type { CliCommand } from '../types.ts';

const USAGE =
  'submissions <submit|accept> --period YYYY-MM|YYYY-H1|YYYY-H2|YYYY [--region KZ-75] [--submitted-at YYYY-MM-DD] [--json]';

export const command: CliCommand = {
  name: 'submissions',
  usage: USAGE,
  describe:
    'Submit or accept the submissions of a period in bulk (every region with data, or one); a year means its months, halves and the year. --submitted-at stamps the months this run submits with the day they were really handed in (not in the future), so historical data does not count as late',
  async run(args) {
    const action = args.positional[0];
    if (action !== 'submit' && action !== 'accept') throw badRequest(`Usage: birgemiz ${USAGE}`);
    const period = flag(args, 'period');
    if (!period) throw badRequest(`--period is required. Usage: birgemiz ${USAGE}`);
    const region = flag(args, 'region');
    if (args.flags.region === true) throw badRequest('--region needs a region code, e.g. KZ-75');
    const submittedAt = flag(args, 'submitted-at');
    if (args.flags['submitted-at'] === true) throw badRequest('--submitted-at needs a date, e.g. 2022-06-04');
    // Checked before the database is opened: a bad date changes nothing.
    if (submittedAt !== undefined) submittedAtOf(submittedAt);
    const result = await withDatabase(args, (database) =>
      bulkTransition(database.db, action, { period, region, submittedAt }),
    );
    if (args.flags.json === true) {
      console.log(JSON.stringify({ ok: true, action, ...result }, null, 2));
      return 0;
    }
    for (const c of result.changed) console.log(`${c.region} ${c.period}: ${c.from} → ${c.to}`);
    for (const c of result.unchanged) console.log(`${c.region} ${c.period}: already ${c.from}`);
    console.log(
      result.changed.length + result.unchanged.length === 0
        ? `Nothing to ${action}: no data for ${period}${region ? ` in ${region}` : ''}.`
        : `${result.changed.length} changed, ${result.unchanged.length} unchanged.`,
    );
    return 0;
  },
};
