// Acceptance on the demo dataset: the annual report of 2022, through HTTP and through the CLI,
// reproduces the seed report's published figures (the 2022 analytical report, seeds/001).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { impliedNorm } from '../src/domain/economic.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import type { AnnualReport } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let report: AnnualReport;

// The seed's table "Gender ratio of volunteers by regions" (male %, female %).
const SEED_GENDER: Record<string, [number, number]> = {
  'KZ-47': [42.4, 57.6],
  'KZ-15': [42.5, 57.5],
  'KZ-31': [42.7, 57.3],
  'KZ-71': [44.2, 55.8],
  'KZ-35': [44.3, 55.7],
  'KZ-59': [45.3, 54.7],
  'KZ-79': [46.3, 53.7],
  'KZ-55': [46.4, 53.6],
  'KZ-27': [47.0, 53.0],
  'KZ-39': [47.2, 52.8],
  'KZ-19': [47.4, 52.6],
  'KZ-75': [47.5, 52.5],
  'KZ-11': [47.9, 52.1],
  'KZ-63': [48.1, 51.9],
  'KZ-23': [53.2, 46.8],
  'KZ-61': [55.7, 44.3],
  'KZ-43': [56.6, 43.4],
};
const AREA_SHARES = [38.35, 29.05, 14.14, 9.67, 4.52, 2.61, 0.54, 0.48, 0.36, 0.26, 0.02];
const AREA_HOURS: [string, number][] = [
  ['other_social', 417_399],
  ['umit', 316_158],
  ['qamqor', 153_850],
  ['taza_alem', 105_224],
  ['culture_art', 49_242],
  ['ayala', 28_453],
  ['sabaqtastyq', 5_879],
  ['saulyq', 5_272],
  ['bilim', 3_925],
  ['asyl_mura', 2_819],
  ['media', 166],
];
const r1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** Every number in the JSON is finite, and the text has no NaN or Infinity. */
function assertFiniteJson(text: string) {
  expect(text).not.toMatch(/NaN|Infinity/);
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(JSON.parse(text), '$');
}

