// The access matrix (issue 8): every route of the OpenAPI document × anonymous and each role ×
// the own and the foreign region / organisation, each cell's status checked against the one the
// policy table (src/domain/policy.ts) gives: anonymous 401 (public routes: success), not allowed
// 403, allowed the route's success. A route of the document without an entry in the table
// (test/helpers/matrix.routes.ts) fails the test, so no route can be added without its access cell.

import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/policy.ts';
import { queueMessage } from '../src/modules/outbox/outbox.service.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  activityRecord,
  FOREIGN_REGION,
  matrixRoutes,
  OPEN_MONTH,
  type Org,
  OWN_REGION,
  volunteerRegistration,
} from './helpers/matrix.routes.ts';
import {
  CALLERS,
  type Caller,
  type Cell,
  type Entry,
  expectedStatuses,
  formatMismatches,
  routeKey,
  type Side,
} from './helpers/matrix.ts';

let t: TestApp;
const users = {} as Record<Exclude<Caller, 'anonymous'>, SignedIn & { actor: Actor }>;
let routes: Entry[];
let registrations = 0;

async function asAdmin(method: string, url: string, payload?: object) {
  const res = await t.app.inject({ method: method as 'POST', url, headers: users.admin.headers, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} as the admin: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function account(
  who: Exclude<Caller, 'anonymous'>,
  role: Actor['role'],
  scope: { region?: string; organizationId?: number } = {},
) {
  const s = await signIn(t, role, scope);
  const actor: Actor = {
    id: s.userId,
    role,
    region: scope.region ?? null,
    organizationId: scope.organizationId ?? null,
  };
  users[who] = { ...s, actor };
}

beforeAll(async () => {
  // Sign-in is rate-limited per address; every cell of the login route signs in once.
  t = await createTestApp({
    loginRateLimit: 1000,
    signupLimit: { max: 10_000, windowMs: 3600_000 },
    appealLimit: { max: 10_000, windowMs: 3600_000 },
  });
  await account('admin', 'national_admin');
  await account('analyst', 'national_analyst');
  await account('viewer', 'viewer');
  await account('rfo', 'rfo', { region: OWN_REGION });
  await account('otherRfo', 'rfo', { region: FOREIGN_REGION });
  const org = async (name: string, region: string): Promise<Org> => {
    const o = await asAdmin('POST', '/api/organizations', { name, type: 'npo', region });
    return { id: o.id, name, region };
  };
  const orgs = {
    own: await org('Matrix NPO A', OWN_REGION),
    foreign: await org('Matrix NPO B', FOREIGN_REGION),
  };
  await account('coordinator', 'org_coordinator', { region: OWN_REGION, organizationId: orgs.own.id });
  await account('otherCoordinator', 'org_coordinator', {
    region: FOREIGN_REGION,
    organizationId: orgs.foreign.id,
  });
  // A juror of the award rounds (issue 13): seated on the own side's rounds; another juror on the foreign side's.
  await account('juror', 'juror');
  const otherJuror = await signIn(t, 'juror');
  // The platform's volunteer: registered as anyone would be (no session of the admin's sent along).
  const volunteer = await newVolunteer();
  users.volunteer = {
    userId: volunteer.id,
    email: volunteer.email,
    password: volunteer.password,
    headers: volunteer.headers,
    actor: { id: volunteer.id, role: 'volunteer', region: null, organizationId: null },
  };
  const record = async (o: Org) =>
    (await asAdmin('POST', '/api/activities', activityRecord(o, OPEN_MONTH, 'Matrix seed'))).id as number;
  // The viewer signs in on every cell of the login route: with a cheap hash of its password.
  await t.database.db
    .updateTable('app_user')
    .set({ password_hash: cheapHash(users.viewer.password) })
    .where('id', '=', users.viewer.userId)
    .execute();
  const territories = (await asAdmin('GET', '/api/reference/territories')) as {
    code: string;
    tileX: number;
  }[];
  routes = matrixRoutes({
    asAdmin,
    orgs,
    records: { own: await record(orgs.own), foreign: await record(orgs.foreign) },
    login: { email: users.viewer.email, password: users.viewer.password },
    tileX: territories.find((x) => x.code === OWN_REGION)?.tileX ?? 0,
    jurors: { own: users.juror.userId, foreign: otherJuror.userId },
    outboxMessage: await queueMessage(t.database.db, {
      kind: 'test',
      to: 'rfo@example.kz',
      lang: 'ru',
      subject: 'Matrix',
      body: 'A queued message',
    }),
    newVolunteer,
    linkToken,
    registerOrg: async (payload) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/platform/organizations',
        payload,
        remoteAddress: `10.3.${Math.floor(++registrations / 250)}.${(registrations % 250) + 1}`,
      });
      if (res.statusCode !== 201)
        throw new Error(`registering an organisation: ${res.statusCode} ${res.body}`);
      return res.json();
    },
  });
});

