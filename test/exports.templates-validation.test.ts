// The .xlsx templates speak the officers' words (issue 10, item 6): every coded column has a
// drop-down list, fed by a second sheet of codes and labels in the template's language; a row
// filled from the drop-downs imports as the codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, KIND_COLUMNS } from '../src/modules/imports/headers.ts';
import { runImport } from '../src/modules/imports/import.service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-template-dv-'));

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function template(kind: string, lang: string): Promise<ExcelJS.Workbook> {
  const res = await t.app.inject({ method: 'GET', url: `/api/templates/${kind}?format=xlsx&lang=${lang}` });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

type Validations = Record<string, ExcelJS.DataValidation>;
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;
const letter = (kind: (typeof IMPORT_KINDS)[number], code: string) =>
  String.fromCharCode(65 + KIND_COLUMNS[kind].findIndex((c) => c.code === code));

/** The values a drop-down offers: the cells of the range its formula names. */
function offered(wb: ExcelJS.Workbook, v: ExcelJS.DataValidation): string[] {
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(v.formulae?.[0] ?? '');
  expect(m, String(v.formulae)).not.toBeNull();
  const [, sheet, col, from, , to] = m as RegExpExecArray;
  const ws = wb.getWorksheet(sheet as string) as ExcelJS.Worksheet;
  const out: string[] = [];
  for (let r = Number(from); r <= Number(to); r++) out.push(String(ws.getCell(`${col}${r}`).value));
  return out;
}

describe('.xlsx templates with drop-downs', () => {
  it.each([
    ['ru', 'Коды', 'Офлайн'],
    ['kk', 'Кодтар', 'Офлайн'],
    ['en', 'Codes', 'offline'],
  ])('activities in %s: a "%s" sheet, a drop-down on every coded column', async (lang, sheet, offline) => {
    const wb = await template('activities', lang);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['activities', sheet]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const dv = validations(ws);
    for (const col of ['region', 'organization_type', 'area', 'format', 'kind', 'rfo_support', 'excluded']) {
      const first = dv[`${letter('activities', col)}2`];
      expect(first, col).toMatchObject({ type: 'list', allowBlank: true });
      // Far enough down for a month's records.
      expect(dv[`${letter('activities', col)}1000`], col).toEqual(first);
    }
    for (const col of ['organization', 'title', 'volunteers', 'hours', 'notes'])
      expect(dv[`${letter('activities', col)}2`], col).toBeUndefined();
    const formats = offered(wb, dv[`${letter('activities', 'format')}2`] as ExcelJS.DataValidation);
    expect(formats).toHaveLength(3);
    expect(formats[0]).toBe(offline);
    // The codes sheet holds the code beside its label.
    const codes = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
    const values = codes.getSheetValues().flat().map(String);
    expect(values).toContain('other_social');
    expect(values).toContain(
      {
        ru: 'Прочее социальное волонтерство',
        kk: 'Басқа әлеуметтік волонтерлік',
        en: 'Other social volunteering',
      }[lang] as string,
    );
  });

  it.each(IMPORT_KINDS)('%s: every coded column has a drop-down', async (kind) => {
    const wb = await template(kind, 'ru');
    const dv = validations(wb.worksheets[0] as ExcelJS.Worksheet);
    const coded = KIND_COLUMNS[kind].filter((c) =>
      [
        'region',
        'organization_type',
        'area',
        'format',
        'kind',
        'rfo_support',
        'excluded',
        'dimension',
        'category',
        'channel',
        'gender',
        'topic',
        'status',
        'related',
      ].includes(c.code),
    );
    for (const c of coded) expect(dv[`${letter(kind, c.code)}2`], `${kind}.${c.code}`).toBeDefined();
    expect(wb.worksheets.length).toBe(coded.length ? 2 : 1);
  });

  it('a row picked from the Russian drop-downs imports as the codes', async () => {
    const wb = await template('activities', 'ru');
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const dv = validations(ws);
    const pick = (col: string, i: number) =>
      offered(wb, dv[`${letter('activities', col)}2`] as ExcelJS.DataValidation)[i];
    const row: Record<string, unknown> = {
      region: pick('region', 0),
      period: '2023-05',
      organization: 'Drop-down NPO',
      organization_type: pick('organization_type', 0),
      title: 'Picked',
      area: pick('area', 0),
      format: pick('format', 1),
      kind: pick('kind', 0),
      start_date: '2023-05-02',
      end_date: '2023-05-02',
      volunteers: 3,
      hours: 6,
      excluded: pick('excluded', 0),
    };
    ws.addRow(KIND_COLUMNS.activities.map((c) => row[c.code]));
    const file = path.join(dir, 'picked.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await runImport(t.database, {
      kind: 'activities',
      path: file,
      filename: 'picked.xlsx',
      user: null,
    });
    expect(r).toMatchObject({ ok: true, inserted: 1 });
    const stored = await t.database.db
      .selectFrom('activity')
      .select(['format', 'kind', 'excluded'])
      .where('title', '=', 'Picked')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ format: 'online', kind: 'event', excluded: 'compulsory' });
  });
});
