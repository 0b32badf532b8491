// Reports on small hand-made data: missing and partial data, zero denominators, missing wages and
// population, provisional data; and the aggregates checked equal to a from-scratch recomputation.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection.ts';
import { refreshAggregates } from '../src/modules/aggregates/aggregates.service.ts';
import type { AnnualReport } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
const now = '2030-01-01T00:00:00.000Z';

async function org(db: Database['db'], region: string, type: string, name: string): Promise<number> {
  const row = await db
    .insertInto('organization')
    .values({ name, name_key: name.toLowerCase(), type, bin: null, region, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function submission(
  db: Database['db'],
  region: string,
  period: string,
  status: string,
  submittedAt: string | null = null,
) {
  await db
    .insertInto('submission')
    .values({
      region,
      period,
      status: status as 'accepted',
      version: 1,
      deadline: period.length === 7 ? `${period}-28` : `${period.slice(0, 4)}-12-31`,
      submitted_at:
        submittedAt ?? (status === 'draft' ? null : `${period.slice(0, 7).padEnd(7, '-01')}-05T10:00:00Z`),
      submitted_by: null,
      reviewed_at: null,
      reviewed_by: null,
      return_comment: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

let seq = 0;
interface Act {
  region: string;
  period: string;
  orgId: number;
  area: string;
  format?: string;
  kind?: string;
  volunteers: number;
  hours: number;
  excluded?: string | null;
  support?: string | null;
  child?: number | null;
  general?: number | null;
}

/** Inserts activity records the way every writer must: raw rows and their partitions' aggregates in one transaction. */
async function activities(database: Database, acts: Act[]) {
  await database.db.transaction().execute(async (trx) => {
    for (const a of acts) {
      seq++;
      await trx
        .insertInto('activity')
        .values({
          region: a.region,
          period: a.period,
          organization_id: a.orgId,
          title: `Activity ${seq}`,
          area: a.area,
          format: a.format ?? 'offline',
          kind: a.kind ?? 'event',
          start_date: `${a.period}-02`,
          end_date: `${a.period}-02`,
          volunteers: a.volunteers,
          hours: a.hours,
          child: a.child ?? null,
          inclusive: null,
          corporate: null,
          international: null,
          silver: null,
          probono: null,
          general: a.general ?? null,
          rfo_support: a.support ?? null,
          beneficiaries: 3,
          excluded: a.excluded ?? null,
          external_id: null,
          row_key: `k${seq}`,
          notes: null,
          import_id: null,
          illustrative: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await refreshAggregates(
      trx,
      acts.map((a) => ({ region: a.region, period: a.period })),
    );
  });
}

async function stocks(
  db: Database['db'],
  region: string,
  period: string,
  total: number | null,
  male?: number,
  female?: number,
) {
  const rows = [{ dimension: 'total', category: '', volunteers: total }];
  if (male !== undefined) rows.push({ dimension: 'gender', category: 'male', volunteers: male });
  if (female !== undefined) rows.push({ dimension: 'gender', category: 'female', volunteers: female });
  await db
    .insertInto('volunteer_stat')
    .values(rows.map((r) => ({ ...r, region, period, illustrative: 0, updated_at: now })))
    .execute();
}

function assertFinite(text: string) {
  expect(text).not.toMatch(/NaN|Infinity/);
  const walk = (v: unknown) => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(JSON.parse(text));
}

async function annual(year: number, query = '', headers: Record<string, string> = {}): Promise<AnnualReport> {
  const res = await t.app.inject({ url: `/api/reports/annual/${year}${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  assertFinite(res.body);
  return res.json() as AnnualReport;
}

let o11: number;
let o15: number;
let o47: number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  o11 = await org(db, 'KZ-11', 'npo', 'Akmola helpers');
  o15 = await org(db, 'KZ-15', 'initiative_group', 'Aktobe group');
  o47 = await org(db, 'KZ-47', 'npo', 'Mangystau NPO');
  // 2031: Akmola reports Jan–Feb (accepted) and March (submitted only); Aktobe reports January with
  // no activities at all; the other regions report nothing.
  for (const p of ['2031-01', '2031-02']) await submission(db, 'KZ-11', p, 'accepted');
  await submission(db, 'KZ-11', '2031-03', 'submitted');
  await submission(db, 'KZ-15', '2031-01', 'accepted');
  await activities(t.database, [
    {
      region: 'KZ-11',
      period: '2031-01',
      orgId: o11,
      area: 'umit',
      volunteers: 10,
      hours: 40,
      support: 'recruiting|coverage',
      child: 4,
    },
    {
      region: 'KZ-11',
      period: '2031-01',
      orgId: o11,
      area: 'qamqor',
      format: 'online',
      volunteers: 5,
      hours: 10,
    },
    {
      region: 'KZ-11',
      period: '2031-02',
      orgId: o11,
      area: 'umit',
      volunteers: 8,
      hours: 24,
      kind: 'development',
    },
    {
      region: 'KZ-11',
      period: '2031-02',
      orgId: o11,
      area: 'umit',
      volunteers: 3,
      hours: 9,
      excluded: 'paid',
    },
    { region: 'KZ-11', period: '2031-03', orgId: o11, area: 'bilim', volunteers: 7, hours: 700 },
  ]);
  // Stocks of the year: Akmola gives a total and gender; Aktobe reports 0 volunteers (a real zero).
  await submission(db, 'KZ-11', '2031', 'accepted');
  await submission(db, 'KZ-15', '2031', 'accepted');
  await stocks(db, 'KZ-11', '2031', 100, 40, 60);
  await stocks(db, 'KZ-15', '2031', 0, 0, 0);
  await db
    .insertInto('org_count')
    .values([
      { region: 'KZ-11', period: '2031', npo: 3, initiative_groups: 1, illustrative: 0, updated_at: now },
      { region: 'KZ-15', period: '2031', npo: 0, initiative_groups: 0, illustrative: 0, updated_at: now },
    ])
    .execute();
  // 2031 reference data: a national wage and one regional wage; no population for Aktobe.
  await db
    .insertInto('working_time')
    .values({
      year: 2031,
      monthly_hours: 164,
      annual_hours: 1968,
      source: 'test',
      fte_hours: null,
      fte_source: null,
    })
    .execute();
  await db
    .insertInto('wage')
    .values([
      { region: '', activity: '', year: 2031, monthly_wage_kzt: 400_000, source: 'test national' },
      { region: 'KZ-11', activity: '', year: 2031, monthly_wage_kzt: 328_000, source: 'test Akmola' },
    ])
    .execute();
  await db
    .insertInto('population')
    .values({ region: 'KZ-11', year: 2031, population: 800_000, source: 'test' })
    .execute();
}, 60_000);
afterAll(async () => t?.close());

describe('a year with no data', () => {
  it('still renders, says what is missing, and shows null rather than zero', async () => {
    const r = await annual(2040);
    expect(r.totals.hours).toBeNull();
    expect(r.totals.volunteers).toBeNull();
    expect(r.totals.events).toBeNull();
    expect(r.totals.missingRegions.hours).toHaveLength(20);
    expect(r.hoursByArea).toEqual([]);
    expect(r.sections).toHaveLength(15);
    expect(r.sections.find((s) => s.key === 'hoursByArea')?.available).toBe(false);
    // No platform record either: the impact section says so, its figures null, never 0.
    expect(r.sections.find((s) => s.key === 'impact')?.available).toBe(false);
    expect(r.impact.national.retention).toEqual({ value: null, n: 0, of: 0 });
    expect(r.sections.find((s) => s.key === 'hoursByArea')?.reason).toMatch(/no accepted data/i);
    expect(r.economic.valueKzt).toBeNull();
    expect(r.economic.fte).toBeNull();
    expect(r.notes.some((n) => n.code === 'no_data')).toBe(true);
    expect(r.regions.every((x) => x.hours === null && x.volunteersShare === null)).toBe(true);
  });
  it('answers 400 for a period that is not one', async () => {
    for (const url of [
      '/api/reports/annual/20x2',
      '/api/reports/half-year/2031-H3',
      '/api/reports/monthly/2031-13',
      '/api/reports/annual/2031?map=2020',
      '/api/reports/annual/2031?lang=de',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toBeTruthy();
    }
    expect((await t.app.inject('/api/reports/monthly/2031-01?region=KZ-00')).statusCode).toBe(404);
  });
});

describe('partial data', () => {
  it('counts accepted months only and lists regions without submissions', async () => {
    const r = await annual(2031);
    expect(r.totals.hours).toBe(74); // 40 + 10 + 24; the excluded row and the submitted March are left out
    expect(r.totals.events).toBe(3);
    expect(r.totals.missingRegions.hours).not.toContain('KZ-11');
    expect(r.totals.missingRegions.hours).not.toContain('KZ-15');
    expect(r.totals.missingRegions.hours).toContain('KZ-47');
    const aktobe = r.regions.find((x) => x.region === 'KZ-15');
    expect(aktobe?.hours).toBe(0); // reported, nothing happened: a real zero
    expect(r.regions.find((x) => x.region === 'KZ-47')?.hours).toBeNull(); // not reported: null
    expect(r.provisional).toBe(false);
    expect(r.provisionalPartitions).toEqual([]);
    expect(r.hoursByArea.find((a) => a.area === 'umit')?.share).toBe(share(64, 74));
    expect(r.development.events).toBe(1);
    expect(r.dataQuality.excluded).toEqual([
      { reason: 'paid', name: expect.any(String), records: 1, volunteers: 3, hours: 9 },
    ]);
    expect(r.rfoSupport.types.find((x) => x.support === 'recruiting')?.events).toBe(1);
    expect(r.rfoSupport.byRegion.find((x) => x.region === 'KZ-11')?.level).toBe('one_time');
  });

  it('handles zero denominators with null shares and a note', async () => {
    const r = await annual(2031);
    const aktobe = r.regions.find((x) => x.region === 'KZ-15');
    expect(aktobe?.volunteers).toBe(0);
    expect(aktobe?.gender.male).toBeNull();
    expect(aktobe?.genderPrevailing).toBeNull();
    expect(aktobe?.npoShareInRegion).toBeNull();
    expect(aktobe?.orgPrevailing).toBeNull();
    expect(aktobe?.hoursPerVolunteer).toBeNull();
    expect(r.representation.some((c) => c.region === 'KZ-15')).toBe(false); // no events: no shares
    const akmola = r.regions.find((x) => x.region === 'KZ-11');
    expect(akmola?.gender).toEqual({ male: 40, female: 60 });
    expect(akmola?.volunteersChange).toBeNull(); // no 2030 figure
    expect(r.totals.volunteersChange).toBeNull();
  });

  it('values hours with the national wage where a region has none, and says so', async () => {
    const r = await annual(2031);
    const e = r.economic;
    expect(e.hours).toBe(74);
    expect(e.unaccountedHours).toBeNull();
    expect(e.annualHoursNorm).toBe(1968); // no fte_hours: the annual balance
    expect(e.fte).toBe(0);
    const akmola = e.valuations[0]?.byRegion.find((x) => x.region === 'KZ-11');
    expect(akmola?.hourlyWageKzt).toBe(2000); // 328,000 × 12 ÷ 1,968
    expect(akmola?.valueKzt).toBe(148_000);
    expect(e.missingRegions.wage).toEqual([]); // Aktobe has no hours to value
    expect(e.wageTable.map((w) => w.source)).toContain('test Akmola');
    // Population: only Akmola's is known, and Aktobe is listed as missing
    expect(r.totals.missingRegions.population).toContain('KZ-15');
    expect(r.totals.populationShare).toBe(share(100, 800_000));
  });

  it('values by type of economic activity where the wage table has activity rows, and gives the range', async () => {
    const db = t.database.db;
    // umit → public administration ('O'), qamqor → health and social work ('Q'); other areas unmapped.
    const attrs = async (code: string, activity: string | null) =>
      db
        .updateTable('code_list_item')
        .set({ attrs: activity ? JSON.stringify({ activity }) : null })
        .where('list', '=', 'area')
        .where('code', '=', code)
        .execute();
    await attrs('umit', 'O');
    await attrs('qamqor', 'Q');
    await db
      .insertInto('wage')
      .values([
        { region: '', activity: 'O', year: 2031, monthly_wage_kzt: 246_000, source: 'test O' },
        { region: '', activity: 'Q', year: 2031, monthly_wage_kzt: 164_000, source: 'test Q' },
      ])
      .execute();
    try {
      const r = await annual(2031);
      const act = r.economic.valuations.find((v) => v.key === 'activity');
      expect(act).toBeDefined();
      // umit 64 h × (246,000 × 12 ÷ 1,968 = 1,500) + qamqor 10 h × 1,000
      expect(act?.rfoValueKzt).toBe(64 * 1500 + 10 * 1000);
      expect(act?.byArea.find((a) => a.area === 'umit')?.activity).toBe('O');
      const regional = r.economic.valuations.find((v) => v.key === 'regional')?.totalValueKzt as number;
      expect(r.economic.valueRangeKzt).toEqual([Math.min(106_000, regional), Math.max(106_000, regional)]);
      expect(r.economic.reportRange).toMatch(/type-of-activity/);
      expect(r.economic.wageTable.map((w) => w.activity)).toEqual(expect.arrayContaining(['O', 'Q']));
    } finally {
      await attrs('umit', null);
      await attrs('qamqor', null);
      await db.deleteFrom('wage').where('year', '=', 2031).where('activity', '!=', '').execute();
    }
  });

  it('values nothing without a working-time balance and without any wage, and says why', async () => {
    const db = t.database.db;
    await db.deleteFrom('wage').where('year', '=', 2031).where('region', '=', 'KZ-11').execute();
    let r = await annual(2031);
    expect(r.economic.missingRegions.wage).toEqual(['KZ-11']);
    expect(r.economic.assumptions.join(' ')).toMatch(/national average/);
    await db.deleteFrom('wage').where('year', '=', 2031).execute();
    await db.deleteFrom('working_time').where('year', '=', 2031).execute();
    r = await annual(2031);
    expect(r.economic.valueKzt).toBeNull();
    expect(r.economic.fte).toBeNull();
    expect(r.economic.valueRangeKzt).toBeNull();
    expect(r.sections.find((s) => s.key === 'economic')?.available).toBe(false);
    expect(r.economic.assumptions.join(' ')).toMatch(/working-time/);
  });

  it('includes submitted data only when provisional, and lists it, for staff only', async () => {
    const analyst = await signIn(t, 'national_analyst');
    const r = await annual(2031, '?provisional=true', analyst.headers);
    expect(r.provisional).toBe(true);
    expect(r.totals.hours).toBe(774);
    expect(r.provisionalPartitions).toEqual([{ region: 'KZ-11', period: '2031-03', status: 'submitted' }]);
    expect(r.notes.some((n) => n.code === 'provisional')).toBe(true);
  });

  it('reports a half-year with only some months and no half-year stock', async () => {
    const res = await t.app.inject('/api/reports/half-year/2031-H1');
    expect(res.statusCode).toBe(200);
    assertFinite(res.body);
    const h = res.json();
    expect(h.monthsWithData).toEqual(['2031-01', '2031-02']);
    expect(h.missingMonths).toEqual(['2031-03', '2031-04', '2031-05', '2031-06']);
    expect(h.totals.hours).toBe(74);
    expect(h.totals.volunteers).toBeNull(); // stocks are never summed from months
    expect(h.notes.map((n: { code: string }) => n.code)).toEqual(
      expect.arrayContaining(['no_stock', 'partial_months']),
    );
    expect(h.monthly.find((m: { period: string }) => m.period === '2031-04').hours).toBeNull();
    const empty = (await t.app.inject('/api/reports/half-year/2031-H2')).json();
    expect(empty.totals.hours).toBeNull();
    expect(empty.hoursByArea).toEqual([]);
  });

  it('reports a month with year-to-date figures, null where a region did not report', async () => {
    const res = await t.app.inject('/api/reports/monthly/2031-02');
    expect(res.statusCode).toBe(200);
    assertFinite(res.body);
    const m = res.json();
    expect(m.national.month.hours).toBe(24);
    expect(m.national.ytd.hours).toBe(74);
    expect(m.regions.find((x: { region: string }) => x.region === 'KZ-15').month.hours).toBeNull();
    expect(m.regions.find((x: { region: string }) => x.region === 'KZ-15').ytd.hours).toBe(0);
    expect(m.missingRegions.month).toContain('KZ-15');
  });

  it('builds the dashboard with the years that have data', async () => {
    const d = (await t.app.inject('/api/dashboard?year=2031&region=KZ-11')).json();
    expect(d.years).toContain(2031);
    expect(d.key.hours).toBe(74);
    expect(d.key.volunteers).toBe(100);
    expect(d.key.femaleShare).toBe(60);
    expect(d.monthly[2].hours).toBeNull();
    const empty = await t.app.inject('/api/dashboard?year=2045');
    expect(empty.statusCode).toBe(200);
    assertFinite(empty.body);
    expect(empty.json().key.hours).toBeNull();
  });

  it('flags an outlier month by the modified z-score of hours per volunteer', async () => {
    const db = t.database.db;
    const months = ['2032-01', '2032-02', '2032-03', '2032-04', '2032-05', '2032-06'];
    for (const p of months) await submission(db, 'KZ-47', p, 'accepted');
    await activities(
      t.database,
      months.map((p, i) => ({
        region: 'KZ-47',
        period: p,
        orgId: o47,
        area: 'umit',
        volunteers: 10,
        hours: i === 5 ? 500 : 30 + i,
      })),
    );
    const q = (await t.app.inject('/api/reports/data-quality/2032')).json();
    expect(q.outliers).toHaveLength(1);
    expect(q.outliers[0]).toMatchObject({ region: 'KZ-47', period: '2032-06', hoursPerVolunteer: 50 });
    expect(Math.abs(q.outliers[0].modifiedZ)).toBeGreaterThan(3.5);
    const r47 = q.regions.find((x: { region: string }) => x.region === 'KZ-47');
    expect(r47.submittedMonths).toBe(6);
    expect(r47.completeness).toBe(50);
    expect(r47.coverage).toBe(100);
  });
});

const share = (a: number, b: number) => Math.round((a / b) * 10000) / 100;

describe('aggregates equal a from-scratch recomputation', () => {
  it('agg_activity, agg_excluded and agg_rfo_support match GROUP BY over the raw records', async () => {
    const db = t.database.db;
    // More writes through the aggregates service: another region, all formats, kinds and cohorts.
    await activities(t.database, [
      {
        region: 'KZ-15',
        period: '2031-05',
        orgId: o15,
        area: 'ayala',
        format: 'auto',
        volunteers: 6,
        hours: 12,
        child: 2,
        general: 4,
        support: 'vehicles',
      },
      {
        region: 'KZ-15',
        period: '2031-05',
        orgId: o15,
        area: 'ayala',
        format: 'auto',
        volunteers: 4,
        hours: 8,
        support: 'vehicles|vehicles',
      },
      {
        region: 'KZ-15',
        period: '2031-05',
        orgId: o15,
        area: 'media',
        kind: 'ongoing',
        volunteers: 2,
        hours: 30,
        excluded: 'commercial',
      },
    ]);
    const agg = await db
      .selectFrom('agg_activity')
      .selectAll()
      .orderBy('region')
      .orderBy('period')
      .orderBy('area')
      .orderBy('format')
      .orderBy('kind')
      .orderBy('org_type')
      .execute();
    const raw = await sql<Record<string, unknown>>`
      select a.region, a.period, a.area, a.format, a.kind, o.type as org_type,
             count(*) as events, sum(a.volunteers) as volunteers, sum(a.hours) as hours,
             sum(coalesce(a.child, 0)) as child, sum(coalesce(a.inclusive, 0)) as inclusive,
             sum(coalesce(a.corporate, 0)) as corporate, sum(coalesce(a.international, 0)) as international,
             sum(coalesce(a.silver, 0)) as silver, sum(coalesce(a.probono, 0)) as probono,
             sum(coalesce(a.general, a.volunteers - coalesce(a.child, 0) - coalesce(a.inclusive, 0) - coalesce(a.corporate, 0)
               - coalesce(a.international, 0) - coalesce(a.silver, 0) - coalesce(a.probono, 0))) as general,
             sum(coalesce(a.beneficiaries, 0)) as beneficiaries
      from activity a join organization o on o.id = a.organization_id
      where a.excluded is null
      group by a.region, a.period, a.area, a.format, a.kind, o.type
      order by a.region, a.period, a.area, a.format, a.kind, o.type`.execute(db);
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^[\d.]+$/.test(v) ? Number(v) : v]),
        ),
      );
    expect(norm(agg as unknown as Record<string, unknown>[])).toEqual(norm(raw.rows));
    expect(agg.length).toBeGreaterThan(5);

    const ex = await db
      .selectFrom('agg_excluded')
      .selectAll()
      .orderBy('region')
      .orderBy('period')
      .orderBy('reason')
      .execute();
    const rawEx = await sql<Record<string, unknown>>`
      select region, period, excluded as reason, count(*) as records, sum(volunteers) as volunteers, sum(hours) as hours
      from activity where excluded is not null group by region, period, excluded order by region, period, excluded`.execute(
      db,
    );
    expect(norm(ex as unknown as Record<string, unknown>[])).toEqual(norm(rawEx.rows));
    expect(ex).toHaveLength(2);

    // Support types are a '|' list in a cell: each distinct type counts its record once.
    const sup = await db
      .selectFrom('agg_rfo_support')
      .selectAll()
      .orderBy('region')
      .orderBy('period')
      .orderBy('support')
      .execute();
    const rows = await db
      .selectFrom('activity')
      .where('excluded', 'is', null)
      .where('rfo_support', 'is not', null)
      .select(['region', 'period', 'rfo_support'])
      .execute();
    const counts = new Map<string, number>();
    for (const r of rows)
      for (const s of new Set((r.rfo_support ?? '').split('|').filter(Boolean))) {
        const k = `${r.region}|${r.period}|${s}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    expect(sup.map((s) => [`${s.region}|${s.period}|${s.support}`, Number(s.events)])).toEqual(
      [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(counts.get('KZ-15|2031-05|vehicles')).toBe(2);
  });
});
