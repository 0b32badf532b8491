// The report as an .xlsx workbook for the analysts: a summary sheet of the key figures, then every
// table on its own sheet — numbers stored as numbers with a number format (percentages as
// fractions formatted 0.00 %, so a sum or a chart in Excel works on them), the header row bold and
// frozen, columns sized to their content, sheet names unique and at most 31 characters.
import type ExcelJS from 'exceljs';
import { isNumber } from '../../../domain/report/format.ts';
import { exceljs } from '../../../lib/heavy-modules.ts';
import type { Column, ReportDocument, Table } from './model.ts';

const MAX_SHEET = 31;

function numFmt(c: Column): string | undefined {
  switch (c.kind) {
    case 'int':
    case 'kzt':
      return '#,##0';
    case 'number':
      return c.digits ? `#,##0.${'0'.repeat(c.digits)}` : '#,##0';
    case 'percent':
      return `0.${'0'.repeat(c.digits ?? 2)}%`;
    case 'change':
      return '+0.0%;-0.0%;0.0%';
    default:
      return undefined;
  }
}

/** Percent and change columns hold percentages (38.35); a spreadsheet wants the fraction. */
function cellValue(v: unknown, c: Column): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!isNumber(v)) return null;
    return c.kind === 'percent' || c.kind === 'change' ? v / 100 : v;
  }
  return String(v);
}

function uniqueName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
  let name = clean.slice(0, MAX_SHEET);
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = clean.slice(0, MAX_SHEET - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

function addTable(wb: ExcelJS.Workbook, table: Table, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.getCell('A1').value = table.title;
  ws.getCell('A1').font = { bold: true, size: 12 };
  const header = ws.getRow(2);
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.label;
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const widths = table.columns.map((c) => Math.min(40, Math.max(10, c.label.length * 0.8)));
  const write = (cells: Table['rows'][number], bold: boolean) => {
    const row = ws.addRow(cells.map((v, i) => cellValue(v, table.columns[i] as Column)));
    table.columns.forEach((c, i) => {
      const fmt = numFmt(c);
      if (fmt) row.getCell(i + 1).numFmt = fmt;
      const v = cells[i];
      if (typeof v === 'string') widths[i] = Math.min(60, Math.max(widths[i] as number, v.length + 2));
      else if (isNumber(v)) widths[i] = Math.max(widths[i] as number, String(Math.round(v)).length + 4);
    });
    if (bold) row.font = { bold: true };
  };
  for (const r of table.rows) write(r, false);
  if (table.footer) write(table.footer, true);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

export async function renderDocumentXlsx(
  doc: ReportDocument,
  labels: { summary: string; section: string; figure: string; value: string },
): Promise<Buffer> {
  const wb = new (exceljs().Workbook)();
  wb.creator = 'Birgemiz';
  wb.title = doc.title;
  // Fixed dates keep the file identical for the same data (the generation date is in the summary).
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const used = new Set<string>();
  const summary = wb.addWorksheet(uniqueName(labels.summary, used), {
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  summary.getCell('A1').value = doc.title;
  summary.getCell('A1').font = { bold: true, size: 13 };
  summary.getCell('A2').value = [
    doc.provisional ? `${doc.provisionalBadge}: ${doc.provisionalNote}` : '',
    doc.empty ?? '',
    doc.footer,
  ]
    .filter(Boolean)
    .join(' ');
  const head = summary.getRow(3);
  head.values = [labels.section, labels.figure, labels.value];
  head.font = { bold: true };
  for (const s of doc.sections) {
    for (const f of s.figures ?? []) {
      const row = summary.addRow([s.title, f.label, isNumber(f.raw) ? f.raw : f.value]);
      if (isNumber(f.raw)) row.getCell(3).numFmt = Number.isInteger(f.raw) ? '#,##0' : '#,##0.00';
    }
  }
  summary.getColumn(1).width = 48;
  summary.getColumn(2).width = 40;
  summary.getColumn(3).width = 18;
  for (const s of doc.sections) for (const t of s.tables ?? []) addTable(wb, t, uniqueName(t.sheet, used));
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
