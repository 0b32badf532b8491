// `birgemiz outbox list [--status S] | show ID`: the e-mails the system queued, sent or gave up on,
// read through the same service as GET /api/outbox (the national office's actor). Without SMTP_URL
// this is where the messages are read.
import { NATIONAL_OFFICE } from '../../domain/policy.ts';
import { usageError } from '../../lib/errors.ts';
import { OUTBOX_STATUSES, outboxQuerySchema } from '../../modules/outbox/outbox.schemas.ts';
import { listOutbox, showOutboxMessage } from '../../modules/outbox/outbox.service.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { type CliCommand, say } from '../types.ts';

const USAGE = `outbox list [--status ${OUTBOX_STATUSES.join('|')}] [--limit N] [--json] | outbox show ID [--json]`;

export const command: CliCommand = {
  async run(args, io) {
    const sub = args.positional[0];
    const json = args.flags.json === true;
    if (sub === 'list') {
      const q = outboxQuerySchema.safeParse({ status: flag(args, 'status'), limit: flag(args, 'limit') });
      if (!q.success)
        throw usageError(
          `--status takes ${OUTBOX_STATUSES.join(', ')}; --limit a number from 1 to 1000. Usage: birgemiz ${USAGE}`,
        );
      return withDatabase(args, io, async ({ db }) => {
        const messages = await listOutbox(db, NATIONAL_OFFICE, q.data);
        if (json) say(io.stdout, JSON.stringify(messages, null, 2));
        else
          for (const m of messages)
            say(io.stdout, [m.id, m.status, m.attempts, m.createdAt, m.to, m.subject].join('\t'));
        return 0;
      });
    }
    if (sub === 'show') {
      const id = Number(args.positional[1]);
      if (!Number.isInteger(id) || id < 1)
        throw usageError(`Give the message's id. Usage: birgemiz ${USAGE}`);
      return withDatabase(args, io, async ({ db }) => {
        const m = await showOutboxMessage(db, NATIONAL_OFFICE, id);
        if (json) say(io.stdout, JSON.stringify(m, null, 2));
        else {
          say(io.stdout, `Message ${m.id} (${m.kind}), ${m.status}, ${m.attempts} attempt(s)`);
          say(io.stdout, `To: ${m.to} [${m.lang}]`);
          say(io.stdout, `Queued: ${m.createdAt}`);
          if (m.sentAt) say(io.stdout, `Sent: ${m.sentAt}`);
          else if (m.status === 'queued') say(io.stdout, `Next attempt: ${m.nextAttemptAt}`);
          if (m.lastError) say(io.stdout, `Last error: ${m.lastError}`);
          say(io.stdout, `Subject: ${m.subject}`);
          say(io.stdout, '');
          say(io.stdout, m.body);
        }
        return 0;
      });
    }
    throw usageError(`Usage: birgemiz ${USAGE}`);
  },
};
