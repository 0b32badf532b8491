// The aggregates the reports read are kept up to date by every writer: after a sequence of writes
// through the public surface (records created, replaced, patched across months, excluded and
// deleted over HTTP; stocks saved; files imported and re-imported with a month move; an organiser's
// type corrected), agg_activity, agg_area (with its format and kind splits), agg_excluded and
// agg_rfo_support equal a from-scratch recomputation
// over the raw records, done here in plain TypeScript, and a full rebuild changes nothing. The
// annual report built on them equals the same figures summed from the raw rows.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAllAggregates } from '../src/modules/aggregates/aggregates.service.ts';
import type { AnnualReport } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => t?.close());

const YEAR = 2024;
const COHORTS = ['child', 'inclusive', 'corporate', 'international', 'silver', 'probono'] as const;

type Row = Record<string, string | number>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** An agg_area row: sums, and its splits parsed ({format: {code: [events, volunteers, hours]}, kind}). */
type AreaRow = Record<string, any>;
interface Aggregates {
  activity: Row[];
  area: AreaRow[];
  excluded: Row[];
  support: Row[];
}

/** Every aggregate row, as plain sorted rows with numbers (PostgreSQL gives sums as strings). */
async function stored(): Promise<Aggregates> {
  const db = t.database.db;
  const [a, ar, e, s] = await Promise.all([
    db.selectFrom('agg_activity').selectAll().execute(),
    db.selectFrom('agg_area').selectAll().execute(),
    db.selectFrom('agg_excluded').selectAll().execute(),
    db.selectFrom('agg_rfo_support').selectAll().execute(),
  ]);
  const norm = (rows: object[]) =>
    rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'string' && !/^\d+(\.\d+)?$/.test(v) ? v : r6(num(v)),
          ]),
        ),
      )
      .sort(byKey);
  // agg_area's splits column is JSON {format: {code: [events, volunteers, hours]}, kind: {…}}.
  const area = ar.map(({ splits, ...rest }) => {
    const parsed = JSON.parse(splits) as Record<string, Record<string, number[]>>;
    return {
      ...rest,
      splits: Object.fromEntries(
        Object.entries(parsed).map(([dim, codes]) => [
          dim,
          Object.fromEntries(Object.entries(codes).map(([c, v]) => [c, v.map((x) => r6(num(x)))])),
        ]),
      ),
    };
  });
  return {
    activity: norm(a),
    area: norm(area.map(({ splits, ...rest }) => rest)).map((r) => ({
      ...r,
      splits: area.find((x) => x.region === r.region && x.period === r.period && x.area === r.area)?.splits,
    })),
    excluded: norm(e),
    support: norm(s),
  };
}

