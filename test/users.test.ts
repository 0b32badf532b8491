// User management by the national admin (HTTP) and by the CLI, on the database under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t.close());

const api = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const cli = (...args: string[]) => runCli(args, { env: t.database.cliEnv });

async function newOrganization(region: string, name: string) {
  const { id } = await t.database.db
    .insertInto('organization')
    .values({
      name,
      name_key: name.toLowerCase(),
      type: 'npo',
      bin: null,
      region,
      created_at: '2026-01-01T00:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

describe('access to user management', () => {
  it('gives 401 without a session and 403 to every other role', async () => {
    const body = { email: 'x@test.kz', password: 'long-enough-pw', role: 'viewer' };
    expect((await t.app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/users', payload: body })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/users/1', payload: { disabled: true } })).statusCode,
    ).toBe(401);
    for (const role of ['national_analyst', 'rfo', 'org_coordinator', 'viewer', 'juror'] as const) {
      const u = await signIn(t, role);
      const list = await api('GET', '/api/users', u.headers);
      expect(list.statusCode, role).toBe(403);
      expect(list.json().error).toBe('forbidden');
      expect((await api('POST', '/api/users', u.headers, body)).statusCode, role).toBe(403);
      expect(
        (await api('PATCH', `/api/users/${admin.userId}`, u.headers, { disabled: true })).statusCode,
        role,
      ).toBe(403);
    }
  });
});

describe('creating users', () => {
  it('creates an RFO user who can then sign in; the audit has no password or hash', async () => {
    const res = await api('POST', '/api/users', admin.headers, {
      email: ' New.RFO@Test.kz ',
      password: 'correct horse battery',
      role: 'rfo',
      region: 'KZ-47',
      displayName: 'Mangystau RFO',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'new.rfo@test.kz',
      role: 'rfo',
      region: 'KZ-47',
      organizationId: null,
      displayName: 'Mangystau RFO',
      disabled: false,
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new.rfo@test.kz', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(user.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: admin.userId });
    expect(JSON.parse(audit[0]?.new_value as string)).toMatchObject({
      email: 'new.rfo@test.kz',
      region: 'KZ-47',
    });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|scrypt|horse/);

    const list = await api('GET', '/api/users', admin.headers);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((u: { email: string }) => u.email)).toContain('new.rfo@test.kz');
    expect(JSON.stringify(list.json())).not.toMatch(/argon2|scrypt|password/);
  });

  it('refuses an RFO user without a region or with an unknown one, and an unknown role', async () => {
    const base = { email: 'rfo-bad@test.kz', password: 'long-enough-pw' };
    const noRegion = await api('POST', '/api/users', admin.headers, { ...base, role: 'rfo' });
    expect(noRegion.statusCode).toBe(422);
    expect(noRegion.json().details).toEqual([
      expect.objectContaining({ column: 'region', rule: 'required' }),
    ]);
    const badRegion = await api('POST', '/api/users', admin.headers, {
      ...base,
      role: 'rfo',
      region: 'KZ-99',
    });
    expect(badRegion.statusCode).toBe(422);
    expect(badRegion.json().details[0].rule).toBe('region_exists');
    const badRole = await api('POST', '/api/users', admin.headers, { ...base, role: 'superuser' });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.json().details[0].column).toBe('role');
    const shortPw = await api('POST', '/api/users', admin.headers, {
      ...base,
      password: 'short',
      role: 'viewer',
    });
    expect(shortPw.statusCode).toBe(422);
    const badEmail = await api('POST', '/api/users', admin.headers, {
      ...base,
      email: 'not-an-email',
      role: 'viewer',
    });
    expect(badEmail.statusCode).toBe(400);
    const count = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', 'rfo-bad@test.kz')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('creates a juror of the award rounds (issue 13): no region, no organisation', async () => {
    const base = {
      email: 'juror@test.kz',
      password: 'long-enough-pw',
      role: 'juror',
      displayName: 'Ғалия Жюри',
    };
    const withRegion = await api('POST', '/api/users', admin.headers, { ...base, region: 'KZ-75' });
    expect(withRegion.statusCode).toBe(422);
    expect(withRegion.json().details).toEqual([
      expect.objectContaining({ column: 'region', rule: 'not_applicable' }),
    ]);
    const res = await api('POST', '/api/users', admin.headers, base);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ role: 'juror', region: null, organizationId: null });
  });

  it('gives an organisation coordinator the region of its organisation; needs an existing one', async () => {
    const orgId = await newOrganization('KZ-33', 'Zhetysu Volunteers');
    // the organisation decides the region: another one is refused, not dropped in silence
    const mismatch = await api('POST', '/api/users', admin.headers, {
      email: 'coord@test.kz',
      password: 'long-enough-pw',
      role: 'org_coordinator',
      organizationId: orgId,
      region: 'KZ-75',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().details).toEqual([
      expect.objectContaining({ column: 'region', rule: 'region_mismatch' }),
    ]);
    const res = await api('POST', '/api/users', admin.headers, {
      email: 'coord@test.kz',
      password: 'long-enough-pw',
      role: 'org_coordinator',
      organizationId: orgId,
      region: 'KZ-33',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organizationId: orgId, region: 'KZ-33' });
    const missing = await api('POST', '/api/users', admin.headers, {
      email: 'coord2@test.kz',
      password: 'long-enough-pw',
      role: 'org_coordinator',
      organizationId: 999999,
    });
    expect(missing.statusCode).toBe(422);
    const none = await api('POST', '/api/users', admin.headers, {
      email: 'coord3@test.kz',
      password: 'long-enough-pw',
      role: 'org_coordinator',
    });
    expect(none.statusCode).toBe(422);
  });

  it('refuses a second account with the same email (409)', async () => {
    const body = { email: 'twice@test.kz', password: 'long-enough-pw', role: 'viewer' };
    expect((await api('POST', '/api/users', admin.headers, body)).statusCode).toBe(201);
    const again = await api('POST', '/api/users', admin.headers, { ...body, email: 'TWICE@test.kz' });
    expect(again.statusCode).toBe(409);
  });
});