/**
 * The token of the latest one-time link e-mailed to an address, read from the outbox table as the
 * mail carries it (the outbox API shows links without their token).
 */
async function linkToken(to: string): Promise<string> {
  const m = await t.database.db
    .selectFrom('outbox')
    .select('body')
    .where('recipient', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return decodeURIComponent(m.body.match(/\?token=([A-Za-z0-9_%-]+)/)?.[1] ?? '');
}

let volunteers = 0;
/** A new platform volunteer (a minor, so both links are sent): its session and its links' tokens. */
async function newVolunteer() {
  const email = `matrix-signup-${++volunteers}@test.kz`;
  const payload = volunteerRegistration(email);
  const res = await t.app.inject({ method: 'POST', url: '/api/platform/volunteers', payload });
  if (res.statusCode !== 201) throw new Error(`registering a volunteer: ${res.statusCode} ${res.body}`);
  const token = linkToken;
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return {
    id: res.json().volunteer.id as number,
    email,
    password: payload.password,
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken as string },
    confirmToken: await token(email),
    guardianToken: await token(payload.guardian.email),
  };
}
afterAll(async () => t?.close());

/** A password hash in the form verifyPassword reads, at a small cost (N = 16). */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 16, r: 8, p: 1 });
  return `scrypt$16$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function openApiRoutes(): Promise<string[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => routeKey({ method, path })),
  );
}

/** The headers of the caller: none for anonymous, a session of its own when the call ends it. */
async function headersOf(caller: Caller, ownSession: boolean): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  if (!ownSession) return users[caller].headers;
  const s = await createSession(t.database.db, users[caller].userId);
  return { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken };
}

describe('access matrix', () => {
  it('has an entry for every route of the OpenAPI document, and none for a route it lacks', async () => {
    const documented = await openApiRoutes();
    const table = routes.map(routeKey);
    expect(documented.length).toBeGreaterThan(50);
    expect({
      missingFromTable: documented.filter((k) => !table.includes(k)),
      notInDocument: table.filter((k) => !documented.includes(k)),
      twice: table.filter((k, i) => table.indexOf(k) !== i),
    }).toEqual({ missingFromTable: [], notInDocument: [], twice: [] });
  });

  it('gives every route × caller × own/foreign resource the status of the policy table', async () => {
    const cells: Cell[] = [];
    for (const entry of routes) {
      for (const variant of entry.variants) {
        const sides: Side[] = variant.scoped ? ['own', 'foreign'] : ['any'];
        for (const side of sides) {
          const cell = async (caller: Caller): Promise<Cell> => {
            const at = { route: routeKey(entry), variant: variant.name ?? '', caller, side };
            // A request that cannot be built (the admin's preparation refused) is a mismatch too.
            const req = await variant.build(side, caller).catch((e: Error) => e);
            if (req instanceof Error) return { ...at, expected: [], got: 0, body: req.message };
            const res = await t.app.inject({
              method: entry.method,
              url: req.url,
              headers: { ...(await headersOf(caller, variant.ownSession === true)), ...req.headers },
              ...(req.payload !== undefined ? { payload: req.payload } : {}),
            });
            const actor = caller === 'anonymous' ? null : users[caller].actor;
            return {
              ...at,
              expected: expectedStatuses(variant, actor, req.resource),
              got: res.statusCode,
              body: String(res.headers['content-type'] ?? '').includes('json') ? res.body.slice(0, 200) : '',
            };
          };
          // Reads side by side; changes one after the other.
          if (entry.method === 'GET') cells.push(...(await Promise.all(CALLERS.map(cell))));
          else for (const caller of CALLERS) cells.push(await cell(caller));
        }
      }
    }
    const mismatches = cells.filter((c) => !c.expected.includes(c.got));
    // Every cell was walked, and the table is not trivially open or closed.
    expect(cells.length).toBeGreaterThan(routes.length * CALLERS.length);
    expect(cells.some((c) => c.expected.includes(403))).toBe(true);
    // The whole list, one line per cell, rather than the first mismatch only.
    expect(formatMismatches(mismatches)).toBe('no mismatch');
  });
});