function checkSeedFigures(r: AnnualReport) {
  expect(r.year).toBe(2022);
  expect(r.territory).toBe('2022');
  expect(r.provisional).toBe(false);
  expect(r.map).toHaveLength(17);
  expect(r.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  // §1 and §6: hours
  expect(r.totals.hours).toBe(1_088_387);
  expect(r.hoursByArea.map((a) => a.share)).toEqual(AREA_SHARES);
  expect(r.hoursByArea.map((a) => [a.area, a.hours])).toEqual(AREA_HOURS);
  // §1–2: volunteers and gender
  expect(r.totals.volunteers).toBe(139_671);
  expect(r.totals.missingRegions.volunteers).toEqual([]);
  const g = Object.fromEntries(r.portrait.gender.map((x) => [x.code, x.share]));
  expect(Math.round(g.male as number)).toBe(46);
  expect(Math.round(g.female as number)).toBe(54);
  // §3: the 17 regional gender ratios and the grouping
  expect(r.regions).toHaveLength(17);
  for (const row of r.regions) {
    const seed = SEED_GENDER[row.region];
    expect(seed, row.region).toBeDefined();
    expect([r1(row.gender.male), r1(row.gender.female)], row.region).toEqual(seed);
  }
  const female = Object.entries(SEED_GENDER)
    .filter(([, [m, f]]) => f > m)
    .map(([c]) => c);
  expect(r.regionalPortrait.femalePrevailing.map((x) => x.region)).toEqual(female); // ordered as in the seed
  // male-prevailing, ordered by the men's share as in the seed: Kyzylorda, Turkistan, Atyrau
  expect(r.regionalPortrait.malePrevailing.map((x) => x.region)).toEqual(['KZ-43', 'KZ-61', 'KZ-23']);
  expect(r.regionalPortrait.equal).toEqual([]);
  // §5: organisations
  expect(r.totals.npo).toBe(660);
  expect(r.totals.initiativeGroups).toBe(1_834);
  expect(r.totals.missingRegions.initiativeGroups).toEqual(['KZ-75']);
  expect(r.totals.missingRegions.npo).toEqual([]);
  expect(r1(r.organizations.initiativeGroupsShare)).toBe(74.3);
  expect(r.organizations.shareBasisRegions).not.toContain('KZ-75');
  // §12: economic contribution
  const e = r.economic;
  expect(e.hours).toBe(1_088_387);
  expect(e.unaccountedHours).toBe(258_991);
  expect(e.totalHours).toBe(1_347_378);
  expect(e.annualHoursNorm).toBe(1816);
  expect(e.fte).toBe(742);
  expect(e.valueKzt as number).toBeGreaterThanOrEqual(2.6e9); // "at least 2.6 bn" with the uplift
  expect(e.valueRangeBnKzt).toEqual([2.2, 2.6]);
  const [low, high] = e.valueRangeKzt as [number, number];
  expect(low).toBeGreaterThanOrEqual(2.15e9);
  expect(low).toBeLessThan(2.25e9);
  expect(high).toBeGreaterThanOrEqual(2.6e9);
  expect(high).toBeLessThan(2.65e9);
  expect(e.rfoValueKzt as number).toBeGreaterThan(2.1e9);
  expect(e.rfoValueKzt as number).toBeLessThan(2.6e9);
  expect(e.unaccounted.reduce((s, u) => s + u.hours, 0)).toBe(258_991);
  expect(e.wageTable.length).toBeGreaterThan(0);
  // the annual norm the report's 742 implies: 1,347,378 h ÷ 742 ≈ 1,816 h, shown with its source
  expect(impliedNorm(1_347_378, 742)).toBe(1816);
  expect(e.workingTime.fteHours).toBe(1816);
  expect(e.workingTime.fteSource).toMatch(/742/);
  expect(e.assumptions.join(' ')).toMatch(/1[\s\u00a0,]?816/);
  // a few more of the report's figures
  expect(r.areas.find((a) => a.area === 'umit')?.topRegionByEventShare).toEqual({
    region: 'KZ-39',
    share: 89.5,
  });
  expect(r.portrait.change.largestGrowth?.region).toBe('KZ-47');
  expect(r.portrait.change.largestGrowth?.value).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  // The monitoring demo: these read its 2022 figures (the platform's demo: test/demo.test.ts).
  await loadDemo(t.database, { platform: false });
}, 180_000);
afterAll(async () => t?.close());

