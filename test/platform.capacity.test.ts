// A shift's capacity is never exceeded (issue 11 item 4): 200 volunteers apply at the same moment
// to a shift of 20 places: exactly 20 are pending, the other 180 waitlisted, none twice. In one
// process on either database; and, on PostgreSQL, through two real server processes on one
// database (as behind a load balancer), the requests split between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { type Coordinator, call, opportunity, organisation, volunteer } from './helpers/platform.ts';
import { request, type ServerProcess, startServer } from './helpers/server.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const VOLUNTEERS = 200;
const PLACES = 20;

let t: TestApp;
let admin: SignedIn;
let coord: Coordinator;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  coord = await organisation(t, admin);
});
afterAll(async () => t?.close());

async function countByStatus(shift: number) {
  const rows = await t.database.db
    .selectFrom('application')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shift_id', '=', shift)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe('200 applications at once for 20 places', () => {
  it('in one process: exactly 20 pending, 180 waitlisted', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2031-03-01T10:00:00+05:00', end: '2031-03-01T14:00:00+05:00', capacity: PLACES }],
    });
    const shift = opp.shifts[0] as number;
    const vs = [];
    for (let i = 0; i < VOLUNTEERS; i++) vs.push(await volunteer(t.database.db));
    const answers = await Promise.all(
      vs.map((v) => call(t, v, 'POST', `/api/platform/shifts/${shift}/applications`)),
    );
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    const statuses = answers.map((a) => a.json().status as string);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(PLACES);
    expect(await countByStatus(shift)).toEqual({ pending: PLACES, waitlisted: VOLUNTEERS - PLACES });
    const page = (await call(t, null, 'GET', `/api/platform/opportunities/${opp.id}`, undefined, 200)).json();
    expect(page.shifts[0].free).toBe(0);
  });
});

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    const env = { ...t.database.cliEnv, JOBS_POLL_MS: '60000' };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    if (a && b) expect(codes).toEqual([0, 0]);
  });

  it('exactly 20 pending, 180 waitlisted, whichever server took each request', async () => {
    // The coordinator publishes through server a.
    const made = await request(a.url, 'POST', '/api/platform/opportunities', {
      headers: coord.headers,
      body: {
        title: 'Two servers',
        description: 'Capacity across processes',
        area: 'taza_alem',
        region: 'KZ-75',
        format: 'offline',
        shifts: [{ start: '2031-03-02T10:00:00+05:00', end: '2031-03-02T14:00:00+05:00', capacity: PLACES }],
      },
    });
    expect(made.status, made.body).toBe(201);
    const { id, shifts } = made.json();
    expect(
      (await request(b.url, 'POST', `/api/platform/opportunities/${id}/publish`, { headers: coord.headers }))
        .status,
    ).toBe(200);
    const shift = shifts[0].id as number;
    const vs = [];
    for (let i = 0; i < VOLUNTEERS; i++) vs.push(await volunteer(t.database.db));
    const answers = await Promise.all(
      vs.map((v, i) =>
        request((i % 2 === 0 ? a : b).url, 'POST', `/api/platform/shifts/${shift}/applications`, {
          headers: v.headers,
        }),
      ),
    );
    expect(answers.map((x) => x.status).filter((s) => s !== 201)).toEqual([]);
    expect(answers.filter((x) => x.json().status === 'pending')).toHaveLength(PLACES);
    expect(await countByStatus(shift)).toEqual({ pending: PLACES, waitlisted: VOLUNTEERS - PLACES });
  });
});
