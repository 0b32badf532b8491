// `birgemiz submissions submit|accept --period P [--region R]`: the national office moving
// historical data through the cycle in bulk (see modules/submissions/submissions.bulk.ts). A submit
// runs the checks before submitting: --confirm-warnings confirms their warnings, --nothing-to-report
// hands in the periods with nothing entered as "nothing to report".
// `birgemiz submissions reopen --region R --period P --reason TEXT`: one accepted month back to
// its region, with the reason the region reads (modules/submissions/submissions.service.ts).

import { AppError, usageError } from '../../lib/errors.ts';
import { bulkTransition, submittedAtOf } from '../../modules/submissions/submissions.bulk.ts';
import { reopenFromCommandLine } from '../../modules/submissions/submissions.service.ts';
import { flag, type ParsedArgs } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE as USAGES } from '../registry.ts';
import { type CliCommand, type CliIo, say } from '../types.ts';

const USAGE = USAGES.submissions;
/** The refusals of the checks before submitting, whose details list what was found. */
const CHECK_CODES = new Set(['checks_failed', 'warnings_unconfirmed', 'nothing_to_report_required']);

async function reopen(args: ParsedArgs, io: CliIo) {
  const region = flag(args, 'region');
  const period = flag(args, 'period');
  const reason = flag(args, 'reason');
  if (!region || !period) throw usageError(`reopen needs --region and --period. Usage: birgemiz ${USAGE}`);
  // Checked before the database is opened: a month is reopened only with a reason.
  if (!reason?.trim())
    throw usageError('reopen needs --reason "what is wrong", which the region reads and the audit keeps');
  const { from, submission } = await withDatabase(args, io, (database) =>
    reopenFromCommandLine(database.db, region, period, reason),
  );
  if (args.flags.json === true)
    say(io.stdout, JSON.stringify({ ok: true, action: 'reopen', from, submission }, null, 2));
  else
    say(
      io.stdout,
      `${submission.region} ${submission.period}: ${from} → ${submission.status} (reopened: ${submission.returnComment})`,
    );
  return 0;
}

export const command: CliCommand = {
  async run(args, io) {
    const action = args.positional[0];
    if (action === 'reopen') return reopen(args, io);
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
      bulkTransition(database.db, action, {
        period,
        region,
        submittedAt,
        confirmWarnings: args.flags['confirm-warnings'] === true,
        nothingToReport: args.flags['nothing-to-report'] === true,
      }),
    ).catch((err: unknown) => {
      // The checks before submitting refused: their list under the message (with --json it is in details).
      if (err instanceof AppError && CHECK_CODES.has(err.code) && args.flags.json !== true)
        for (const d of err.details) say(io.stderr, `  - ${String(d.message ?? d.rule)}`);
      throw err;
    });
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
