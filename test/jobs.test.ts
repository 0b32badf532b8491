// The job runner (src/modules/jobs): two runners on two connections to one database stand for two
// servers. A due job runs once per due time however the runners race; a running job is not started
// again while its lease holds; stop() waits for the running job; a failure is kept and the job runs
// again when next due; the real job purges ended sessions. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { listJobRows } from '../src/modules/jobs/jobs.repository.ts';
import { type JobDefinition, JobRunner } from '../src/modules/jobs/jobs.service.ts';
import { SCHEDULED_JOBS } from '../src/modules/jobs/scheduled.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { makeAccount } from './helpers/server.ts';

let database: TestDatabase;
let other: Database;

/** A second connection (pool) to the same database, as another server would have. */
function openAgain(d: TestDatabase): Database {
  const schema = /search_path=([^\s]+)/.exec(d.cliEnv.PGOPTIONS ?? '')?.[1];
  return openDatabase(d.cliUrl, schema ? { schema } : {});
}

beforeAll(async () => {
  database = await createTestDatabase();
  other = openAgain(database);
});
afterAll(async () => {
  await other?.close();
  await database?.close();
});

const HOUR = 3600_000;
const at = (iso: string) => () => new Date(iso);

/** A job that counts its runs, under a name of its own. */
function counting(name: string, everyMs = HOUR): JobDefinition & { runs: string[] } {
  const runs: string[] = [];
  return {
    name,
    everyMs,
    runs,
    async run(d) {
      runs.push(d === database ? 'A' : 'B');
    },
  };
}

async function row(name: string) {
  return (await listJobRows(database.db)).find((r) => r.name === name);
}

describe('job runner', () => {
  it('a due job runs once across two runners racing, and again once when next due', async () => {
    const job = counting('count-once');
    const a = new JobRunner(database, [job], { owner: 'A', now: at('2030-01-01T00:00:00Z') });
    const b = new JobRunner(other, [job], { owner: 'B', now: at('2030-01-01T00:00:00Z') });
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.stop(), b.stop()]);
    // start() polled once each: the new row was due at once, and one of them ran it.
    expect(job.runs).toHaveLength(1);
    for (let i = 0; i < 5; i++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(job.runs).toHaveLength(1);
    expect(await row('count-once')).toMatchObject({
      runs: 1,
      next_run_at: '2030-01-01T01:00:00.000Z',
      lease_owner: null,
      last_error: null,
    });

    // An hour on: due again, run once more.
    const later = { now: at('2030-01-01T01:00:00Z') };
    const a2 = new JobRunner(database, [job], { ...later, owner: 'A' });
    const b2 = new JobRunner(other, [job], { ...later, owner: 'B' });
    const ran = await Promise.all([a2.tick(), b2.tick(), a2.tick(), b2.tick()]);
    expect(ran.flat()).toEqual(['count-once']);
    expect(job.runs).toHaveLength(2);
    expect((await row('count-once'))?.runs).toBe(2);
  });

  it('a job still running is not started elsewhere, even when due again; stop() waits for it', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started = 0;
    let finished = 0;
    const slow: JobDefinition = {
      name: 'slow',
      everyMs: 1,
      async run() {
        started++;
        await gate;
        finished++;
      },
    };
    const a = new JobRunner(database, [slow], { owner: 'A' });
    const b = new JobRunner(other, [slow], { owner: 'B' });
    void a.start();
    while (started === 0) await new Promise((r) => setTimeout(r, 10));
    // Due again (every 1 ms), but A's lease holds.
    expect(await b.tick()).toEqual([]);
    expect(await b.tick()).toEqual([]);
    let stopped = false;
    const stopping = a.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect({ started, finished }).toEqual({ started: 1, finished: 1 });
    expect(await row('slow')).toMatchObject({ runs: 1, lease_owner: null, lease_until: null });
    // Released: B may run it now.
    expect(await b.tick()).toEqual(['slow']);
  });

  it('a lease left by a server that died is taken over once it expires', async () => {
    const job = counting('orphaned');
    await database.db
      .insertInto('jobs')
      .values({
        name: 'orphaned',
        next_run_at: '2030-01-01T00:00:00.000Z',
        lease_owner: 'dead',
        lease_until: '2030-01-01T00:15:00.000Z',
      })
      .execute();
    const early = new JobRunner(other, [job], { owner: 'B', now: at('2030-01-01T00:10:00Z') });
    expect(await early.tick()).toEqual([]);
    const late = new JobRunner(other, [job], { owner: 'B', now: at('2030-01-01T00:16:00Z') });
    expect(await late.tick()).toEqual(['orphaned']);
    expect(await row('orphaned')).toMatchObject({ runs: 1, lease_owner: null });
  });

  it('a failing job keeps its error and runs again when next due', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      name: 'flaky',
      everyMs: HOUR,
      async run() {
        calls++;
        if (calls === 1) throw new Error('mail server away');
      },
    };
    const first = new JobRunner(database, [flaky], { owner: 'A', now: at('2030-01-01T00:00:00Z') });
    await first.start();
    await first.stop();
    expect(await row('flaky')).toMatchObject({ runs: 1, last_error: 'mail server away' });
    const next = new JobRunner(database, [flaky], { owner: 'A', now: at('2030-01-01T01:00:01Z') });
    expect(await next.tick()).toEqual(['flaky']);
    expect(await row('flaky')).toMatchObject({ runs: 2, last_error: null });
  });

  it('purge-sessions deletes the sessions that ended more than a day ago, once', async () => {
    const user = await makeAccount(database.db, 'viewer');
    const session = (id: string, expires: string, revoked = 0) => ({
      id,
      user_id: user.id,
      csrf_token: 'x',
      created_at: '2020-01-01T00:00:00.000Z',
      expires_at: expires,
      revoked,
    });
    await database.db
      .insertInto('session')
      .values([
        session('expired-long-ago', '2020-01-01T12:00:00.000Z'),
        session('revoked-long-ago', '2099-01-01T00:00:00.000Z', 1),
      ])
      .execute();
    const ids = async () =>
      (await database.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute())
        .map((s) => s.id)
        .sort();
    expect(await ids()).toHaveLength(3);
    const [a, b] = [new JobRunner(database, SCHEDULED_JOBS), new JobRunner(other, SCHEDULED_JOBS)];
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.stop(), b.stop()]);
    // The session made by makeAccount is live and stays.
    expect(await ids()).toHaveLength(1);
    expect(await row('purge-sessions')).toMatchObject({ runs: 1, last_error: null });
  });
  it('purge-login-attempts deletes the sign-in counts of windows long past, once', async () => {
    // An hour and a bit on: the earlier tests' runners ran this job too (it is due hourly).
    const now = Date.now() + 61 * 60_000;
    const attempt = (key: string, windowStart: number) => ({
      scope: 'address' as const,
      key,
      window_start: windowStart,
      attempts: 3,
    });
    await database.db
      .insertInto('login_attempts')
      .values([attempt('old', now - 24 * 3600_000), attempt('current', now)])
      .execute();
    const keys = async () =>
      (await database.db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key).sort();
    expect(await keys()).toEqual(['current', 'old']);
    const runsBefore = (await row('purge-login-attempts'))?.runs ?? 0;
    const later = { now: () => new Date(now) };
    const [a, b] = [
      new JobRunner(database, SCHEDULED_JOBS, later),
      new JobRunner(other, SCHEDULED_JOBS, later),
    ];
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(await keys()).toEqual(['current']);
    expect(await row('purge-login-attempts')).toMatchObject({ runs: runsBefore + 1, last_error: null });
  });
});