describe('changing users', () => {
  it('changes role and region with an audit entry per field (old and new)', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const res = await api('PATCH', `/api/users/${u.userId}`, admin.headers, { region: 'KZ-71' });
    expect(res.statusCode).toBe(200);
    expect(res.json().region).toBe('KZ-71');
    // The role change applies to the running session at once.
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.headers });
    expect(me.json().user.region).toBe('KZ-71');
    const toAnalyst = await api('PATCH', `/api/users/${u.userId}`, admin.headers, {
      role: 'national_analyst',
    });
    expect(toAnalyst.json()).toMatchObject({ role: 'national_analyst', region: null });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['field', 'old_value', 'new_value', 'user_id'])
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(u.userId))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { field: 'region', old_value: 'KZ-75', new_value: 'KZ-71', user_id: admin.userId },
      { field: 'role', old_value: 'rfo', new_value: 'national_analyst', user_id: admin.userId },
      { field: 'region', old_value: 'KZ-71', new_value: null, user_id: admin.userId },
    ]);
    const badToRfo = await api('PATCH', `/api/users/${u.userId}`, admin.headers, { role: 'rfo' });
    expect(badToRfo.statusCode).toBe(422);
  });

  it('a password reset works, ends the old sessions and is audited without the password', async () => {
    const u = await signIn(t, 'viewer');
    const res = await api('PATCH', `/api/users/${u.userId}`, admin.headers, {
      password: 'a brand new password',
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.headers })).statusCode).toBe(
      401,
    );
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: 'a brand new password' },
    });
    expect(login.statusCode).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', String(u.userId))
      .where('entity', '=', 'app_user')
      .execute();
    expect(audit.map((a) => a.field)).toEqual(['password']);
    expect(JSON.stringify(audit)).not.toMatch(/brand new|argon2|scrypt/);
  });

  it('keeps the admin from disabling or demoting itself, and answers 404 for an unknown user', async () => {
    const self = await api('PATCH', `/api/users/${admin.userId}`, admin.headers, { disabled: true });
    expect(self.statusCode).toBe(400);
    const demote = await api('PATCH', `/api/users/${admin.userId}`, admin.headers, { role: 'viewer' });
    expect(demote.statusCode).toBe(400);
    expect((await api('PATCH', '/api/users/999999', admin.headers, { disabled: true })).statusCode).toBe(404);
    expect((await api('PATCH', '/api/users/abc', admin.headers, { disabled: true })).statusCode).toBe(400);
    expect((await api('PATCH', '/api/users/99999999999', admin.headers, { disabled: true })).statusCode).toBe(
      400,
    );
    expect(
      (await api('PATCH', `/api/users/${admin.userId}`, admin.headers, { disabled: 'yes' })).statusCode,
    ).toBe(400);
    const nul = await api('POST', '/api/users', admin.headers, {
      email: 'nul@test.kz',
      password: 'long-enough-pw',
      role: 'viewer',
      displayName: 'a\u0000b',
    });
    expect(nul.statusCode).toBe(400);
    const hugeOrg = await api('POST', '/api/users', admin.headers, {
      email: 'huge@test.kz',
      password: 'long-enough-pw',
      role: 'org_coordinator',
      organizationId: 1e15,
    });
    expect(hugeOrg.statusCode).toBe(400);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a\u0000@x.kz', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
  });
});

