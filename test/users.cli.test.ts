// `birgemiz users create --email E --role R [--region R] [--organization O]` through main(argv, io)
// on the database under test: every role with its scope, what each role refuses, the account then
// usable over HTTP with exactly that scope, and the creation audited as done from the command line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
let orgId: number;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = await signIn(t, 'national_admin');
  const org = await t.app.inject({
    method: 'POST',
    url: '/api/organizations',
    headers: admin.headers,
    payload: { name: 'Shymkent Volunteers', type: 'npo', region: 'KZ-79' },
  });
  orgId = org.json().id;
});
afterAll(async () => t.close());

const cli = (...args: string[]) => runCli(['users', ...args], { env: t.database.cliEnv });

const PASSWORD = 'a long cli password';

async function loginAs(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'bgz_session');
  return {
    user: res.json().user,
    headers: { cookie: `bgz_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken },
  };
}

describe('birgemiz users create', () => {
  it.each([
    { role: 'national_admin', args: [], scope: { region: null, organizationId: null } },
    { role: 'national_analyst', args: [], scope: { region: null, organizationId: null } },
    { role: 'rfo', args: ['--region', 'KZ-75'], scope: { region: 'KZ-75', organizationId: null } },
    { role: 'viewer', args: [], scope: { region: null, organizationId: null } },
    { role: 'viewer', args: ['--region', 'KZ-11'], scope: { region: 'KZ-11', organizationId: null } },
    { role: 'org_coordinator', args: ['--organization', 'Shymkent Volunteers'], scope: { region: 'KZ-79' } },
  ])('creates a $role $args', async ({ role, args, scope }) => {
    const email = `cli-${role}-${args.join('').replace(/\W/g, '').toLowerCase()}@test.kz`;
    const run = await cli(
      'create',
      '--email',
      email,
      '--role',
      role,
      ...args,
      '--password',
      PASSWORD,
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, generatedPassword: null, user: { email, role, ...scope } });
    if (role === 'org_coordinator') expect(out.user.organizationId).toBe(orgId);
    const session = await loginAs(email);
    expect(session.user).toMatchObject({ role, ...scope });
    // created from the command line: no acting user, the new account's scope in the trail
    const trail = (
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?entity=app_user&entityId=${out.user.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(trail).toEqual([expect.objectContaining({ action: 'create', user: null, userId: null })]);
    expect(JSON.parse(trail[0].newValue)).toMatchObject({ email, role });
  });

  it('the scope it gives is the scope the API enforces', async () => {
    const run = await cli(
      'create',
      '--email',
      'cli-scope@test.kz',
      '--role',
      'rfo',
      '--region',
      'KZ-75',
      '--password',
      PASSWORD,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Created user \d+ cli-scope@test.kz \(rfo in KZ-75\)\./);
    const { headers } = await loginAs('cli-scope@test.kz');
    const put = (region: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/org-counts/${region}/2023`,
        headers,
        payload: { npo: 1, initiativeGroups: null, updatedAt: null },
      });
    expect((await put('KZ-75')).statusCode).toBe(200);
    expect((await put('KZ-79')).statusCode).toBe(403);
  });

  it('an organisation may be named by its id; the region is the organisation’s', async () => {
    const run = await cli(
      'create',
      '--email',
      'cli-org-id@test.kz',
      '--role',
      'org_coordinator',
      '--organization',
      String(orgId),
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.user).toMatchObject({ organizationId: orgId, region: 'KZ-79' });
    // no --password: one was generated and shown once
    expect(out.generatedPassword).toMatch(/^[\w-]{16}$/);
  });

  it.each([
    [['--role', 'rfo'], /RFO staff need a region/],
    [['--role', 'rfo', '--region', 'KZ-999'], /Unknown region/],
    [['--role', 'national_admin', '--region', 'KZ-75'], /National roles have no region/],
    [
      ['--role', 'rfo', '--region', 'KZ-75', '--organization', '1'],
      /Only an organisation coordinator has an organisation/,
    ],
    [['--role', 'org_coordinator'], /needs an organisation/],
    [['--role', 'org_coordinator', '--organization', 'Nobody'], /No organisation named Nobody/],
    [['--role', 'org_coordinator', '--organization', '999999'], /Unknown organisation/],
    [
      ['--role', 'org_coordinator', '--organization', 'Shymkent Volunteers', '--region', 'KZ-75'],
      /organisation is in KZ-79/,
    ],
    [['--role', 'boss'], /Unknown role/],
  ])('refuses %j with exit 1 and a clear message', async (args, message) => {
    const run = await cli('create', '--email', 'cli-refused@test.kz', ...args, '--password', PASSWORD);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a short password, a bad email and a taken one; nothing is created', async () => {
    for (const [args, message] of [
      [['--email', 'cli-short@test.kz', '--role', 'viewer', '--password', 'short'], /at least 10 characters/],
      [['--email', 'not-an-email', '--role', 'viewer', '--password', PASSWORD], /Not an email address/],
      [['--email', admin.email, '--role', 'viewer', '--password', PASSWORD], /exists already/],
    ] as const) {
      const run = await cli('create', ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    const rows = await t.database.db
      .selectFrom('app_user')
      .select('email')
      .where('email', 'in', ['cli-refused@test.kz', 'cli-short@test.kz', 'not-an-email'])
      .execute();
    expect(rows).toEqual([]);
  });
});
