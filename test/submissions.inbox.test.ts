// The review inbox and the thread of a submission (issue 10 items 3 and 4): what waits for review,
// the longest waiting first, with the latest submission time and what changed since the last
// decision; several submissions accepted at once, all or nothing (a stale one: 409 naming it, and
// nothing accepted); comments of both sides kept as written, reachable by the region's RFO and the
// national office only; an accepted month no longer shows its old return comment as current.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => t.close());

const call = (
  who: SignedIn,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

const activity = (region: string, period: string, title: string, hours: number) => ({
  region,
  period,
  organization: `Inbox NPO ${region}`,
  organization_type: 'npo',
  title,
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-10`,
  end_date: `${period}-10`,
  volunteers: 5,
  hours,
});

async function record(who: SignedIn, region: string, period: string, title: string, hours: number) {
  const r = await call(who, 'POST', '/api/activities', activity(region, period, title, hours));
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; version: number };
}

async function step(who: SignedIn, region: string, period: string, action: string, payload: object) {
  const r = await call(who, 'POST', `/api/submissions/${region}/${period}/${action}`, payload);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { version: number; submittedAt: string; lastSubmittedAt: string; status: string };
}

const inbox = async (who: SignedIn = analyst) => {
  const r = await call(who, 'GET', '/api/submissions/inbox');
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    region: string;
    period: string;
    version: number;
    submittedAt: string;
    firstSubmittedAt: string;
    lastReview: { action: string } | null;
    changes: { added: number; changed: number; removed: number };
    totals: { before: Record<string, number | null> | null; after: Record<string, number | null> };
    comments: number;
  }[];
};
const item = async (region: string, period: string) =>
  (await inbox()).find((i) => i.region === region && i.period === period);
const pause = () => new Promise((r) => setTimeout(r, 15));

describe('the review inbox', () => {
  const A = { region: 'KZ-75', period: '2024-01' };
  const B = { region: 'KZ-79', period: '2024-02' };
  let a: { id: number; version: number };
  let c: { id: number; version: number };
  let firstSubmitted = '';

  it('lists what waits, the longest waiting first; a first submission shows every row as added', async () => {
    a = await record(rfo, A.region, A.period, 'Snow clearing', 10);
    await record(rfo, A.region, A.period, 'Food parcels', 20);
    c = await record(rfo, A.region, A.period, 'Tree planting', 30);
    await record(otherRfo, B.region, B.period, 'Blood drive', 8);
    firstSubmitted = (await step(rfo, A.region, A.period, 'submit', { version: 1 })).submittedAt;
    await pause();
    await step(otherRfo, B.region, B.period, 'submit', { version: 1 });

    const list = (await inbox()).filter((i) => i.period.startsWith('2024'));
    expect(list.map((i) => `${i.region} ${i.period}`)).toEqual(['KZ-75 2024-01', 'KZ-79 2024-02']);
    expect(list[0]).toMatchObject({
      kind: 'month',
      submittedAt: firstSubmitted,
      firstSubmittedAt: firstSubmitted,
      lastReview: null,
      changes: { added: 3, changed: 0, removed: 0 },
      totals: { before: null, after: { records: 3, volunteers: 15, hours: 60, npo: null } },
      comments: 0,
    });
    // the admin sees it too; nobody else
    expect((await call(admin, 'GET', '/api/submissions/inbox')).statusCode).toBe(200);
    for (const who of [rfo, viewer])
      expect((await call(who, 'GET', '/api/submissions/inbox')).statusCode).toBe(403);
    expect((await t.app.inject('/api/submissions/inbox')).statusCode).toBe(401);
  });

  it('after a return, an edit and a resubmission: the new time, rows added / changed / removed, totals before and after', async () => {
    const cur = await item(A.region, A.period);
    await step(analyst, A.region, A.period, 'return', {
      version: cur?.version,
      comment: 'Tree planting was in February',
    });
    const patched = await call(rfo, 'PATCH', `/api/activities/${a.id}`, { hours: 15, version: a.version });
    expect(patched.statusCode, patched.body).toBe(200);
    const del = await call(rfo, 'DELETE', `/api/activities/${c.id}?version=${c.version}`);
    expect(del.statusCode, del.body).toBe(204);
    await record(rfo, A.region, A.period, 'Reading to children', 5);
    await pause();
    const view = (await call(rfo, 'GET', `/api/submissions/${A.region}/${A.period}`)).json().submission;
    expect(view).toMatchObject({ status: 'returned', returnComment: 'Tree planting was in February' });
    const resub = await step(rfo, A.region, A.period, 'submit', { version: view.version });
    // timeliness still goes by the first submission; the reviewer sees the new one
    expect(resub.submittedAt).toBe(firstSubmitted);
    expect(resub.lastSubmittedAt > firstSubmitted).toBe(true);
    // the return comment is history now: not shown as current, kept in the thread
    expect(
      (await call(analyst, 'GET', `/api/submissions/${A.region}/${A.period}`)).json().submission
        .returnComment,
    ).toBeNull();

    const list = (await inbox()).filter((i) => i.period.startsWith('2024'));
    // it waits since its resubmission, after the other region's month
    expect(list.map((i) => `${i.region} ${i.period}`)).toEqual(['KZ-79 2024-02', 'KZ-75 2024-01']);
    expect(list[1]).toMatchObject({
      submittedAt: resub.lastSubmittedAt,
      firstSubmittedAt: firstSubmitted,
      lastReview: { action: 'return' },
      changes: { added: 1, changed: 1, removed: 1 },
      totals: {
        before: { records: 3, volunteers: 15, hours: 60 },
        after: { records: 3, volunteers: 15, hours: 40 },
      },
      comments: 1,
    });
  });

  it('accepts several submissions at once; accepted ones leave the inbox without their old return comment', async () => {
    const list = (await inbox()).filter((i) => i.period.startsWith('2024'));
    const res = await call(analyst, 'POST', '/api/submissions/accept', {
      items: list.map((i) => ({ region: i.region, period: i.period, version: i.version })),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted.map((s: { status: string }) => s.status)).toEqual(['accepted', 'accepted']);
    expect((await inbox()).filter((i) => i.period.startsWith('2024'))).toEqual([]);
    const acc = (await call(rfo, 'GET', `/api/submissions?year=2024&region=${A.region}`)).json();
    expect(acc.find((s: { period: string }) => s.period === A.period)).toMatchObject({
      status: 'accepted',
      returnComment: null,
    });
    // audited as one accept each
    const trail = (await call(admin, 'GET', `/api/audit?region=${B.region}&period=${B.period}`)).json();
    expect(trail.some((e: { newValue: string }) => e.newValue === 'accepted')).toBe(true);
  });

  it('refuses the whole batch with 409 stale_version naming the changed one; nothing is accepted', async () => {
    const P = '2024-03';
    await record(rfo, 'KZ-75', P, 'Clean-up day', 6);
    await record(otherRfo, 'KZ-79', P, 'Clean-up day', 7);
    await step(rfo, 'KZ-75', P, 'submit', { version: 1 });
    await step(otherRfo, 'KZ-79', P, 'submit', { version: 1 });
    const read = (await inbox()).filter((i) => i.period === P);
    expect(read).toHaveLength(2);
    // meanwhile KZ-79's month is returned and resubmitted
    const other = read.find((i) => i.region === 'KZ-79');
    const ret = await step(admin, 'KZ-79', P, 'return', { version: other?.version, comment: 'check' });
    await step(otherRfo, 'KZ-79', P, 'submit', { version: ret.version });
    // the stale one last: the first is rolled back with it
    const items = [...read]
      .sort((x) => (x.region === 'KZ-79' ? 1 : -1))
      .map((i) => ({ region: i.region, period: i.period, version: i.version }));
    const res = await call(analyst, 'POST', '/api/submissions/accept', { items });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: 'stale_version' });
    expect(res.json().message).toMatch(/KZ-79 2024-03/);
    expect(res.json().details[0]).toMatchObject({ item: 1, region: 'KZ-79', period: P, status: 'submitted' });
    const after = (await inbox()).filter((i) => i.period === P);
    expect(after.map((i) => i.region).sort()).toEqual(['KZ-75', 'KZ-79']);
    expect(after.find((i) => i.region === 'KZ-75')?.version).toBe(items[0]?.version);
  });

  it('refuses a bulk accept of the region, a duplicate, an empty list or a month not submitted', async () => {
    const P = '2024-03';
    const list = (await inbox()).filter((i) => i.period === P);
    const items = list.map((i) => ({ region: i.region, period: i.period, version: i.version }));
    expect((await call(rfo, 'POST', '/api/submissions/accept', { items })).statusCode).toBe(403);
    const dup = await call(analyst, 'POST', '/api/submissions/accept', { items: [items[0], items[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toBe('duplicate_item');
    expect((await call(analyst, 'POST', '/api/submissions/accept', { items: [] })).statusCode).toBe(400);
    const draft = await call(analyst, 'POST', '/api/submissions/accept', {
      items: [{ region: 'KZ-75', period: '2024-11', version: 1 }],
    });
    expect(draft.statusCode).toBe(409);
    expect(draft.json()).toMatchObject({
      error: 'invalid_transition',
      details: [{ region: 'KZ-75', period: '2024-11' }],
    });
    const unknown = await call(analyst, 'POST', '/api/submissions/accept', {
      items: [{ region: 'KZ-999', period: '2024-11', version: 1 }],
    });
    expect(unknown.statusCode).toBe(404);
    expect((await inbox()).filter((i) => i.period === P)).toHaveLength(2);
  });
});

describe('the review inbox: stocks', () => {
  it('shows a half-year with its volunteer stocks as rows and totals', async () => {
    const put = await call(rfo, 'PUT', '/api/volunteers/KZ-75/2024-H1', {
      updatedAt: null,
      rows: [{ dimension: 'total', category: '', volunteers: 120 }],
    });
    expect(put.statusCode, put.body).toBe(200);
    await step(rfo, 'KZ-75', '2024-H1', 'submit', { version: 1 });
    expect(await item('KZ-75', '2024-H1')).toMatchObject({
      kind: 'half',
      lastReview: null,
      changes: { added: 1, changed: 0, removed: 0 },
      totals: { before: null, after: { records: null, hours: null, volunteers: 120 } },
    });
  });
});

describe('the thread of a submission', () => {
  const url = '/api/submissions/KZ-75/2024-01/comments';

  it('keeps comments of both sides and the return reasons, oldest first, markup as written', async () => {
    const markup = '<script>alert("x")</script> & <b>bold</b> — 2 < 3';
    const mine = await call(rfo, 'POST', url, { text: `  ${markup}  ` });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({
      kind: 'comment',
      authorId: rfo.userId,
      body: markup,
      activityId: null,
    });
    const rows = (await call(rfo, 'GET', '/api/activities?region=KZ-75&period=2024-01')).json().items;
    const theirs = await call(analyst, 'POST', url, { text: 'Which school?', activityId: rows[0].id });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json()).toMatchObject({ activityId: rows[0].id, activityTitle: rows[0].title });

    const thread = await call(rfo, 'GET', url);
    expect(thread.statusCode).toBe(200);
    expect(thread.headers['content-type']).toMatch(/application\/json/);
    expect(thread.json().map((c: { kind: string; body: string }) => [c.kind, c.body])).toEqual([
      ['return', 'Tree planting was in February'],
      ['comment', markup],
      ['comment', 'Which school?'],
    ]);
    expect(thread.json()[0]).toMatchObject({ authorId: analyst.userId, authorName: analyst.email });
    // The other side hears of each comment by e-mail: the RFO's goes to the reviewer who returned
    // the month, the reviewer's to the region's RFO; markup is kept as text (escaped in the HTML part).
    const mail = await t.database.db
      .selectFrom('outbox')
      .select(['recipient', 'body', 'subject'])
      .where('kind', '=', 'submission.comment')
      .orderBy('id')
      .execute();
    const toReviewer = mail.filter((m) => m.recipient === analyst.email);
    const toRfo = mail.filter((m) => m.recipient === rfo.email);
    expect(toReviewer.map((m) => m.body.includes(markup))).toEqual([true]);
    expect(toRfo.map((m) => m.body.includes('Which school?'))).toEqual([true]);
    expect(toRfo[0]?.body).toContain('/rfo/KZ-75/2024-01');
    expect(toReviewer[0]?.body).toContain('/national/review/KZ-75/2024-01');
    // audited
    const trail = (await call(admin, 'GET', '/api/audit?entity=submission_comment')).json();
    expect(trail.some((e: { newValue: string }) => e.newValue === markup)).toBe(true);
  });

  it('refuses a comment of 1 MB, an empty one, and a row of another period, with 400 and nothing kept', async () => {
    const before = (await call(analyst, 'GET', url)).json().length;
    const big = await call(rfo, 'POST', url, { text: 'x'.repeat(1024 * 1024) });
    expect([400, 413]).toContain(big.statusCode);
    expect(big.json().message).toBeTruthy();
    expect(JSON.stringify(big.json().details)).toMatch(/at most 4000 characters/);
    expect((await call(rfo, 'POST', url, { text: '   ' })).statusCode).toBe(400);
    expect((await call(rfo, 'POST', url, {})).statusCode).toBe(400);
    const elsewhere = (await call(rfo, 'GET', '/api/activities?region=KZ-75&period=2024-03')).json().items[0];
    const wrongRow = await call(rfo, 'POST', url, { text: 'this one', activityId: elsewhere.id });
    expect(wrongRow.statusCode).toBe(400);
    expect(wrongRow.json().error).toBe('comment_row_unknown');
    expect((await call(analyst, 'GET', url)).json()).toHaveLength(before);
  });

  it('is for the RFO of the region and the national office only', async () => {
    expect((await call(otherRfo, 'GET', url)).statusCode).toBe(403);
    expect((await call(otherRfo, 'POST', url, { text: 'hello' })).statusCode).toBe(403);
    expect((await call(viewer, 'GET', url)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await call(admin, 'GET', url)).statusCode).toBe(200);
    expect((await call(analyst, 'GET', '/api/submissions/KZ-999/2024-01/comments')).statusCode).toBe(404);
    expect((await call(analyst, 'GET', '/api/submissions/KZ-75/2024-13/comments')).statusCode).toBe(400);
  });

  it('holds the reason of a reopening', async () => {
    const s = (await call(analyst, 'GET', '/api/submissions/KZ-75/2024-01')).json().submission;
    await step(analyst, 'KZ-75', '2024-01', 'reopen', { version: s.version, reason: 'Hours counted twice' });
    const thread = (await call(rfo, 'GET', url)).json();
    expect(thread.at(-1)).toMatchObject({
      kind: 'reopen',
      body: 'Hours counted twice',
      authorId: analyst.userId,
    });
  });
});