describe('CLI users', () => {
  it('creates a user with a given password, who can then sign in; lists and disables it', async () => {
    const create = await cli(
      'users',
      'create',
      '--email',
      'cli-rfo@test.kz',
      '--role',
      'rfo',
      '--region',
      'KZ-19',
      '--password',
      'cli password 1',
    );
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    expect(create.stdout).toMatch(/Created user \d+ cli-rfo@test.kz \(rfo in KZ-19\)/);
    expect(create.stdout).not.toMatch(/Password:/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cli-rfo@test.kz', password: 'cli password 1' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'rfo', region: 'KZ-19' });

    const list = await cli('users', 'list', '--json');
    expect(list.code).toBe(0);
    expect(
      JSON.parse(list.stdout).find((u: { email: string }) => u.email === 'cli-rfo@test.kz'),
    ).toMatchObject({
      disabled: false,
    });

    const disable = await cli('users', 'disable', '--email', 'cli-rfo@test.kz');
    expect(disable.code).toBe(0);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cli-rfo@test.kz', password: 'cli password 1' },
    });
    expect(after.statusCode).toBe(401);

    expect((await cli('users', 'enable', '--email', 'cli-rfo@test.kz')).code).toBe(0);
    const reset = await cli('users', 'reset-password', '--email', 'cli-rfo@test.kz');
    expect(reset.code).toBe(0);
    const password = /Password: (\S+)/.exec(reset.stdout)?.[1] as string;
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cli-rfo@test.kz', password: 'cli password 1' },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cli-rfo@test.kz', password },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('generates a password when none is given and prints it once', async () => {
    const orgId = await newOrganization('KZ-55', 'Pavlodar Youth');
    const create = await cli(
      'users',
      'create',
      '--email',
      'cli-coord@test.kz',
      '--role',
      'org_coordinator',
      '--organization',
      'Pavlodar Youth',
    );
    expect(create.code).toBe(0);
    const password = /Password: (\S+)/.exec(create.stdout)?.[1] as string;
    expect(password).toMatch(/^[\w-]{16}$/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cli-coord@test.kz', password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ organizationId: orgId, region: 'KZ-55' });
  });

  it('exits 1 with a clear message on invalid input', async () => {
    const noRegion = await cli('users', 'create', '--email', 'cli-bad@test.kz', '--role', 'rfo');
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toMatch(/RFO staff need a region/);
    const badRole = await cli(
      'users',
      'create',
      '--email',
      'cli-bad@test.kz',
      '--role',
      'boss',
      '--password',
      'long-enough-pw',
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/Unknown role/);
    const noEmail = await cli('users', 'create', '--role', 'viewer');
    expect(noEmail.code).toBe(2); // a wrong command line, not a failed command
    expect(noEmail.stderr).toMatch(/--email and --role are required/);
    const unknown = await cli('users', 'disable', '--email', 'ghost@test.kz');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No user with the email ghost@test.kz/);
    const json = await cli(
      'users',
      'create',
      '--email',
      'cli-bad@test.kz',
      '--role',
      'rfo',
      '--region',
      'KZ-00',
      '--json',
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: 'validation_failed' });
  });
});
