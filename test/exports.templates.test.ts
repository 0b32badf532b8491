// Blank templates: every kind × format × language is a file whose header row the importer
// accepts: the template with one data row added imports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, type ImportKind, KIND_COLUMNS } from '../src/modules/imports/headers.ts';
import { runImport } from '../src/modules/imports/import.service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-templates-'));

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One valid row of each kind, by column code (blank where not given); reference statistics of a
 * year the schema does not already hold, so that the row is an insert. */
const SAMPLE: Record<ImportKind, Record<string, string | number>> = {
  activities: {
    region: 'KZ-75',
    period: '2022-05',
    organization: 'Template NPO',
    organization_type: 'npo',
    title: 'Clean-up',
    area: 'taza_alem',
    format: 'offline',
    kind: 'event',
    start_date: '2022-05-02',
    end_date: '2022-05-02',
    volunteers: 3,
    hours: 7.5,
  },
  volunteers: { region: 'KZ-75', period: '2022', dimension: 'total', volunteers: 10 },
  organizations: { region: 'KZ-75', period: '2022', npo: 3 },
  appeals: {
    received_at: '2022-05-02T10:00:00Z',
    channel: 'phone',
    topic: 'consultation',
    related: 'true',
    status: 'new',
  },
  population: { region: 'KZ-75', year: 2031, population: 2000000 },
  wages: { year: 2031, monthly_wage_kzt: 300000, source: 'BNS' },
  'working-time': { year: 2031, monthly_hours: 160, annual_hours: 1920, source: 'Labour Code' },
  unaccounted: { year: 2022, source: 'Red Crescent', hours: 10 },
};

const cells = (kind: ImportKind) => KIND_COLUMNS[kind].map((c) => SAMPLE[kind][c.code] ?? null);

async function importsWithOneRow(kind: ImportKind, file: string) {
  const r = await runImport(t.database, {
    kind,
    path: file,
    filename: path.basename(file),
    user: null,
    dryRun: true,
  });
  expect(r).toMatchObject({ ok: true, rows: 1, inserted: 1 });
}

const langs = ['kk', 'ru', 'en'] as const;

describe('GET /api/templates/:kind', () => {
  it.each(IMPORT_KINDS.flatMap((k) => langs.map((l) => [k, l] as const)))(
    '%s in %s: CSV and .xlsx import once a row is added',
    async (kind, lang) => {
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/templates/${kind}?format=csv&lang=${lang}`,
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="${kind}-template-${lang}.csv"`);
      const text = csv.rawPayload.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const titles = KIND_COLUMNS[kind].map((c) => (lang === 'en' ? c.code : c[lang]));
      // RFC 4180: a title with the delimiter in it ("Monthly wage, KZT") is quoted.
      expect(text).toBe(`\uFEFF${titles.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',')}\r\n`);
      const row = cells(kind)
        .map((v) => (v === null ? '' : String(v)))
        .join(',');
      const csvFile = path.join(dir, `${kind}-${lang}.csv`);
      fs.writeFileSync(csvFile, Buffer.concat([csv.rawPayload, Buffer.from(`${row}\r\n`)]));
      await importsWithOneRow(kind, csvFile);

      const xlsx = await t.app.inject({
        method: 'GET',
        url: `/api/templates/${kind}?format=xlsx&lang=${lang}`,
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.headers['content-disposition']).toBe(
        `attachment; filename="${kind}-template-${lang}.xlsx"`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0] as ExcelJS.Worksheet;
      expect(ws.rowCount).toBe(1);
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(titles);
      ws.addRow(cells(kind).map((v) => v ?? undefined));
      const xlsxFile = path.join(dir, `${kind}-${lang}.xlsx`);
      await wb.xlsx.writeFile(xlsxFile);
      await importsWithOneRow(kind, xlsxFile);
    },
  );

  it.each(IMPORT_KINDS)(
    '%s in Russian, Windows-1251 with `;`, imports with a decimal comma',
    async (kind) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/templates/${kind}?format=csv&lang=ru&encoding=windows-1251`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=windows-1251');
      const titles = KIND_COLUMNS[kind].map((c) => c.ru);
      expect(iconv.decode(res.rawPayload, 'win1251')).toBe(`${titles.join(';')}\r\n`);
      const row = cells(kind)
        .map((v) => (v === null ? '' : String(v).replace('.', ',')))
        .join(';');
      const file = path.join(dir, `${kind}-ru-1251.csv`);
      fs.writeFileSync(file, Buffer.concat([res.rawPayload, iconv.encode(`${row}\r\n`, 'win1251')]));
      await importsWithOneRow(kind, file);
    },
  );

  it('is public, and refuses Kazakh titles in Windows-1251 (422) rather than writing question marks', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/templates/volunteers?lang=kk&encoding=windows-1251',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0]).toMatchObject({ rule: 'not_in_windows_1251', row: 1 });
    expect(res.json().message).toMatch(
      /^Windows-1251 cannot hold Kazakh letters: row 1, column Өңір, value "Өңір" has "Өң"/,
    );
    expect(res.json().message).toMatch(/Export in UTF-8 instead$/);
    const en = await t.app.inject({ method: 'GET', url: '/api/templates/volunteers' });
    expect(en.statusCode).toBe(200);
    expect(en.rawPayload.toString('utf8')).toBe('\uFEFFregion,period,dimension,category,volunteers\r\n');
  });
});
