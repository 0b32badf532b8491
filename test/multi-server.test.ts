// Two real server processes (src/server/main.ts) on one PostgreSQL schema, as two servers behind a
// load balancer: a session made on one works on the other; a write through one shows at once in
// the other's cached dashboard and annual report; each scheduled job runs once across both, and each
// e-mail of the outbox reaches the (real, in-process) mail server once; 50
// concurrent writers across both lose nothing; login limits are shared. PostgreSQL only (two
// processes on one SQLite file are not a supported deployment): it runs in the PostgreSQL pass of
// .ci/run (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db/migrate.ts';
import { queueMessage } from '../src/modules/outbox/outbox.service.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { type Account, makeAccount, request, type ServerProcess, startServer } from './helpers/server.ts';
import { startSmtp } from './helpers/smtp.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
/**
 * Login limits kept in the database (issue 9, item 7) arrive with a `login_attempts` migration;
 * until then each process counts its own attempts and the shared-limit test is skipped.
 */
const sharedLoginLimits = Object.keys(MIGRATIONS).some((name) => /login/.test(name));

let database: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
let admin: Account;
let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  admin = await makeAccount(database.db, 'national_admin');
  // A real mail server both deliver to.
  smtp = await startSmtp();
  // Polled often, so that both servers race for every due job.
  const env = { ...database.cliEnv, JOBS_POLL_MS: '50', SMTP_URL: smtp.url };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
});

