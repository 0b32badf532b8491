// `birgemiz users create|disable|list`: accounts from the command line (first admin, bulk set-up),
// through the same service as the HTTP API, so the same rules apply.

import { NATIONAL_OFFICE } from '../../domain/policy.ts';
import { usageError } from '../../lib/errors.ts';
import {
  createUser,
  findUserIdByEmail,
  generatePassword,
  listUsers,
  resolveOrganizationRef,
  updateUser,
} from '../../modules/users/users.service.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { type CliCommand, say } from '../types.ts';

const USAGE =
  'users create --email E --role R [--region R] [--organization ID|NAME] [--password P] [--name N] | users disable|enable --email E | users reset-password --email E [--password P] | users list [--json]';

export const command: CliCommand = {
  async run(args, io) {
    const sub = args.positional[0];
    const json = args.flags.json === true;
    if (sub === 'create') {
      const email = flag(args, 'email');
      const role = flag(args, 'role');
      if (!email || !role) throw usageError(`--email and --role are required. Usage: birgemiz ${USAGE}`);
      return withDatabase(args, io, async ({ db }) => {
        const org = flag(args, 'organization');
        const { user, generatedPassword } = await createUser(db, NATIONAL_OFFICE, {
          email,
          role,
          region: flag(args, 'region') ?? null,
          organizationId: org ? await resolveOrganizationRef(db, org) : null,
          password: flag(args, 'password') ?? null,
          displayName: flag(args, 'name') ?? null,
        });
        if (json) say(io.stdout, JSON.stringify({ ok: true, user, generatedPassword }, null, 2));
        else {
          const scope = user.region ? ` in ${user.region}` : '';
          say(io.stdout, `Created user ${user.id} ${user.email} (${user.role}${scope}).`);
          // Shown once, never stored in clear: the admin passes it on and the user changes it.
          if (generatedPassword) say(io.stdout, `Password: ${generatedPassword}`);
        }
        return 0;
      });
    }
    if (sub === 'disable') {
      const email = flag(args, 'email');
      if (!email) throw usageError(`--email is required. Usage: birgemiz ${USAGE}`);
      return withDatabase(args, io, async ({ db }) => {
        const id = await findUserIdByEmail(db, email);
        const user = await updateUser(db, NATIONAL_OFFICE, id, { disabled: true });
        if (json) say(io.stdout, JSON.stringify({ ok: true, user }, null, 2));
        else say(io.stdout, `Disabled user ${user.id} ${user.email}; its sessions are ended.`);
        return 0;
      });
    }
    if (sub === 'enable' || sub === 'reset-password') {
      const email = flag(args, 'email');
      if (!email) throw usageError(`--email is required. Usage: birgemiz ${USAGE}`);
      return withDatabase(args, io, async ({ db }) => {
        const id = await findUserIdByEmail(db, email);
        if (sub === 'enable') {
          const user = await updateUser(db, NATIONAL_OFFICE, id, { disabled: false });
          if (json) say(io.stdout, JSON.stringify({ ok: true, user }, null, 2));
          else say(io.stdout, `Enabled user ${user.id} ${user.email}.`);
          return 0;
        }
        const given = flag(args, 'password');
        const password = given ?? generatePassword();
        const user = await updateUser(db, NATIONAL_OFFICE, id, { password });
        const generatedPassword = given ? null : password;
        if (json) say(io.stdout, JSON.stringify({ ok: true, user, generatedPassword }, null, 2));
        else {
          say(io.stdout, `New password set for user ${user.id} ${user.email}; its sessions are ended.`);
          if (generatedPassword) say(io.stdout, `Password: ${generatedPassword}`);
        }
        return 0;
      });
    }
    if (sub === 'list') {
      return withDatabase(args, io, async ({ db }) => {
        const users = await listUsers(db, NATIONAL_OFFICE);
        if (json) say(io.stdout, JSON.stringify(users, null, 2));
        else
          for (const u of users)
            say(
              io.stdout,
              [
                u.id,
                u.email,
                u.role,
                u.region ?? '-',
                u.organizationId ?? '-',
                u.disabled ? 'disabled' : 'active',
              ].join('\t'),
            );
        return 0;
      });
    }
    throw usageError(`Usage: birgemiz ${USAGE}`);
  },
};
