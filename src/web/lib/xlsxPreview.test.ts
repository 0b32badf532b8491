// The upload preview reads an .xlsx written by a spreadsheet program (here exceljs, as the templates
// are): shared and inline strings, numbers, dates, empty cells keep their columns.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewXlsx } from './xlsxPreview.ts';

describe('xlsx preview', () => {
  it('gives the first rows of the first sheet as text', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Іс-шаралар');
    ws.addRow(['region', 'period', 'title', 'start_date', 'volunteers', 'hours', 'notes']);
    ws.addRow([
      'KZ-75',
      '2024-03',
      'Саябақты тазалау & <бау>',
      new Date(Date.UTC(2024, 2, 2)),
      10,
      40.5,
      null,
    ]);
    ws.addRow(['KZ-75', '2024-03', 'Қарттарға көмек', new Date(Date.UTC(2024, 2, 12)), 5, 10, 'ok']);
    for (let i = 0; i < 10; i++) ws.addRow(['KZ-75', '2024-03', `row ${i}`]);
    book.addWorksheet('second').addRow(['not shown']);
    const buffer = await book.xlsx.writeBuffer();
    const rows = await previewXlsx(new Blob([buffer]), 3);
    expect(rows).toEqual([
      ['region', 'period', 'title', 'start_date', 'volunteers', 'hours', 'notes'],
      ['KZ-75', '2024-03', 'Саябақты тазалау & <бау>', '2024-03-02', '10', '40.5'],
      ['KZ-75', '2024-03', 'Қарттарға көмек', '2024-03-12', '5', '10', 'ok'],
    ]);
  });

  it('refuses what is not a zip', async () => {
    await expect(previewXlsx(new Blob(['region,period\nKZ-75,2024-03']))).rejects.toThrow();
  });
});
