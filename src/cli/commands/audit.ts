// `birgemiz audit [filters]`: the audit trail as GET /api/audit answers it (newest first; one
// entity's history with --id oldest first), read as the national office, with the same names
// (region, activity title, organisation, code-list labels) in the language asked for.
import { NATIONAL_OFFICE } from '../../domain/policy.ts';
import { usageError } from '../../lib/errors.ts';
import { auditQuerySchema } from '../../modules/audit/audit.schemas.ts';
import { auditTrail } from '../../modules/audit/audit.service.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { USAGE } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

export const command: CliCommand = {
  async run(args, io) {
    const q = auditQuerySchema.safeParse({
      region: flag(args, 'region'),
      period: flag(args, 'period'),
      entity: flag(args, 'entity'),
      entityId: flag(args, 'id'),
      user: flag(args, 'user'),
      action: flag(args, 'action'),
      from: flag(args, 'from'),
      to: flag(args, 'to'),
      lang: flag(args, 'lang'),
      limit: flag(args, 'limit') ?? '50',
      offset: flag(args, 'offset'),
      order: args.flags.oldest === true ? 'oldest' : undefined,
    });
    if (!q.success) {
      const what = q.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
      throw usageError(`${what}. Usage: birgemiz ${USAGE.audit}`);
    }
    return withDatabase(args, io, async ({ db }) => {
      const trail = await auditTrail(db, NATIONAL_OFFICE, q.data);
      if (args.flags.json === true) say(io.stdout, JSON.stringify(trail, null, 2));
      else
        for (const e of trail) {
          const what = [e.entity, e.subject ?? e.entityId, e.organization, e.regionName, e.period]
            .filter(Boolean)
            .join(' · ');
          const change = e.field
            ? `${e.field}: ${e.oldLabel ?? e.oldValue ?? '–'} → ${e.newLabel ?? e.newValue ?? '–'}`
            : '';
          say(
            io.stdout,
            [e.at, e.userName ?? e.user ?? 'command line', e.action, what, change, e.note ?? '']
              .join('\t')
              .trimEnd(),
          );
        }
      return 0;
    });
  },
};
