// The audit trail: every kind of change leaves who, when, old and new value; GET /api/audit filters
// by entity, id, region, period and time; RFO staff see their own region's entries only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;

interface Entry {
  id: number;
  at: string;
  user: string | null;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  region: string | null;
  period: string | null;
}

const req = (who: SignedIn | null, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'POST',
    url,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });
const trail = async (query: string, who: SignedIn = admin): Promise<Entry[]> => {
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
  organization: 'Audit NPO',
  organization_type: 'npo',
  title: 'Blood donation day',
  area: 'saulyq',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-12`,
  end_date: `${period}-12`,
  volunteers: 8,
  hours: 24,
  ...over,
});

let started: string;
let activityId: number;
let deletedId: number;
let submissionId: number;
let orgId: number;
let userId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
  started = new Date().toISOString();

  // One change of every kind.
  const a = await ok(req(rfo, 'POST', '/api/activities', activity('KZ-75', '2023-02')));
  activityId = a.id;
  await ok(req(rfo, 'PATCH', `/api/activities/${a.id}`, { hours: 30, volunteers: 10, version: a.version }));
  const gone = await ok(
    req(rfo, 'POST', '/api/activities', activity('KZ-75', '2023-02', { title: 'Mistake' })),
  );
  deletedId = gone.id;
  await ok(req(rfo, 'DELETE', `/api/activities/${gone.id}?version=${gone.version}`));
  await ok(req(otherRfo, 'POST', '/api/activities', activity('KZ-79', '2023-02')));
  await ok(
    req(rfo, 'PUT', '/api/volunteers/KZ-75/2023-H1', {
      updatedAt: null,
      rows: [{ dimension: 'total', category: '', volunteers: 500 }],
    }),
  );
  await ok(
    req(rfo, 'PUT', '/api/org-counts/KZ-75/2023', { npo: 12, initiativeGroups: null, updatedAt: null }),
  );
  const s = await ok(req(rfo, 'POST', '/api/submissions/KZ-75/2023-02/submit', { version: 1 }));
  submissionId = s.id;
  await ok(
    req(analyst, 'POST', '/api/submissions/KZ-75/2023-02/return', {
      version: s.version,
      comment: 'Check hours',
    }),
  );
  const org = await ok(
    req(rfo, 'POST', '/api/organizations', {
      name: 'Audited group',
      type: 'initiative_group',
      region: 'KZ-75',
    }),
  );
  orgId = org.id;
  await ok(
    req(admin, 'PUT', '/api/reference/code-lists/area/media', {
      nameKk: 'Медиа',
      nameRu: 'Медиа',
      nameEn: 'Media work',
    }),
  );
  const u = await ok(
    req(admin, 'POST', '/api/users', {
      email: 'audited@test.kz',
      password: 'long-enough-password',
      role: 'viewer',
    }),
  );
  userId = u.id;
  await ok(req(admin, 'PATCH', `/api/users/${u.id}`, { displayName: 'Audited Person' }));
});
afterAll(async () => t.close());

describe('every change leaves who, when, old and new', () => {
  it('activities: creation (snapshot), each changed field, deletion (snapshot)', async () => {
    const e = await trail(`entity=activity&entityId=${activityId}`);
    expect(e.map((x) => [x.action, x.field, x.oldValue, x.newValue, x.user, x.region, x.period])).toEqual([
      ['create', null, null, expect.stringContaining('"hours":24'), rfo.email, 'KZ-75', '2023-02'],
      ['update', 'volunteers', '8', '10', rfo.email, 'KZ-75', '2023-02'],
      ['update', 'hours', '24', '30', rfo.email, 'KZ-75', '2023-02'],
    ]);
    for (const x of e) expect(Date.parse(x.at)).toBeGreaterThanOrEqual(Date.parse(started));
    const d = await trail(`entity=activity&entityId=${deletedId}`);
    expect(d.map((x) => x.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(d[1]?.oldValue ?? '{}')).toMatchObject({ title: 'Mistake', region: 'KZ-75' });
    expect(d[1]?.newValue).toBeNull();
  });

  it('stocks: each figure, with null as no value', async () => {
    const v = await trail('entity=volunteer_stat&entityId=KZ-75|2023-H1|total|');
    expect(v).toEqual([
      expect.objectContaining({
        action: 'create',
        oldValue: null,
        newValue: '500',
        user: rfo.email,
        period: '2023-H1',
      }),
    ]);
    const o = await trail('entity=org_count&entityId=KZ-75|2023');
    expect(o.map((x) => [x.field, x.oldValue, x.newValue])).toEqual([['npo', null, '12']]);
  });

  it('workflow transitions, with the return comment', async () => {
    const e = await trail(`entity=submission&entityId=${submissionId}`);
    expect(e.map((x) => [x.user, x.oldValue, x.newValue, x.note])).toEqual([
      [rfo.email, 'draft', 'submitted', null],
      [analyst.email, 'submitted', 'returned', 'Check hours'],
    ]);
  });

  it('organisations, reference data and accounts (never a password)', async () => {
    expect(await trail(`entity=organization&entityId=${orgId}`)).toEqual([
      expect.objectContaining({ action: 'create', user: rfo.email, region: 'KZ-75' }),
    ]);
    const names = await trail('entity=code_list_item&entityId=area:media');
    expect(names.find((x) => x.field === 'name_en')).toMatchObject({
      oldValue: 'Media volunteering',
      newValue: 'Media work',
      user: admin.email,
      region: null,
    });
    const u = await trail(`entity=app_user&entityId=${userId}`);
    expect(u.map((x) => [x.action, x.field, x.newValue?.includes('password') ?? false])).toEqual([
      ['create', null, false],
      ['update', 'display_name', false],
    ]);
    expect(u[1]).toMatchObject({ oldValue: null, newValue: 'Audited Person', region: null });
  });
});

describe('filters', () => {
  it('by region and period (a year takes its months and halves)', async () => {
    const kz75 = await trail('region=KZ-75');
    expect(new Set(kz75.map((x) => x.region))).toEqual(new Set(['KZ-75']));
    expect(new Set(kz75.map((x) => x.entity))).toEqual(
      new Set(['activity', 'volunteer_stat', 'org_count', 'submission', 'organization']),
    );
    const feb = await trail('region=KZ-75&period=2023-02');
    expect(new Set(feb.map((x) => x.entity))).toEqual(new Set(['activity', 'submission']));
    const year = await trail('period=2023');
    expect(new Set(year.map((x) => x.period))).toEqual(new Set(['2023-02', '2023-H1', '2023']));
    expect(year.some((x) => x.region === 'KZ-79')).toBe(true);
  });

  it('by time, user, entity; paged', async () => {
    expect(await trail('from=2000-01-01&to=2001-01-01')).toEqual([]);
    const since = await trail(`from=${encodeURIComponent(started)}`);
    expect(since.length).toBeGreaterThan(10);
    const byAnalyst = await trail(`userId=${analyst.userId}`);
    expect(byAnalyst.map((x) => x.newValue)).toEqual(['returned']);
    const acts = await trail('entity=activity');
    expect(new Set(acts.map((x) => x.entity))).toEqual(new Set(['activity']));
    const page = await trail('limit=2&offset=1');
    expect(page.map((x) => x.id)).toEqual(since.slice(1, 3).map((x) => x.id));
  });

  it('refuses malformed filters with 400', async () => {
    for (const q of [
      'region=Almaty',
      'period=2023-13',
      'from=yesterday',
      'limit=0',
      'userId=-1',
      'entity=',
    ]) {
      const res = await req(admin, 'GET', `/api/audit?${q}`);
      expect([q, res.statusCode]).toEqual([q, 400]);
      expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });
});

describe('who may read it', () => {
  it('RFO staff see their own region only: no other region, no national entries', async () => {
    const all = await trail('', rfo);
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((x) => x.region))).toEqual(new Set(['KZ-75']));
    // the trail of a single entity of their region, as before
    expect((await trail(`entity=activity&entityId=${activityId}`, rfo)).length).toBe(3);
    // another region's entity: nothing to see
    expect(await trail(`entity=activity&entityId=${activityId}`, otherRfo)).toEqual([]);
    expect((await req(otherRfo, 'GET', '/api/audit?region=KZ-75')).statusCode).toBe(403);
    expect(await trail(`entity=app_user&entityId=${userId}`, rfo)).toEqual([]);
  });

  it('national staff read everything; viewers 403; anonymous 401', async () => {
    expect((await trail('entity=app_user', analyst)).length).toBeGreaterThan(0);
    expect((await req(viewer, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await req(null, 'GET', '/api/audit')).statusCode).toBe(401);
  });
});

describe('migration of an older trail', () => {
  it('fills region and period of entries written before the columns existed', async () => {
    const { migrateTo } = await import('../src/db/migrate.ts');
    const { createTestDatabase } = await import('./helpers/db.ts');
    const database = await createTestDatabase();
    try {
      // Through migrateTo, which holds the database-wide migration lock on PostgreSQL: dropping a
      // column while another file migrates its own schema would break that file's catalogue scan.
      await migrateTo(database, '2026-11-22-002-reference');
      const db = database.db as unknown as import('kysely').Kysely<any>;
      const now = new Date().toISOString();
      const { id: orgId } = await db
        .insertInto('organization')
        .values({ name: 'Old NPO', name_key: 'old npo', type: 'npo', region: 'KZ-71', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: subId } = await db
        .insertInto('submission')
        .values({
          region: 'KZ-71',
          period: '2022-05',
          status: 'submitted',
          version: 2,
          deadline: '2022-06-05',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const entry = (entity: string, entityId: string, oldValue: string | null = null) => ({
        at: now,
        user_id: null,
        action: 'update',
        entity,
        entity_id: entityId,
        field: null,
        old_value: oldValue,
        new_value: null,
        note: null,
      });
      await db
        .insertInto('audit_log')
        .values([
          entry('volunteer_stat', 'KZ-71|2022-H1|total|'),
          entry('org_count', 'KZ-71|2022'),
          entry('submission', String(subId)),
          entry('organization', String(orgId)),
          entry('activity', '999', JSON.stringify({ region: 'KZ-71', period: '2022-04', title: 'Deleted' })),
          entry('app_user', '1'),
        ])
        .execute();
      expect(await migrateTo(database)).toContain('2026-11-23-003-audit-scope');
      const rows = await database.db
        .selectFrom('audit_log')
        .select(['entity', 'region', 'period'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { entity: 'volunteer_stat', region: 'KZ-71', period: '2022-H1' },
        { entity: 'org_count', region: 'KZ-71', period: '2022' },
        { entity: 'submission', region: 'KZ-71', period: '2022-05' },
        { entity: 'organization', region: 'KZ-71', period: null },
        { entity: 'activity', region: 'KZ-71', period: '2022-04' },
        { entity: 'app_user', region: null, period: null },
      ]);
      const org = await database.db.selectFrom('organization').select('version').executeTakeFirstOrThrow();
      expect(Number(org.version)).toBe(1);
    } finally {
      await database.close();
    }
  });
});