const KEYS = ['region', 'period', 'area', 'format', 'kind', 'org_type', 'reason', 'support'];
function byKey(a: AreaRow, b: AreaRow): number {
  for (const k of KEYS) {
    const x = String(a[k] ?? '');
    const y = String(b[k] ?? '');
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The aggregates recomputed from scratch: every raw record read and grouped here, not in SQL. */
async function recomputed(): Promise<Aggregates> {
  const raw = await t.database.db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select('o.type as org_type')
    .execute();
  const activity = new Map<string, Row>();
  const area = new Map<string, AreaRow>();
  const excluded = new Map<string, Row>();
  const support = new Map<string, Row>();
  for (const r of raw) {
    if (r.excluded !== null) {
      const k = [r.region, r.period, r.excluded].join('|');
      const e = excluded.get(k) ?? {
        region: r.region,
        period: r.period,
        reason: r.excluded,
        records: 0,
        volunteers: 0,
        hours: 0,
      };
      e.records = num(e.records) + 1;
      e.volunteers = num(e.volunteers) + num(r.volunteers);
      e.hours = num(e.hours) + num(r.hours);
      excluded.set(k, e);
      continue;
    }
    const k = [r.region, r.period, r.area, r.format, r.kind, r.org_type].join('|');
    const a: Row = activity.get(k) ?? {
      region: r.region,
      period: r.period,
      area: r.area,
      format: r.format,
      kind: r.kind,
      org_type: r.org_type,
      events: 0,
      volunteers: 0,
      hours: 0,
      ...Object.fromEntries(COHORTS.map((c) => [c, 0])),
      general: 0,
      beneficiaries: 0,
    };
    a.events = num(a.events) + 1;
    a.volunteers = num(a.volunteers) + num(r.volunteers);
    a.hours = num(a.hours) + num(r.hours);
    let others = 0;
    for (const c of COHORTS) {
      a[c] = num(a[c]) + num(r[c]);
      others += num(r[c]);
    }
    // A blank "general" is everyone not counted in another cohort (FORMATS.md, activities).
    a.general = num(a.general) + (r.general === null ? num(r.volunteers) - others : num(r.general));
    a.beneficiaries = num(a.beneficiaries) + num(r.beneficiaries);
    activity.set(k, a);
    const ak = [r.region, r.period, r.area].join('|');
    const c: AreaRow = area.get(ak) ?? {
      region: r.region,
      period: r.period,
      area: r.area,
      ...Object.fromEntries(
        ['events', 'volunteers', 'hours', ...COHORTS, 'general', 'beneficiaries'].map((x) => [x, 0]),
      ),
      splits: { format: {}, kind: {} },
    };
    c.events = num(c.events) + 1;
    c.volunteers = num(c.volunteers) + num(r.volunteers);
    c.hours = num(c.hours) + num(r.hours);
    for (const x of COHORTS) c[x] = num(c[x]) + num(r[x]);
    c.general = num(c.general) + (r.general === null ? num(r.volunteers) - others : num(r.general));
    c.beneficiaries = num(c.beneficiaries) + num(r.beneficiaries);
    for (const [dim, code] of [
      ['format', r.format],
      ['kind', r.kind],
    ] as const) {
      const f: number[] = c.splits[dim][code] ?? [0, 0, 0];
      c.splits[dim][code] = [(f[0] ?? 0) + 1, (f[1] ?? 0) + num(r.volunteers), (f[2] ?? 0) + num(r.hours)];
    }
    area.set(ak, c);
    if (r.rfo_support) {
      for (const s of new Set(r.rfo_support.split('|').filter(Boolean))) {
        const sk = [r.region, r.period, s].join('|');
        const x = support.get(sk) ?? { region: r.region, period: r.period, support: s, events: 0 };
        x.events = num(x.events) + 1;
        support.set(sk, x);
      }
    }
  }
  const out = (m: Map<string, Row>) =>
    [...m.values()]
      .map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? r6(v) : v])),
      )
      .sort(byKey);
  const areaRows = [...area.values()]
    .map(({ splits, ...rest }) => ({
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'number' ? r6(v) : v])),
      splits: Object.fromEntries(
        Object.entries(splits).map(([dim, codes]) => [
          dim,
          Object.fromEntries(
            Object.entries(codes as Record<string, number[]>).map(([code, v]) => [code, v.map(r6)]),
          ),
        ]),
      ),
    }))
    .sort(byKey);
  return { activity: out(activity), area: areaRows, excluded: out(excluded), support: out(support) };
}

async function expectAggregatesExact(): Promise<void> {
  const [have, want] = await Promise.all([stored(), recomputed()]);
  expect(have.activity).toEqual(want.activity);
  expect(have.area).toEqual(want.area);
  expect(have.excluded).toEqual(want.excluded);
  expect(have.support).toEqual(want.support);
}

const record = (over: Record<string, unknown> = {}) => ({
  region: 'KZ-75',
  period: `${YEAR}-03`,
  organization: 'Қамқор орталығы',
  organization_type: 'npo',
  title: 'Canteen',
  area: 'qamqor',
  format: 'offline',
  kind: 'ongoing',
  start_date: `${YEAR}-03-01`,
  end_date: `${YEAR}-03-31`,
  volunteers: 20,
  hours: 400,
  child: null,
  general: null,
  ...over,
});

const send = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  who: SignedIn,
  payload?: object,
) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

