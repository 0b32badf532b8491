// The command line is run by the national office. Its callers say so as they always have (imports:
// no user; exports: the CLI sentinel), and the services put this actor in its place: the CLI goes
// through the policy like any signed-in user, with the national admin's row of the table, instead
// of skipping the checks. A change to that row applies to the command line too.
import type { Actor } from '../../domain/policy.ts';

export const NATIONAL_OFFICE: Actor = { id: 0, role: 'national_admin', region: null, organizationId: null };
