// `birgemiz submissions submit|accept --period P [--region R]`: the national office moving
// historical data through the cycle in bulk (see modules/submissions/submissions.bulk.ts).

import { usageError } from '../../lib/errors.ts';
import { bulkTransition, submittedAtOf } from '../../modules/submissions/submissions.bulk.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE as USAGES } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

const USAGE = USAGES.submissions;

export const command: CliCommand = {
  async run(args, io) {
    const action = args.positional[0];
    if (action !== 'submit' && action !== 'accept') throw usageError(`Usage: birgemiz ${USAGE}`);
    const period = flag(args, 'period');
    if (!period) throw usageError(`--period is required. Usage: birgemiz ${USAGE}`);
    const region = flag(args, 'region');
    if (args.flags.region === true) throw usageError('--region needs a region code, e.g. KZ-75');
    const submittedAt = flag(args, 'submitted-at');
    if (args.flags['submitted-at'] === true) throw usageError('--submitted-at needs a date, e.g. 2022-06-04');
    // Checked before the database is opened: a bad date changes nothing.
    if (submittedAt !== undefined) submittedAtOf(submittedAt);
    const result = await withDatabase(args, io, (database) =>
      bulkTransition(database.db, action, { period, region, submittedAt }),
    );
    if (args.flags.json === true) {
      say(io.stdout, JSON.stringify({ ok: true, action, ...result }, null, 2));
      return 0;
    }
    for (const c of result.changed) say(io.stdout, `${c.region} ${c.period}: ${c.from} → ${c.to}`);
    for (const c of result.unchanged) say(io.stdout, `${c.region} ${c.period}: already ${c.from}`);
    say(
      io.stdout,
      result.changed.length + result.unchanged.length === 0
        ? `Nothing to ${action}: no data for ${period}${region ? ` in ${region}` : ''}.`
        : `${result.changed.length} changed, ${result.unchanged.length} unchanged.`,
    );
    return 0;
  },
};