function multipart(content: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----agg${randomBytes(6).toString('hex')}`;
  return {
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function importActivities(csv: string) {
  const body = multipart(csv);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports/activities',
    headers: { ...admin.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const HEADER =
  'region,period,organization,organization_type,organization_bin,title,area,format,kind,start_date,end_date,volunteers,hours,child,inclusive,corporate,international,silver,probono,general,rfo_support,beneficiaries,excluded,external_id,notes';

const ids: Record<string, { id: number; version: number }> = {};

describe('aggregates after a sequence of writes equal a from-scratch recomputation', () => {
  it('after records are created over HTTP (areas, formats, kinds, cohorts, support, exclusions)', async () => {
    const made: [string, Record<string, unknown>][] = [
      ['canteen', {}],
      [
        'trees',
        {
          organization: 'Жасыл ел',
          organization_type: 'initiative_group',
          title: 'Trees',
          area: 'taza_alem',
          kind: 'event',
          start_date: `${YEAR}-03-05`,
          end_date: `${YEAR}-03-05`,
          volunteers: 12,
          hours: 48.5,
          child: 2,
          silver: 1,
          rfo_support: 'recruiting|printing',
          beneficiaries: 150,
        },
      ],
      [
        'lessons',
        {
          title: 'Online lessons',
          area: 'bilim',
          format: 'online',
          kind: 'event',
          start_date: `${YEAR}-03-12`,
          end_date: `${YEAR}-03-12`,
          volunteers: 5,
          hours: 12,
          child: 0,
          inclusive: 0,
          corporate: 5,
          international: 0,
          silver: 0,
          probono: 0,
          general: 0,
          rfo_support: 'coverage',
        },
      ],
      [
        'training',
        {
          title: 'Training',
          area: 'other_social',
          kind: 'development',
          start_date: `${YEAR}-03-20`,
          end_date: `${YEAR}-03-20`,
          volunteers: 30,
          hours: 90,
          rfo_support: 'organizational|organizational',
        },
      ],
      [
        'promo',
        {
          title: 'Paid promo',
          area: 'media',
          kind: 'event',
          start_date: `${YEAR}-03-21`,
          end_date: `${YEAR}-03-21`,
          volunteers: 3,
          hours: 6,
          excluded: 'commercial',
        },
      ],
      [
        'convoy',
        {
          title: 'Convoy',
          area: 'umit',
          format: 'auto',
          kind: 'event',
          period: `${YEAR}-04`,
          start_date: `${YEAR}-04-02`,
          end_date: `${YEAR}-04-03`,
          volunteers: 8,
          hours: 120,
          rfo_support: 'vehicles',
        },
      ],
    ];
    for (const [name, over] of made) {
      const res = await send('POST', '/api/activities', rfo, record(over));
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      ids[name] = { id: res.json().id, version: res.json().version };
    }
    await expectAggregatesExact();
    expect((await stored()).excluded).toHaveLength(1);
  });

  it('after a record is replaced, moved to another month and area, excluded, and deleted', async () => {
    const get = async (name: string) => (await send('GET', `/api/activities/${ids[name]?.id}`, rfo)).json();
    // PUT: the whole record, new hours and area
    const canteen = await get('canteen');
    const { id: _id, ...body } = canteen;
    let res = await send('PUT', `/api/activities/${canteen.id}`, rfo, {
      ...pick(body),
      hours: 350,
      area: 'sabaqtastyq',
    });
    expect(res.statusCode, res.body).toBe(200);
    // PATCH: moved from March to May (two partitions change at once)
    const trees = await get('trees');
    res = await send('PATCH', `/api/activities/${trees.id}`, rfo, {
      version: trees.version,
      period: `${YEAR}-05`,
      start_date: `${YEAR}-05-05`,
      end_date: `${YEAR}-05-05`,
    });
    expect(res.statusCode, res.body).toBe(200);
    // PATCH: excluded after review, then its support and hours leave the statistics
    const convoy = await get('convoy');
    res = await send('PATCH', `/api/activities/${convoy.id}`, rfo, {
      version: convoy.version,
      excluded: 'paid',
    });
    expect(res.statusCode, res.body).toBe(200);
    // DELETE
    const lessons = await get('lessons');
    res = await send('DELETE', `/api/activities/${lessons.id}?version=${lessons.version}`, rfo);
    expect(res.statusCode, res.body).toBeLessThan(300);
    await expectAggregatesExact();
    const agg = (await stored()).activity;
    expect(agg.some((r) => r.period === `${YEAR}-05` && r.area === 'taza_alem')).toBe(true);
    expect(agg.some((r) => r.area === 'bilim')).toBe(false);
    expect(agg.some((r) => r.area === 'umit')).toBe(false);
  });

  it('after stocks and organisation counts are saved (they do not touch the flow aggregates)', async () => {
    const before = await stored();
    let res = await send('PUT', `/api/volunteers/KZ-75/${YEAR}`, rfo, {
      updatedAt: null,
      rows: [
        { dimension: 'total', category: '', volunteers: 100 },
        { dimension: 'gender', category: 'male', volunteers: 40 },
        { dimension: 'gender', category: 'female', volunteers: 60 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await send('PUT', `/api/org-counts/KZ-75/${YEAR}`, rfo, {
      npo: 3,
      initiativeGroups: null,
      updatedAt: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored()).toEqual(before);
    await expectAggregatesExact();
  });

  it('after an import, and a re-import that changes hours and moves a row to another month', async () => {
    const rows = (hours: number, period: string) => [
      `KZ-79,${YEAR}-03,Shymkent Jastary,initiative_group,,Cleanup,taza_alem,offline,event,${YEAR}-03-10,${YEAR}-03-10,10,40,,,,,,,,recruiting,,,SHY-1,`,
      `KZ-79,${period},Shymkent Jastary,initiative_group,,Shelter,ayala,offline,ongoing,${period}-01,${period}-28,4,${hours},,,,,4,,,,,,SHY-2,`,
      `KZ-79,${YEAR}-03,Shymkent Jastary,initiative_group,,Concert,culture_art,offline,event,${YEAR}-03-15,${YEAR}-03-15,6,18,,,,,,,,,,spectators,SHY-3,`,
    ];
    await importActivities([HEADER, ...rows(80, `${YEAR}-03`)].join('\n'));
    await expectAggregatesExact();
    await importActivities([HEADER, ...rows(96, `${YEAR}-04`)].join('\n'));
    await expectAggregatesExact();
    const agg = (await stored()).activity.filter((r) => r.region === 'KZ-79');
    expect(agg.find((r) => r.area === 'ayala')).toMatchObject({ period: `${YEAR}-04`, hours: 96, silver: 4 });
    expect(agg.some((r) => r.area === 'ayala' && r.period === `${YEAR}-03`)).toBe(false);
  });

  it("after an organiser's type is corrected (the org_type column of its months)", async () => {
    const org = await t.database.db
      .selectFrom('organization')
      .select(['id', 'version'])
      .where('name', '=', 'Shymkent Jastary')
      .executeTakeFirstOrThrow();
    const res = await send('PATCH', `/api/organizations/${org.id}`, admin, {
      version: Number(org.version),
      type: 'npo',
    });
    expect(res.statusCode, res.body).toBe(200);
    await expectAggregatesExact();
    expect(
      (await stored()).activity.filter((r) => r.region === 'KZ-79').every((r) => r.org_type === 'npo'),
    ).toBe(true);
  });

  it('the check itself notices a write that bypassed the aggregates', async () => {
    const db = t.database.db;
    const one = await db
      .selectFrom('activity')
      .select(['id', 'hours'])
      .where('excluded', 'is', null)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('activity')
      .set({ hours: Number(one.hours) + 1 })
      .where('id', '=', one.id)
      .execute();
    const [have, want] = await Promise.all([stored(), recomputed()]);
    expect(have.activity).not.toEqual(want.activity);
    expect(have.area).not.toEqual(want.area);
    await db
      .updateTable('activity')
      .set({ hours: Number(one.hours) })
      .where('id', '=', one.id)
      .execute();
    await expectAggregatesExact();
  });

  it('a full rebuild from the raw records changes nothing', async () => {
    const before = await stored();
    await t.database.db.transaction().execute((trx) => rebuildAllAggregates(trx));
    expect(await stored()).toEqual(before);
  });

  it('the annual report on the aggregates equals the raw records summed, once the months are accepted', async () => {
    const partitions = await t.database.db
      .selectFrom('activity')
      .select(['region', 'period'])
      .distinct()
      .execute();
    for (const p of partitions) {
      const sub = await send('POST', `/api/submissions/${p.region}/${p.period}/submit`, admin, {
        version: 1,
        confirmWarnings: true,
      });
      expect(sub.statusCode, sub.body).toBe(200);
      const acc = await send('POST', `/api/submissions/${p.region}/${p.period}/accept`, admin, {
        version: sub.json().version,
      });
      expect(acc.statusCode, acc.body).toBe(200);
    }
    const res = await t.app.inject(`/api/reports/annual/${YEAR}`);
    expect(res.statusCode).toBe(200);
    const r = res.json() as AnnualReport;
    const raw = await t.database.db
      .selectFrom('activity')
      .selectAll()
      .where('excluded', 'is', null)
      .execute();
    const hours = raw.reduce((s, x) => s + Number(x.hours), 0);
    expect(r.totals.hours).toBeCloseTo(hours, 6);
    expect(r.totals.events).toBe(raw.length);
    const byArea = new Map<string, number>();
    for (const x of raw) byArea.set(x.area, (byArea.get(x.area) ?? 0) + Number(x.hours));
    for (const a of r.hoursByArea) expect(a.hours, a.area).toBeCloseTo(byArea.get(a.area) ?? 0, 6);
    expect(r.regions.find((x) => x.region === 'KZ-79')?.hours).toBeCloseTo(
      raw.filter((x) => x.region === 'KZ-79').reduce((s, x) => s + Number(x.hours), 0),
      6,
    );
    expect(r.dataQuality.excluded.map((e) => [e.reason, e.records]).sort()).toEqual([
      ['commercial', 1],
      ['paid', 1],
      ['spectators', 1],
    ]);
  });
});

/** The writable fields of a record read back (the PUT body). */
function pick(rec: Record<string, unknown>): Record<string, unknown> {
  const drop = new Set([
    'id',
    'organization_id',
    'created_at',
    'updated_at',
    'import_id',
    'row_key',
    'illustrative',
  ]);
  return Object.fromEntries(Object.entries(rec).filter(([k]) => !drop.has(k)));
}