afterAll(async () => {
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.close();
  await database?.close();
  if (a && b) expect(codes).toEqual([0, 0]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const record = (region: string, period: string, title: string, hours = 10) => ({
  region,
  period,
  organization: 'Two Servers NPO',
  organization_type: 'npo',
  title,
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-05`,
  end_date: `${period}-05`,
  volunteers: 3,
  hours,
});

const api = (server: ServerProcess, method: string, path: string, body?: unknown, who = admin) =>
  request(server.url, method, path, { headers: who.headers, body });

describe.skipIf(!onPostgres)('two servers on one PostgreSQL database', () => {
  it('a session made on one server works on the other; signing out on one ends it on both', async () => {
    const user = await makeAccount(database.db, 'rfo', 'KZ-75');
    const login = await request(a.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(login.status, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0] as string;
    const session = { ...user, headers: { cookie, 'x-csrf-token': login.json().csrfToken } };
    const me = await api(b, 'GET', '/api/auth/me', undefined, session);
    expect(me.status, me.body).toBe(200);
    expect(me.json().user.email).toBe(user.email);
    const write = await api(
      b,
      'POST',
      '/api/activities',
      record('KZ-75', '2023-02', 'Session on B'),
      session,
    );
    expect(write.status, write.body).toBe(201);
    expect((await api(b, 'POST', '/api/auth/logout', undefined, session)).status).toBe(204);
    expect((await api(a, 'GET', '/api/auth/me', undefined, session)).status).toBe(401);
  });

  it("a write through one server shows at once in the other's cached dashboard and annual report", async () => {
    const hours = async (server: ServerProcess) => {
      const dashboard = await request(server.url, 'GET', '/api/dashboard?year=2023');
      const report = await request(server.url, 'GET', '/api/reports/annual/2023');
      expect(dashboard.status, dashboard.body).toBe(200);
      expect(report.status, report.body).toBe(200);
      return { dashboard: dashboard.json().key.hours, report: report.json().totals.hours };
    };
    // B computes and caches its answers.
    const before = await hours(b);
    await hours(b);
    // Through A: a month entered, submitted and accepted (published).
    expect(
      (await api(a, 'POST', '/api/activities', record('KZ-71', '2023-03', 'Written on A', 55))).status,
    ).toBe(201);
    const submitted = await api(a, 'POST', '/api/submissions/KZ-71/2023-03/submit', { version: 1 });
    expect(submitted.status, submitted.body).toBe(200);
    const accepted = await api(a, 'POST', '/api/submissions/KZ-71/2023-03/accept', {
      version: submitted.json().version,
    });
    expect(accepted.status, accepted.body).toBe(200);
    expect(await hours(b)).toEqual({ dashboard: before.dashboard + 55, report: before.report + 55 });
  });

  it('each scheduled job runs once across both servers, each time it is due', async () => {
    const ranLines = () =>
      (a.output() + b.output()).match(/"job":"purge-sessions"[^\n]*"msg":"scheduled job ran"/g)?.length ?? 0;
    const runs = async () =>
      (
        await database.db
          .selectFrom('jobs')
          .select('runs')
          .where('name', '=', 'purge-sessions')
          .executeTakeFirst()
      )?.runs ?? 0;
    // Both started on a database without the job's row: one of them added it, due at once, and
    // exactly one ran it.
    for (let i = 0; i < 200 && (await runs()) < 1; i++) await sleep(50);
    expect(await runs()).toBe(1);
    expect(ranLines()).toBe(1);

    for (let round = 2; round <= 4; round++) {
      const expired = `expired-${round}`;
      await database.db
        .insertInto('session')
        .values({
          id: expired,
          user_id: admin.id,
          csrf_token: 'x',
          created_at: '2020-01-01T00:00:00.000Z',
          expires_at: '2020-01-01T12:00:00.000Z',
          revoked: 0,
        })
        .execute();
      // Due now for both servers, which poll every 50 ms.
      await database.db
        .updateTable('jobs')
        .set({ next_run_at: new Date().toISOString() })
        .where('name', '=', 'purge-sessions')
        .execute();
      for (let i = 0; i < 200 && (await runs()) < round; i++) await sleep(50);
      // Twenty more polls of each server: none runs it again.
      await sleep(1_000);
      expect(await runs()).toBe(round);
      expect(ranLines()).toBe(round);
      expect(
        await database.db.selectFrom('session').select('id').where('id', '=', expired).execute(),
      ).toEqual([]);
    }
  });

  it('each outbox message goes out once, whichever server delivers it', async () => {
    const to = Array.from({ length: 24 }, (_, i) => `rfo${i}@example.kz`);
    await database.db.transaction().execute(async (trx) => {
      for (const address of to)
        await queueMessage(trx, {
          kind: 'test',
          to: address,
          lang: 'ru',
          subject: 'Проверка',
          body: address,
        });
    });
    // Due now for both servers, which poll every 50 ms and race to claim the job and each message.
    await database.db
      .updateTable('jobs')
      .set({ next_run_at: new Date().toISOString() })
      .where('name', '=', 'deliver-outbox')
      .execute();
    const sent = async () =>
      Number(
        (
          await database.db
            .selectFrom('outbox')
            .select((e) => e.fn.countAll().as('n'))
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (let i = 0; i < 200 && (await sent()) < to.length; i++) await sleep(50);
    expect(await sent()).toBe(to.length);
    // Twenty more polls of each server: nothing goes out again.
    await sleep(1_000);
    const arrived = (smtp?.received ?? []).flatMap((m) => m.to).sort();
    expect(arrived).toEqual([...to].sort());
  });

  it('50 concurrent writers across both servers lose nothing', async () => {
    // Distinct records: every one stored.
    const titles = Array.from({ length: 50 }, (_, i) => `Writer ${i} of 50`);
    const created = await Promise.all(
      titles.map((title, i) =>
        api(i % 2 ? b : a, 'POST', '/api/activities', record('KZ-75', '2023-08', title)),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(titles.map(() => 201));
    const stored = await database.db
      .selectFrom('activity')
      .select('title')
      .where('title', 'like', 'Writer % of 50')
      .execute();
    expect(stored.map((r) => r.title).sort()).toEqual([...titles].sort());

    // Read-modify-write with versions: 10 writers per record add 1 hour each, through either
    // server, retrying on 409. Every answer is 200 or 409, and no addition is lost.
    const targets = created.slice(0, 5).map((r) => r.json() as { id: number; hours: number });
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const server = i % 2 ? b : a;
        const target = targets[i % 5] as { id: number };
        for (;;) {
          const current = (await api(server, 'GET', `/api/activities/${target.id}`)).json();
          const res = await api(server, 'PATCH', `/api/activities/${target.id}`, {
            hours: current.hours + 1,
            version: current.version,
          });
          statuses.push(res.status);
          if (res.status === 200) return;
          expect(res.status, res.body).toBe(409);
        }
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    for (const t of targets) {
      const now = (await api(a, 'GET', `/api/activities/${t.id}`)).json();
      expect(now.hours).toBe(t.hours + 10);
    }
  });

  // Skipped until login attempts are counted in the database (see sharedLoginLimits above).
  it.skipIf(!sharedLoginLimits)(
    'login limits are shared: refused on one server, refused on the other',
    async () => {
      const target = await makeAccount(database.db, 'viewer');
      const wrong = (server: ServerProcess) =>
        request(server.url, 'POST', '/api/auth/login', {
          body: { email: target.email, password: 'wrong-password' },
        });
      let refusedAfter = 0;
      for (let i = 1; i <= 100; i++) {
        const res = await wrong(a);
        if (res.status === 429) {
          refusedAfter = i;
          break;
        }
        expect(res.status).toBe(401);
      }
      expect(refusedAfter).toBeGreaterThan(1);
      expect((await wrong(b)).status).toBe(429);
    },
  );
});