describe('annual report 2022 on the demo data', () => {
  it('reproduces the published figures over HTTP', async () => {
    const res = await t.app.inject('/api/reports/annual/2022');
    expect(res.statusCode).toBe(200);
    assertFiniteJson(res.body);
    report = res.json() as AnnualReport;
    checkSeedFigures(report);
    // §11: the nine priority projects of 2022 as the report describes their data provision (the
    // round's figures beside, never added to, the regions' hours checked above)
    expect(report.sections.find((s) => s.key === 'priorityProjects')?.available).toBe(true);
    expect(report.priorityProjects.byStatus.map((b) => [b.status, b.projects])).toEqual([
      ['provided', 6],
      ['duplicated_grantor', 2],
      ['unreachable', 1],
    ]);
    expect(report.priorityProjects.totals).toMatchObject({
      projects: 9,
      reportedHours: 45_182,
      recordedHours: 0,
    });
    expect(report.sections.find((s) => s.key === 'organizations')?.narrative.join(' ')).toMatch(/74\.34/);
    // the same figures in the printable page
    const html = await t.app.inject('/api/reports/annual/2022.html');
    expect(html.statusCode).toBe(200);
    for (const text of ['1,088,387', '139,671', '38.35%', '0.02%', '1,834', '742'])
      expect(html.body, text).toContain(text);
    expect(html.body).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('reproduces the published figures through `report annual --year 2022 --format json`', async () => {
    const out = await runCli(['report', 'annual', '--year', '2022', '--format', 'json'], {
      env: t.database.cliEnv,
    });
    expect(out.code, out.stderr).toBe(0);
    assertFiniteJson(out.stdout);
    const r = JSON.parse(out.stdout) as AnnualReport;
    checkSeedFigures(r);
    expect(r.lang).toBe('en');
    expect(r.sections.find((s) => s.key === 'organizations')?.narrative.join(' ')).toMatch(
      /74\.34%.*without Almaty city/,
    );
  }, 60_000);

  it('reproduces the published figures through the CLI json in Russian', async () => {
    const out = await runCli(['report', 'annual', '--year', '2022', '--format', 'json', '--lang', 'ru'], {
      env: t.database.cliEnv,
    });
    expect(out.code, out.stderr).toBe(0);
    assertFiniteJson(out.stdout);
    const r = JSON.parse(out.stdout) as AnnualReport;
    checkSeedFigures(r);
    expect(r.lang).toBe('ru');
    expect(r.sections[0]?.narrative[0]).toMatch(/волонтер/);
  }, 60_000);

  it('speaks kk and shows the year on the current 20-unit map with the split units not comparable', async () => {
    const res = await t.app.inject('/api/reports/annual/2022?lang=kk&map=current');
    expect(res.statusCode).toBe(200);
    assertFiniteJson(res.body);
    const r = res.json() as AnnualReport;
    expect(r.territory).toBe('current');
    expect(r.map).toHaveLength(20);
    for (const code of ['KZ-10', 'KZ-33', 'KZ-62', 'KZ-63', 'KZ-19', 'KZ-35'])
      expect(r.regions.find((x) => x.region === code)?.comparable, code).toBe(false);
    expect(r.regions.find((x) => x.region === 'KZ-63')?.volunteersChange).toBeNull();
    expect(r.regions.find((x) => x.region === 'KZ-47')?.volunteersChange).toBe(201);
    expect(r.totals.hours).toBe(1_088_387);
    expect(r.notes.some((n) => n.code === 'not_comparable')).toBe(true);
    expect(r.sections[0]?.narrative[0]).toMatch(/волонтер/);
  });

  it('takes the FTE norm as a parameter', async () => {
    const r = (await t.app.inject('/api/reports/annual/2022?fteHours=1960')).json() as AnnualReport;
    expect(r.economic.annualHoursNorm).toBe(1960);
    expect(r.economic.fte).toBe(Math.round(1_347_378 / 1960));
  });

  it('serves the half-year, monthly, data-quality and dashboard JSON', async () => {
    const h = await t.app.inject('/api/reports/half-year/2022-H1');
    expect(h.statusCode).toBe(200);
    assertFiniteJson(h.body);
    expect(h.json().months).toHaveLength(6);
    const m = await t.app.inject('/api/reports/monthly/2022-12');
    expect(m.statusCode).toBe(200);
    assertFiniteJson(m.body);
    expect(m.json().national.ytd.hours).toBe(1_088_387);
    expect(m.json().dynamics).toHaveLength(12);
    const q = await t.app.inject('/api/reports/data-quality/2022');
    expect(q.statusCode).toBe(200);
    assertFiniteJson(q.body);
    expect(q.json().regions).toHaveLength(17);
    expect(q.json().excluded.length).toBeGreaterThan(0);
    const d = await t.app.inject('/api/dashboard?year=2022');
    expect(d.statusCode).toBe(200);
    assertFiniteJson(d.body);
    expect(d.json().key.hours).toBe(1_088_387);
    expect(d.json().key.volunteers).toBe(139_671);
    expect(d.json().years).toContain(2022);
    const dr = (await t.app.inject('/api/dashboard?year=2022&region=KZ-75')).json();
    expect(dr.byRegion).toHaveLength(1);
    expect(dr.key.initiativeGroups).toBeNull();
  });
});
