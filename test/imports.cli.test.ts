// `birgemiz import`, run as a separate process on the test database: the same service as the
// HTTP route, with its answer as JSON (--json) or as one line, every problem on stderr, dry runs,
// re-imports, the front office's scope (--region-scope) and the progress bar of long imports.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'imports');
const fixture = (name: string) => path.join(FIXTURES, name);

let t: TestApp;
let admin: SignedIn;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-import-cli-'));

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ ...process.env, ...t.database.cliEnv, ...extra });

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/birgemiz.mjs', 'import', ...args], {
    env: env(),
    encoding: 'utf8',
    timeout: 120_000,
  });

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, unknown>;

const HEADER =
  'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours';
const row = (region: string, period: string, title: string, hours = '20') =>
  `${region},${period},CLI Volunteers,npo,${title},umit,offline,event,${period}-05,${period}-05,10,${hours}`;

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

async function count(region: string, period: string): Promise<number> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/activities?region=${region}&period=${period}`,
    headers: admin.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}

describe('birgemiz import', () => {
  it('imports activities and answers with the result as JSON', async () => {
    const r = cli('activities', fixture('activities-cp1251.csv'), '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({
      ok: true,
      kind: 'activities',
      rows: 3,
      inserted: 3,
      fileType: 'csv',
      encoding: 'windows-1251',
      alreadyImported: false,
    });
    expect(await count('KZ-79', '2022-04')).toBe(3);
  });

  it('the same file again: already imported, nothing changed; one line without --json', async () => {
    const r = cli('activities', fixture('activities-cp1251.csv'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /activities: 3 rows \(csv, windows-1251\): already imported earlier; nothing changed\./,
    );
    expect(await count('KZ-79', '2022-04')).toBe(3);
  });

  it('a dry run writes nothing', async () => {
    const f = file('dry.csv', [
      HEADER,
      row('KZ-75', '2022-02', 'Dry one'),
      row('KZ-75', '2022-02', 'Dry two'),
    ]);
    const r = cli('activities', f, '--dry-run', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({ dryRun: true, inserted: 2, importId: null });
    expect(await count('KZ-75', '2022-02')).toBe(0);
    const real = cli('activities', f);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/2 inserted, 0 updated, 0 unchanged/);
    expect(await count('KZ-75', '2022-02')).toBe(2);
  });

  it('a bad file: exit 1, every problem on stderr, one a line; nothing written', async () => {
    const f = file('bad.csv', [
      HEADER,
      row('KZ-75', '2022-01', 'Fine'),
      row('KZ-75', '2022-01', 'Negative', '-4'),
      row('Atlantis', '2022-01', 'Nowhere'),
      row('KZ-75', '2022-01', 'Words', 'many'),
    ]);
    const r = cli('activities', f);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/The file has 3 problems; nothing was imported/);
    expect(r.stderr).toMatch(/row 3, column hours: hours must not be negative \(value: "-4"\)/);
    expect(r.stderr).toMatch(/row 4, column region: .*Atlantis/);
    expect(r.stderr).toMatch(/row 5, column hours: hours must be a number \(value: "many"\)/);
    expect(await count('KZ-75', '2022-01')).toBe(0);
    // With --json the same problems as the API gives them.
    const j = cli('activities', f, '--json');
    expect(j.status).toBe(1);
    expect(json(j)).toMatchObject({
      ok: false,
      error: 'validation_failed',
      details: [
        { row: 3, column: 'hours', value: '-4', rule: 'min' },
        { row: 4, column: 'region', value: 'Atlantis', rule: 'unknown_region' },
        { row: 5, column: 'hours', value: 'many', rule: 'number' },
      ],
    });
  });

  it('binary junk, an empty file, a missing file, an unknown kind: exit 1 naming the problem', () => {
    const junk = path.join(dir, 'junk.csv');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)));
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    for (const [args, message] of [
      [['activities', junk], /binary/],
      [['activities', empty], /empty/],
      [['activities', path.join(dir, 'nope.csv')], /No such file/],
      [['sightings', junk], /Usage/],
      [['activities'], /Usage/],
    ] as const) {
      const r = cli(...args);
      expect([args.join(' '), r.status]).toEqual([args.join(' '), 1]);
      expect(r.stderr).toMatch(message);
    }
  });

  it("--region-scope imports as that region's front office: other regions' rows refused", async () => {
    const f = file('scope.csv', [HEADER, row('KZ-75', '2022-12', 'Ours'), row('KZ-79', '2022-12', 'Theirs')]);
    const r = cli('activities', f, '--region-scope', 'KZ-75', '--json');
    expect(r.status).toBe(1);
    expect(json(r)).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/KZ-79/) });
    expect(await count('KZ-75', '2022-12')).toBe(0);
    const own = file('own.csv', [HEADER, row('KZ-75', '2022-12', 'Ours')]);
    const ok = cli('activities', own, '--region-scope', 'Almaty city', '--json');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(await count('KZ-75', '2022-12')).toBe(1);
    const unknown = cli('activities', own, '--region-scope', 'Atlantis');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown region: Atlantis/);
    // A kind the front office may not import.
    const pop = cli('population', fixture('population.csv'), '--region-scope', 'KZ-75');
    expect(pop.status).toBe(1);
    expect(pop.stderr).toMatch(/national admin/);
  });

  it('other kinds: volunteers and unaccounted hours', async () => {
    const v = cli('volunteers', fixture('volunteers.csv'), '--json');
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(json(v)).toMatchObject({ kind: 'volunteers', rows: 11, inserted: 11 });
    const u = cli('unaccounted', fixture('unaccounted.csv'), '--json');
    expect(u.status, u.stdout + u.stderr).toBe(0);
    expect(json(u)).toMatchObject({ kind: 'unaccounted', rows: 2, inserted: 2 });
  });

  it('a long import shows a progress bar on stderr; stdout stays the result alone', async () => {
    // Enough rows to take over a second, the bar's threshold.
    const p = path.join(dir, 'big.csv');
    const out = fs.createWriteStream(p);
    out.write(`${HEADER}\n`);
    const n = 150_000;
    for (let i = 0; i < n; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      out.write(
        `KZ-75,2021-03,CLI Volunteers ${i % 50},npo,Row ${i},umit,offline,event,2021-03-${day},2021-03-${day},3,${i % 40}\n`,
      );
    }
    await new Promise((resolve) => out.end(resolve));
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/birgemiz.mjs', 'import', 'activities', p], {
      env: env({ BIRGEMIZ_PROGRESS: '1' }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stdout.trim()).toBe(`activities: ${n} rows (csv, utf-8): ${n} inserted, 0 updated, 0 unchanged.`);
    if (Date.now() - started > 3000) expect(stderr).toMatch(/import activities \d+ \(\d+\/s\)/);
    expect(await count('KZ-75', '2021-03')).toBe(n);
  });
});
