// Graceful shutdown of a real server process (src/server/main.ts): on SIGTERM it stops accepting
// connections, answers the request in flight (a write whose body is still arriving), and exits 0
// with the write stored; a request that never ends holds the exit for SHUTDOWN_TIMEOUT_MS only.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import {
  type Account,
  answer,
  type HttpAnswer,
  makeAccount,
  request,
  startServer,
} from './helpers/server.ts';

let database: TestDatabase;
let admin: Account;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await makeAccount(database.db, 'national_admin');
});
afterAll(async () => database?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const record = (title: string) => ({
  region: 'KZ-75',
  period: '2023-04',
  organization: 'Shutdown NPO',
  organization_type: 'npo',
  title,
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: '2023-04-10',
  end_date: '2023-04-10',
  volunteers: 7,
  hours: 21,
});

/** A POST whose headers and first half of the body are sent now, the rest when `finish()` is called. */
function slowPost(base: string, path: string, headers: Record<string, string>, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  let finish = () => {};
  const answered = new Promise<HttpAnswer>((resolve, reject) => {
    const req = http.request(new URL(path, base), {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
    });
    req.on('response', (res) => answer(res, resolve, reject));
    req.on('error', reject);
    req.write(payload.subarray(0, payload.length >> 1));
    finish = () => req.end(payload.subarray(payload.length >> 1));
  });
  return { answered, finish: () => finish() };
}

/** Resolves when a new connection to the port is refused (tries for up to 30 s). */
async function refusedSoon(port: number): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const outcome = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve('accepted');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    // A connection that reached the backlog as the listener closed is reset, not refused: the
    // listener is going; the next attempt is refused.
    if (outcome !== 'accepted' && outcome !== 'ECONNRESET') return outcome;
    await sleep(100);
  }
  return 'accepted';
}

describe('graceful shutdown', () => {
  it('on SIGTERM refuses new connections, answers the request in flight, and exits 0', async () => {
    const server = await startServer(database.cliEnv);
    try {
      expect((await request(server.url, 'GET', '/api/ready')).status).toBe(200);
      const inFlight = slowPost(
        server.url,
        '/api/activities',
        admin.headers,
        record('Finished during shutdown'),
      );
      // The server has the request once it has logged it (the ready check was the first).
      await server.waitForOutput(/"msg":"incoming request"/, 2, 5_000).catch(() => {});
      process.kill(server.pid, 'SIGTERM');
      expect(await refusedSoon(server.port)).toBe('ECONNREFUSED');
      // Still running: the request in flight holds the exit.
      expect(server.running()).toBe(true);
      inFlight.finish();
      const res = await inFlight.answered;
      expect(res.status, res.body).toBe(201);
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/"msg":"shut down"/);
      const stored = await database.db
        .selectFrom('activity')
        .select('title')
        .where('title', '=', 'Finished during shutdown')
        .execute();
      expect(stored).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('a request that never ends holds the exit for SHUTDOWN_TIMEOUT_MS only, then exits 1', async () => {
    const server = await startServer({ ...database.cliEnv, SHUTDOWN_TIMEOUT_MS: '1000' });
    try {
      const stuck = slowPost(server.url, '/api/activities', admin.headers, record('Never finished'));
      stuck.answered.catch(() => {});
      await server.waitForOutput(/"msg":"incoming request"/, 1, 5_000).catch(() => {});
      process.kill(server.pid, 'SIGTERM');
      expect(await server.exited).toBe(1);
      expect(server.output()).toMatch(/shutdown timed out/);
    } finally {
      await server.stop();
    }
  });
});

describe('start-up settings', () => {
  it('a malformed SMTP_URL stops the start with a message saying what is wrong (exit 1)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, ...database.cliEnv, PORT: '0', SMTP_URL: 'ftp://mail.example.kz' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SMTP_URL must be smtp:\/\/… or smtps:\/\/…/);
  });
});
