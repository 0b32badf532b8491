// The audit trail as a list people read (issue 10, item 13): without a filter the latest changes,
// newest first and paged; each filter (user, date range, region, period, kind, action) narrows it;
// every entry speaks in names in the language asked for (region, activity title, organisation,
// code-list labels), resolved by the server so that any client shows the same; an RFO officer sees
// only the own region's entries. `birgemiz audit` shows the same list with the same names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;

interface Entry {
  id: number;
  at: string;
  user: string | null;
  userName: string | null;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  region: string | null;
  period: string | null;
  regionName: string | null;
  subject: string | null;
  organization: string | null;
  oldLabel: string | null;
  newLabel: string | null;
}

const req = (who: SignedIn | null, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'POST',
    url,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });
const list = async (query: string, who: SignedIn = admin): Promise<Entry[]> => {
  const res = await req(who, 'GET', `/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.statusCode === 204 ? null : r.json();
};

const activity = (region: string, period: string, over: Record<string, unknown> = {}) => ({
  region,
  period,
  organization: 'Listed NPO',
  organization_type: 'npo',
  title: 'Tree planting',
  area: 'saulyq',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-12`,
  end_date: `${period}-12`,
  volunteers: 8,
  hours: 24,
  ...over,
});

let activityId: number;
let before: string;
const names = { kz75: { ru: '', kk: '' }, kz79: { ru: '' }, saulyqRu: '', offlineRu: '', onlineRu: '' };

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  const db = t.database.db;
  const unit = (code: string) =>
    db.selectFrom('territory_unit').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const code = (list: string, c: string) =>
    db
      .selectFrom('code_list_item')
      .selectAll()
      .where('list', '=', list)
      .where('code', '=', c)
      .executeTakeFirstOrThrow();
  const [u75, u79, saulyq, offline, online] = await Promise.all([
    unit('KZ-75'),
    unit('KZ-79'),
    code('area', 'saulyq'),
    code('format', 'offline'),
    code('format', 'online'),
  ]);
  names.kz75 = { ru: u75.name_ru, kk: u75.name_kk };
  names.kz79 = { ru: u79.name_ru };
  names.saulyqRu = saulyq.name_ru;
  names.offlineRu = offline.name_ru;
  names.onlineRu = online.name_ru;

  const a = await ok(req(rfo, 'POST', '/api/activities', activity('KZ-75', '2023-02')));
  activityId = a.id;
  await ok(req(rfo, 'PATCH', `/api/activities/${a.id}`, { format: 'online', version: a.version }));
  const gone = await ok(req(rfo, 'POST', '/api/activities', activity('KZ-75', '2023-03', { title: 'Gone' })));
  await ok(req(rfo, 'DELETE', `/api/activities/${gone.id}?version=${gone.version}`));
  await ok(req(otherRfo, 'POST', '/api/activities', activity('KZ-79', '2023-02', { title: 'Far away' })));
  await ok(
    req(rfo, 'PUT', '/api/volunteers/KZ-75/2023-H1', {
      updatedAt: null,
      rows: [
        { dimension: 'total', category: '', volunteers: 500 },
        { dimension: 'gender', category: 'female', volunteers: 300 },
        { dimension: 'gender', category: 'male', volunteers: 200 },
      ],
    }),
  );
  // Everything after this instant: the accepted-and-returned month below.
  await new Promise((r) => setTimeout(r, 5));
  before = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  const s = await ok(req(rfo, 'POST', '/api/submissions/KZ-75/2023-02/submit', { version: 1 }));
  await ok(
    req(analyst, 'POST', '/api/submissions/KZ-75/2023-02/return', { version: s.version, comment: 'x' }),
  );
});
afterAll(async () => t.close());

describe('without a filter', () => {
  it('the latest changes come first, paged', async () => {
    const all = await list('');
    expect(all.length).toBeGreaterThanOrEqual(7);
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(all[0]).toMatchObject({ entity: 'submission', newValue: 'returned', user: analyst.email });
    const page2 = await list('limit=2&offset=2');
    expect(page2.map((e) => e.id)).toEqual(ids.slice(2, 4));
    // The history of one thing still reads from its beginning, unless asked otherwise.
    const one = await list(`entity=activity&entityId=${activityId}`);
    expect(one.map((e) => e.action)).toEqual(['create', 'update']);
    const reversed = await list(`entity=activity&entityId=${activityId}&order=newest`);
    expect(reversed.map((e) => e.action)).toEqual(['update', 'create']);
  });
});

