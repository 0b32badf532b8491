// `birgemiz export`, run in-process (main(argv, io)) on the test database: the same file as the HTTP
// export, the format taken from --out, and no file at all when the export fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile, readRows } from '../src/modules/imports/reader.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-export-cli-'));

const cli = (...args: string[]) => runCli(args, { env: t.database.cliEnv });

async function table(file: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const batch of readRows(await inspectFile(file))) for (const r of batch) out.push(r.cells);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  const src = path.join(dir, 'source.csv');
  fs.writeFileSync(
    src,
    [
      'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours,notes',
      'KZ-75,2022-03,Добрые руки,npo,Уборка парка,taza_alem,offline,event,2022-03-05,2022-03-05,10,42.5,"a, b"',
      'KZ-75,2022-04,Добрые руки,npo,Уборка парка,taza_alem,offline,event,2022-04-05,2022-04-05,12,30,',
      'KZ-71,2022-03,Қамқор,npo,Көмек,umit,online,ongoing,2022-03-01,2022-03-31,4,80,',
    ].join('\n'),
  );
  const r = await cli('import', 'activities', src);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('birgemiz export', () => {
  it('writes the same rows as GET /api/exports, the format taken from --out', async () => {
    const out = path.join(dir, 'kz75.xlsx');
    const r = await cli(
      'export',
      'activities',
      '--year',
      '2022',
      '--region',
      'KZ-75',
      '--out',
      out,
      '--lang',
      'ru',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('activities 2022 of KZ-75: 2 rows written');
    const http = await t.app.inject({
      method: 'GET',
      url: '/api/exports/activities?year=2022&region=KZ-75&format=xlsx&lang=ru',
      headers: admin.headers,
    });
    const viaHttp = path.join(dir, 'http.xlsx');
    fs.writeFileSync(viaHttp, http.rawPayload);
    const rows = await table(out);
    expect(rows).toEqual(await table(viaHttp));
    expect(rows[0]?.slice(0, 2)).toEqual(['Регион', 'Период']);
    expect(rows.length).toBe(3);
    // And it imports back unchanged.
    const again = await cli('import', 'activities', out, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('CSV in Windows-1251 with `;` and a decimal comma', async () => {
    const out = path.join(dir, 'kz75.csv');
    const r = await cli(
      'export',
      'activities',
      '--year=2022',
      '--region=Алматы',
      `--out=${out}`,
      '--encoding',
      'windows-1251',
    );
    expect(r.code, r.stderr).toBe(0);
    const text = iconv.decode(fs.readFileSync(out), 'win1251');
    expect(text.split('\r\n')[1]).toMatch(/^KZ-75;2022-03;Добрые руки;npo;;Уборка парка;.*;10;42,5;.*;a, b$/);
  });

  it('fails without leaving a file: Kazakh letters in Windows-1251, an unknown format, a missing year', async () => {
    const out = path.join(dir, 'all.csv');
    const r = await cli('export', 'activities', '--year', '2022', '--out', out, '--encoding', 'windows-1251');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot be written in Windows-1251');
    expect(r.stderr).toMatch(
      /Windows-1251 cannot hold Kazakh letters: row \d+, column organization, value "[^"]+" has "Ққ".*Export in UTF-8 instead/,
    );
    expect(r.stderr).toMatch(/row \d+, column organization: "Ққ" cannot be written/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.birgemiz-export'))).toEqual([]);

    const txt = await cli('export', 'activities', '--year', '2022', '--out', path.join(dir, 'x.txt'));
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('Cannot tell the format');
    const noYear = await cli('export', 'volunteers', '--out', path.join(dir, 'v.csv'));
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--year YYYY is required');
    const region = await cli(
      'export',
      'volunteers',
      '--year',
      '2022',
      '--region',
      'Atlantis',
      '--out',
      path.join(dir, 'v.csv'),
    );
    expect(region.code).toBe(1);
    expect(region.stderr).toContain('not a known region');
    expect(fs.existsSync(path.join(dir, 'v.csv'))).toBe(false);
  });
});
