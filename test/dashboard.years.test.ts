// The public dashboard's year (issue 10, items 11 and 12): without a year asked it opens on the latest
// year whose data is complete enough (at least half of its region-months accepted), not on a year
// with one accepted month; the years list says how complete each year is and which are in progress.
// A region asked for a year before it existed (the 2022 split) is shown through its predecessor, and
// the answer says so. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let units: string[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  units = (
    await t.database.db
      .selectFrom('territory_unit')
      .where('valid_to', 'is', null)
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', '2029-01-01')]))
      .select('code')
      .execute()
  ).map((u) => u.code);
});
afterAll(async () => t?.close());

/** Accepted region-months written directly (the set-up of a year's worth of data). */
async function acceptedMonths(regions: string[], periods: string[]) {
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('submission')
    .values(
      regions.flatMap((region) =>
        periods.map((period) => ({
          region,
          period,
          status: 'accepted' as const,
          version: 2,
          deadline: `${period}-28`,
          submitted_at: now,
          submitted_by: admin.userId,
          reviewed_at: now,
          reviewed_by: admin.userId,
          return_comment: null,
          created_at: now,
          updated_at: now,
        })),
      ),
    )
    .execute();
}

async function post(url: string, payload: object) {
  const r = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

async function dashboard(query = '') {
  const r = await t.app.inject({ method: 'GET', url: `/api/dashboard${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('the dashboard year', () => {
  it('opens on the latest year complete enough; one accepted month of a new year does not move it', async () => {
    // 2029: 7 of 12 months of every region accepted (58 %); 2025: one month of one region (0.4 %).
    await acceptedMonths(
      units,
      ['01', '02', '03', '04', '05', '06', '07'].map((m) => `2029-${m}`),
    );
    await acceptedMonths(['KZ-75'], ['2025-03']);
    let d = await dashboard();
    expect(d.year).toBe(2029);
    expect(d.defaultYear).toBe(2029);

    // One month of 2030 entered, submitted and accepted through the API.
    await post('/api/activities', {
      region: 'KZ-75',
      period: '2030-01',
      organization: 'Years NPO',
      organization_type: 'npo',
      title: 'Cleanup January',
      area: 'taza_alem',
      format: 'offline',
      kind: 'event',
      start_date: '2030-01-10',
      end_date: '2030-01-10',
      volunteers: 4,
      hours: 64,
    });
    const s = await post('/api/submissions/KZ-75/2030-01/submit', { version: 1 });
    await post('/api/submissions/KZ-75/2030-01/accept', { version: s.version });

    d = await dashboard('?lang=ru');
    expect(d.years).toEqual([2030, 2029, 2025]);
    expect(d.year).toBe(2029);
    expect(d.defaultYear).toBe(2029);
    expect(d.key.hours).toBe(0);
    const status = Object.fromEntries(
      d.yearStatus.map((y: { year: number; completeness: number; state: string }) => [y.year, y]),
    );
    expect(status[2030]).toEqual({ year: 2030, completeness: 0.4, state: 'in_progress' });
    expect(status[2029]).toEqual({ year: 2029, completeness: 58.3, state: 'complete' });
    expect(status[2025]).toEqual({ year: 2025, completeness: 0.4, state: 'incomplete' });

    // The year in progress can still be chosen.
    const now = await dashboard('?year=2030');
    expect(now.year).toBe(2030);
    expect(now.key.hours).toBe(64);
    expect(now.defaultYear).toBe(2029);
  });

  it('without any complete year, opens on the latest year with data', async () => {
    const other = await createTestApp();
    try {
      const r = await other.app.inject({ method: 'GET', url: '/api/dashboard' });
      expect(r.statusCode).toBe(200);
      expect(r.json().years).toEqual([]);
      expect(r.json().defaultYear).toBe(new Date().getUTCFullYear() - 1);
    } finally {
      await other.close();
    }
  });
});

describe('regions created in 2022', () => {
  const split = [
    ['KZ-10', 'KZ-63'], // Abai ← East Kazakhstan
    ['KZ-33', 'KZ-19'], // Zhetysu ← Almaty region
    ['KZ-62', 'KZ-35'], // Ulytau ← Karagandy
  ];

  it.each(split)(
    '%s in 2022 (and before) shows the figures of its predecessor %s, and says so',
    async (code, pred) => {
      for (const year of [2022, 2021]) {
        const d = await dashboard(`?year=${year}&region=${code}&lang=en`);
        expect(d.region).toBe(pred);
        expect(d.predecessor).toMatchObject({ asked: code, region: pred });
        expect(d.predecessor.askedName).toMatch(/region/i);
        expect(d.predecessor.name).not.toBe(d.predecessor.askedName);
      }
      const later = await dashboard(`?year=2023&region=${code}`);
      expect(later.region).toBe(code);
      expect(later.predecessor).toBeNull();
    },
  );

  it('a region that existed all along has no predecessor note', async () => {
    const d = await dashboard('?year=2022&region=KZ-63');
    expect(d.region).toBe('KZ-63');
    expect(d.predecessor).toBeNull();
  });
});
