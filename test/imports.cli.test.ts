// `birgemiz import`, run in-process (main(argv, io)) on the test database: the same service as the
// HTTP route, with its answer as JSON (--json) or as one line, every problem on stderr, dry runs,
// re-imports, the front office's scope (--region-scope) and the progress bar of long imports; a
// 200 MB file in a real process, whose memory is measured.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';
import { bombSheet, zipFile } from './helpers/zip.ts';

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

const cli = (...args: string[]) => runCli(['import', ...args], { env: t.database.cliEnv });

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
    const r = await cli('activities', fixture('activities-cp1251.csv'), '--json');
    expect(r.code, r.stderr).toBe(0);
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
    const r = await cli('activities', fixture('activities-cp1251.csv'));
    expect(r.code, r.stderr).toBe(0);
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
    const r = await cli('activities', f, '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({ dryRun: true, inserted: 2, importId: null });
    expect(await count('KZ-75', '2022-02')).toBe(0);
    const real = await cli('activities', f);
    expect(real.code, real.stderr).toBe(0);
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
    const r = await cli('activities', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The file has 3 problems; nothing was imported/);
    expect(r.stderr).toMatch(/row 3, column hours: hours must not be negative \(value: "-4"\)/);
    expect(r.stderr).toMatch(/row 4, column region: .*Atlantis/);
    expect(r.stderr).toMatch(/row 5, column hours: hours must be a number \(value: "many"\)/);
    expect(await count('KZ-75', '2022-01')).toBe(0);
    // With --json the same problems as the API gives them.
    const j = await cli('activities', f, '--json');
    expect(j.code).toBe(1);
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

  it("the bad inputs of issue 2: exit 1 naming the problem (as the API's error), nothing written", async () => {
    const wide = `${HEADER},organization_bin,child,inclusive,corporate,international,silver,probono,general`;
    const good = row('KZ-75', '2022-08', 'Fine');
    const bomb = path.join(dir, 'bomb.xlsx');
    fs.writeFileSync(bomb, zipFile([{ name: 'xl/worksheets/sheet1.xml', data: bombSheet(1_000_000) }]));
    const random = path.join(dir, 'random.csv');
    fs.writeFileSync(random, randomBytes(10 * 1024 * 1024));
    const utf16 = path.join(dir, 'unicode.txt');
    fs.writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${good}\n`, 'utf16le')]),
    );
    const mixed = path.join(dir, 'mixed.csv');
    fs.writeFileSync(
      mixed,
      Buffer.concat([
        Buffer.from(
          `${HEADER}\n${row('KZ-75', '2022-08', 'Уборка парка')}\n${row('KZ-75', '2022-08', 'Субботник')}\n`,
        ),
        iconv.encode(`${row('KZ-75', '2022-08', 'Сбор')}\n`, 'win1251'),
      ]),
    );
    const cases: [string, string, string, unknown[]][] = [
      ['UTF-16', utf16, 'unsupported_encoding', []],
      ['UTF-8 with a Windows-1251 line', mixed, 'mixed_encoding', [{ line: 4, rule: 'mixed_encoding' }]],
      [
        'another delimiter',
        file('pipes.csv', [HEADER.replaceAll(',', '|'), good.replaceAll(',', '|')]),
        'validation_failed',
        [{ row: 1, rule: 'wrong_delimiter' }],
      ],
      [
        'missing and unknown columns',
        file('columns.csv', [HEADER.replace('organization_type', 'colour').replace(',hours', ''), 'x']),
        'validation_failed',
        [
          { row: 1, column: 'colour', rule: 'unknown_column' },
          { row: 1, column: 'organization_type', rule: 'missing_column' },
          { row: 1, column: 'hours', rule: 'missing_column' },
        ],
      ],
      [
        'the cells of issue 2',
        file('cells.csv', [
          wide,
          `${good},,,,,,,,`,
          `${row('KZ-75', '2022-08', 'Text', 'twenty')},,,,,,,,`,
          `${row('KZ-75', '2022-08', 'Negative', '-1')},,,,,,,,`,
          `${row('KZ-75', '2022-08', 'Outside').replaceAll('2022-08-05', '2022-09-05')},,,,,,,,`,
          `${row('Gotham', '2022-08', 'Nowhere')},,,,,,,,`,
          `${row('KZ-75', '2022-08', 'BIN')},220141000004,,,,,,,`,
          `${row('KZ-75', '2022-08', 'Cohorts')},,5,3,0,0,0,0,5`,
        ]),
        'validation_failed',
        [
          { row: 3, column: 'hours', value: 'twenty', rule: 'number' },
          { row: 4, column: 'hours', value: '-1', rule: 'min' },
          { row: 5, column: 'start_date', rule: 'date_outside_period' },
          { row: 5, column: 'end_date', rule: 'date_outside_period' },
          { row: 6, column: 'region', value: 'Gotham', rule: 'unknown_region' },
          { row: 7, column: 'organization_bin', rule: 'bin_check_digit' },
          { row: 8, column: 'general', rule: 'cohorts_sum' },
        ],
      ],
      ['10 MB of random bytes', random, 'unsupported_file', []],
      ['an empty file', file('empty2.csv', []), 'empty_file', []],
      ['an .xlsx zip bomb', bomb, 'zip_bomb', []],
    ];
    for (const [what, f, error, details] of cases) {
      const r = await cli('activities', f, '--json');
      expect([what, r.code], r.stderr).toEqual([what, 1]);
      const body = json(r);
      expect([what, body], r.stdout).toMatchObject([what, { ok: false, error }]);
      if (details.length)
        expect([what, body.details]).toEqual([what, details.map((d) => expect.objectContaining(d))]);
    }
    expect(await count('KZ-75', '2022-08')).toBe(0);
  });

  it('a 200 MB file is streamed: read and checked to the end in bounded memory, nothing written', async () => {
    const p = path.join(dir, 'huge.csv');
    const out = fs.createWriteStream(p);
    const notes = 'n'.repeat(1900);
    // The first row is bad, so that every row is read and validated but none written.
    out.write(`${HEADER},notes\n${row('KZ-75', '2022-07', 'Bad', '-1')},${notes}\n`);
    let size = 0;
    let i = 0;
    while (size < 200 * 1024 * 1024) {
      const lines = [];
      for (let k = 0; k < 1000; k++, i++) lines.push(`${row('KZ-75', '2022-07', `Row ${i}`)},${notes}\n`);
      const text = lines.join('');
      size += text.length;
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    // A real process (not runCli): its peak memory (VmHWM) is what is measured.
    const child = spawn(process.execPath, ['bin/birgemiz.mjs', 'import', 'activities', p, '--json'], {
      env: env(),
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited
      }
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    fs.rmSync(p, { force: true });
    expect(code, stdout).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      error: 'validation_failed',
      message: expect.stringMatching(/1 problem;/),
      details: [{ row: 2, column: 'hours', rule: 'min' }],
    });
    // The file is 200 MB; the process never holds it (the bench: a million rows in under 500 MB).
    expect(peakKb / 1024).toBeLessThan(400);
    expect(await count('KZ-75', '2022-07')).toBe(0);
  }, 300_000);

  it('binary junk, an empty file, a missing file: exit 1 naming the problem; an unknown kind: exit 2', async () => {
    const junk = path.join(dir, 'junk.csv');
    fs.writeFileSync(junk, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)));
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    for (const [args, message, code] of [
      [['activities', junk], /binary/, 1],
      [['activities', empty], /empty/, 1],
      [['activities', path.join(dir, 'nope.csv')], /No such file/, 1],
      [['sightings', junk], /Usage/, 2],
      [['activities'], /Usage/, 2],
    ] as const) {
      const r = await cli(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      expect(r.stderr).toMatch(message);
    }
  });

  it("--region-scope imports as that region's front office: other regions' rows refused", async () => {
    const f = file('scope.csv', [HEADER, row('KZ-75', '2022-12', 'Ours'), row('KZ-79', '2022-12', 'Theirs')]);
    const r = await cli('activities', f, '--region-scope', 'KZ-75', '--json');
    expect(r.code).toBe(1);
    expect(json(r)).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/KZ-79/) });
    expect(await count('KZ-75', '2022-12')).toBe(0);
    const own = file('own.csv', [HEADER, row('KZ-75', '2022-12', 'Ours')]);
    const ok = await cli('activities', own, '--region-scope', 'Almaty city', '--json');
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(await count('KZ-75', '2022-12')).toBe(1);
    const unknown = await cli('activities', own, '--region-scope', 'Atlantis');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown region: Atlantis/);
    // A kind the front office may not import.
    const pop = await cli('population', fixture('population.csv'), '--region-scope', 'KZ-75');
    expect(pop.code).toBe(1);
    expect(pop.stderr).toMatch(/national admin/);
  });

  it("--period checks the file is that month's: other months stop it unless confirmed; --lang words the errors", async () => {
    const f = file('months.csv', [
      HEADER,
      row('KZ-75', '2021-11', 'November'),
      row('KZ-75', '2021-12', 'December'),
    ]);
    const stopped = await cli('activities', f, '--period', '2021-12', '--json');
    expect(stopped.code).toBe(1);
    expect(json(stopped)).toMatchObject({
      error: 'other_months',
      message: expect.stringMatching(/2021-11 \(1 row\)/),
    });
    expect(await count('KZ-75', '2021-11')).toBe(0);
    expect(await count('KZ-75', '2021-12')).toBe(0);
    const meant = await cli('activities', f, '--period', '2021-12', '--confirm-other-months', '--json');
    expect(meant.code, meant.stderr).toBe(0);
    expect(await count('KZ-75', '2021-11')).toBe(1);

    const bad = file('bad-format.csv', [
      HEADER,
      row('KZ-75', '2021-10', 'Bad').replace(',offline,', ',hybridish,'),
    ]);
    const ru = await cli('activities', bad, '--lang', 'ru');
    expect(ru.code).toBe(1);
    expect(ru.stderr).toMatch(/allowed: .*офлайн/i);
    expect((await cli('activities', f, '--period', '2021')).code).toBe(2);
    expect((await cli('activities', f, '--lang', 'de')).code).toBe(2);
  });

  it('other kinds: volunteers and unaccounted hours', async () => {
    const v = await cli('volunteers', fixture('volunteers.csv'), '--json');
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(json(v)).toMatchObject({ kind: 'volunteers', rows: 11, inserted: 11 });
    const u = await cli('unaccounted', fixture('unaccounted.csv'), '--json');
    expect(u.code, u.stdout + u.stderr).toBe(0);
    expect(json(u)).toMatchObject({ kind: 'unaccounted', rows: 2, inserted: 2 });
  });

  it('a long import shows a progress bar on stderr; stdout stays the result alone', async () => {
    // The bar shows after a second of work; here at once, so that a small file shows it.
    const p = path.join(dir, 'big.csv');
    const out = fs.createWriteStream(p);
    out.write(`${HEADER}\n`);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      out.write(
        `KZ-75,2021-03,CLI Volunteers ${i % 50},npo,Row ${i},umit,offline,event,2021-03-${day},2021-03-${day},3,${i % 40}\n`,
      );
    }
    await new Promise((resolve) => out.end(resolve));
    const { code, stdout, stderr } = await runCli(['import', 'activities', p], {
      env: { ...t.database.cliEnv, BIRGEMIZ_PROGRESS: '1', BIRGEMIZ_PROGRESS_AFTER_MS: '0' },
    });
    expect(code, stderr).toBe(0);
    expect(stdout.trim()).toBe(`activities: ${n} rows (csv, utf-8): ${n} inserted, 0 updated, 0 unchanged.`);
    expect(stderr).toMatch(/^import activities \d+ \(\d+\/s\)$/m);
    expect(await count('KZ-75', '2021-03')).toBe(n);
  });
});
