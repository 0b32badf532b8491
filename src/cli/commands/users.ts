// `birgemiz users create|invite|disable|list`: accounts from the command line (first admin, bulk set-up),
// through the same service as the HTTP API, so the same rules apply.

import { isLang } from '../../domain/lang.ts';
import { NATIONAL_OFFICE } from '../../domain/policy.ts';
import { usageError } from '../../lib/errors.ts';
import { parsePublicUrl } from '../../lib/public-url.ts';
import { inviteUser, resendInvitation } from '../../modules/users/accounts.service.ts';
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
  'users create --email E --role R [--region R] [--organization ID|NAME] [--password P] [--name N] | users invite --email E [--role R [--region R] [--organization ID|NAME] [--name N]] [--lang kk|ru|en] [--url https://…] | users disable|enable --email E | users reset-password --email E [--password P] | users list [--json]';

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
    if (sub === 'invite') {
      // A new account gets an invitation; an invited one (no --role) a new one, the earlier link
      // then stops working. The e-mail's link starts with --url, else PUBLIC_URL.
      const email = flag(args, 'email');
      const role = flag(args, 'role');
      const lang = flag(args, 'lang') ?? 'kk';
      if (!email) throw usageError(`--email is required. Usage: birgemiz ${USAGE}`);
      if (!isLang(lang)) throw usageError(`--lang ${lang}: use kk, ru or en`);
      let baseUrl: string | undefined;
      try {
        baseUrl = parsePublicUrl(flag(args, 'url') ?? io.env.PUBLIC_URL);
      } catch (err) {
        throw usageError((err as Error).message);
      }
      if (!baseUrl)
        throw usageError('The link needs the address of the web application: --url https://… or PUBLIC_URL');
      const mail = { lang, baseUrl };
      return withDatabase(args, io, async ({ db }) => {
        const org = flag(args, 'organization');
        const user = role
          ? await inviteUser(
              db,
              NATIONAL_OFFICE,
              {
                email,
                role,
                region: flag(args, 'region') ?? null,
                organizationId: org ? await resolveOrganizationRef(db, org) : null,
                displayName: flag(args, 'name') ?? null,
              },
              mail,
            )
          : await resendInvitation(db, NATIONAL_OFFICE, await findUserIdByEmail(db, email), mail);
        if (json) say(io.stdout, JSON.stringify({ ok: true, user }, null, 2));
        else
          say(
            io.stdout,
            `Invited user ${user.id} ${user.email} (${user.role}); the e-mail with the link is in the outbox.`,
          );
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
                u.disabled ? 'disabled' : u.pending ? 'invited' : 'active',
              ].join('\t'),
            );
        return 0;
      });
    }
    throw usageError(`Usage: birgemiz ${USAGE}`);
  },
};