describe('each filter narrows', () => {
  it('by user (id, or part of the e-mail)', async () => {
    const byId = await list(`userId=${analyst.userId}`);
    expect(byId.map((e) => e.newValue)).toEqual(['returned']);
    const byText = await list(`user=${encodeURIComponent(otherRfo.email.slice(0, 12).toUpperCase())}`);
    expect(byText.length).toBeGreaterThan(0);
    expect(new Set(byText.map((e) => e.user))).toEqual(new Set([otherRfo.email]));
    expect(await list('user=nobody-at-all')).toEqual([]);
    // LIKE's wildcards are taken literally
    expect(await list('user=%25')).toEqual([]);
  });

  it('by part of a Cyrillic name, in any case, on both databases', async () => {
    // Named in the database (a change through the API would be an entry of its own, newest first).
    const setName = (name: string | null) =>
      t.database.db
        .updateTable('app_user')
        .set({ display_name: name })
        .where('id', '=', analyst.userId)
        .execute();
    await setName('Айгерим Серикова');
    for (const part of ['айгерим', 'СЕРИК', 'Серикова']) {
      const found = await list(`user=${encodeURIComponent(part)}`);
      expect(
        found.map((e) => e.newValue),
        part,
      ).toEqual(['returned']);
    }
    expect(await list(`user=${encodeURIComponent('Жанна')}`)).toEqual([]);
    await setName(null);
  });

  it('by date range', async () => {
    const since = await list(`from=${encodeURIComponent(before)}`);
    expect(since.map((e) => e.entity)).toEqual(['submission', 'submission']);
    const until = await list(`to=${encodeURIComponent(before)}`);
    expect(until.every((e) => e.at < before)).toBe(true);
    expect(until.length + since.length).toBe((await list('')).length);
    expect(await list('from=2000-01-01&to=2000-02-01')).toEqual([]);
  });

  it('by region, period, kind and action', async () => {
    const kz79 = await list('region=KZ-79');
    expect(kz79.length).toBeGreaterThan(0);
    expect(new Set(kz79.map((e) => e.region))).toEqual(new Set(['KZ-79']));
    const march = await list('period=2023-03');
    expect(march.map((e) => e.action)).toEqual(['delete', 'create']);
    const subs = await list('entity=submission');
    expect(new Set(subs.map((e) => e.entity))).toEqual(new Set(['submission']));
    const deletes = await list('action=delete');
    expect(deletes).toHaveLength(1);
    expect(await list('region=KZ-79&period=2023-03')).toEqual([]);
  });
});

describe('names, not ids and codes', () => {
  it('region, activity title, organisation and code-list labels in the language asked for', async () => {
    const ru = await list(`entity=activity&entityId=${activityId}&lang=ru`);
    for (const e of ru)
      expect(e).toMatchObject({
        regionName: names.kz75.ru,
        subject: 'Tree planting',
        organization: 'Listed NPO',
      });
    const update = ru.find((e) => e.action === 'update');
    expect(update).toMatchObject({ field: 'format', oldLabel: names.offlineRu, newLabel: names.onlineRu });
    // the record a creation keeps: its codes and organisation id named
    const created = JSON.parse(ru.find((e) => e.action === 'create')?.newLabel ?? '{}');
    expect(created).toMatchObject({
      organization: 'Listed NPO',
      area: names.saulyqRu,
      title: 'Tree planting',
    });
    expect(created).not.toHaveProperty('organization_id');
    const kk = await list(`entity=activity&entityId=${activityId}&lang=kk`);
    expect(kk[0]?.regionName).toBe(names.kz75.kk);
  });

  it('a volunteer figure by its category', async () => {
    const female = await t.database.db
      .selectFrom('code_list_item')
      .select('name_ru')
      .where('list', '=', 'gender')
      .where('code', '=', 'female')
      .executeTakeFirstOrThrow();
    const stats = await list('entity=volunteer_stat&lang=ru');
    expect(stats.find((e) => e.entityId.endsWith('|female'))?.subject).toBe(female.name_ru);
    expect(stats.find((e) => e.entityId.endsWith('|total|'))?.subject).toBeNull();
  });

  it('a deleted activity is still named by its title', async () => {
    const march = await list('period=2023-03&lang=ru');
    for (const e of march) expect(e).toMatchObject({ subject: 'Gone', organization: 'Listed NPO' });
  });

  it('the overview names every entry it can', async () => {
    const all = await list('lang=ru');
    for (const e of all) if (e.region) expect(e.regionName).toBeTruthy();
    for (const e of all.filter((x) => x.entity === 'activity')) expect(e.subject).toBeTruthy();
    expect(all.find((e) => e.region === 'KZ-79')?.regionName).toBe(names.kz79.ru);
  });

  it('refuses an unknown language or action with 400', async () => {
    expect((await req(admin, 'GET', '/api/audit?lang=de')).statusCode).toBe(400);
    expect((await req(admin, 'GET', '/api/audit?action=explode')).statusCode).toBe(400);
    expect((await req(admin, 'GET', '/api/audit?order=random')).statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('an RFO officer sees only the own region, with names, newest first', async () => {
    const mine = await list('lang=ru', rfo);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((e) => e.region))).toEqual(new Set(['KZ-75']));
    expect(mine.map((e) => e.id)).toEqual(mine.map((e) => e.id).sort((x, y) => y - x));
    expect(await list(`user=${encodeURIComponent(otherRfo.email)}`, rfo)).toEqual([]);
    expect((await req(rfo, 'GET', '/api/audit?region=KZ-79')).statusCode).toBe(403);
  });
});

describe('birgemiz audit', () => {
  const cli = (...args: string[]) => runCli(['audit', ...args], { env: t.database.cliEnv });

  it('answers the same entries with the same names as the API', async () => {
    const api = await list('region=KZ-75&lang=ru&limit=50');
    const out = await cli('--region', 'KZ-75', '--lang', 'ru', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(api);
  });

  it('prints one line an entry, newest first, in names', async () => {
    const out = await cli('--entity', 'activity', '--id', String(activityId), '--lang', 'ru');
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('create'); // one thing's history: oldest first
    expect(lines[1]).toContain(`format: ${names.offlineRu} → ${names.onlineRu}`);
    for (const l of lines) expect(l).toContain(`Tree planting · Listed NPO · ${names.kz75.ru}`);
    const latest = await cli('--limit', '1');
    expect(latest.stdout).toMatch(/status/);
    expect(latest.stdout).toContain(analyst.email);
  });

  it('refuses a malformed filter with the usage', async () => {
    const out = await cli('--period', '2023-13');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/--period/);
    expect(out.stderr).toMatch(/Usage: birgemiz audit/);
  });
});
