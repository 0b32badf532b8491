// `birgemiz messages --email E [--lang L] [--optional on|off]`: an account's message settings, read
// or set by the national office through the same service as PATCH /api/auth/me/preferences.
// `birgemiz messages run [--now T]`: queue the cycle's reminders and digest due now, as the hourly
// job does (each still goes once).
import { isLang } from '../../domain/lang.ts';
import { usageError } from '../../lib/errors.ts';
import { preferencesByEmail, sendCycleMessages } from '../../modules/notifications/notifications.service.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE as USAGES } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

const USAGE = USAGES.messages;

export const command: CliCommand = {
  async run(args, io) {
    const json = args.flags.json === true;
    if (args.positional[0] === 'run') {
      const raw = flag(args, 'now');
      const now = raw ? new Date(raw) : new Date();
      if (Number.isNaN(now.getTime()))
        throw usageError(`--now takes a time, e.g. 2026-12-02T04:00:00Z. Usage: birgemiz ${USAGE}`);
      const run = await withDatabase(args, io, ({ db }) => sendCycleMessages(db, now));
      if (json) say(io.stdout, JSON.stringify({ ok: true, ...run }, null, 2));
      else
        say(
          io.stdout,
          `Queued ${run.due} reminder(s) before a deadline, ${run.overdue} after one, ${run.digests} digest(s).`,
        );
      return 0;
    }
    if (args.positional.length > 0) throw usageError(`Usage: birgemiz ${USAGE}`);
    const email = flag(args, 'email');
    if (!email) throw usageError(`--email is required. Usage: birgemiz ${USAGE}`);
    const lang = flag(args, 'lang');
    if (lang !== undefined && !isLang(lang))
      throw usageError(`--lang takes kk, ru or en. Usage: birgemiz ${USAGE}`);
    const optional = flag(args, 'optional');
    if (optional !== undefined && optional !== 'on' && optional !== 'off')
      throw usageError(`--optional takes on or off. Usage: birgemiz ${USAGE}`);
    const prefs = await withDatabase(args, io, ({ db }) =>
      preferencesByEmail(db, email, {
        ...(lang !== undefined ? { lang } : {}),
        ...(optional !== undefined ? { notifyOptional: optional === 'on' } : {}),
      }),
    );
    if (json) say(io.stdout, JSON.stringify({ ok: true, ...prefs }, null, 2));
    else
      say(
        io.stdout,
        `${prefs.email}: messages in ${prefs.lang}; reminders and digest ${prefs.notifyOptional ? 'on' : 'off'}.`,
      );
    return 0;
  },
};
