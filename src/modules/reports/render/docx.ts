// The report as a .docx for the analysts to edit: a title, a heading per section, the narrative,
// key figures, the method, tables (header row repeated on each page) and every chart as an image.
// Word needs a bitmap beside an SVG image; with no canvas library, the bitmap is the text-less
// PNG drawn by charts/png.ts, while Word 2016+ and LibreOffice show the full SVG with its labels.
import { setImmediate } from 'node:timers/promises';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { renderChartPng } from '../charts/png.ts';
import { chartSize } from '../charts/spec.ts';
import { renderChartSvg } from '../charts/svg.ts';
import { cellText, isNumericColumn } from './cells.ts';
import type { Chart, ReportDocument, Table as ReportTable, Section } from './model.ts';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'C9CED6' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** A4 text width at 2 cm margins, in pixels at 96 dpi: charts are scaled to fit it. */
const TEXT_WIDTH_PX = 640;

type Align = 'left' | 'right' | 'center';
const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };
const alignOf = (c: ReportTable['columns'][number]): Align =>
  isNumericColumn(c) ? 'right' : c.kind === 'mark' ? 'center' : 'left';

function cell(text: string, opts: { bold?: boolean; align: Align; header?: boolean }): TableCell {
  return new TableCell({
    borders: BORDERS,
    shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF5' } : undefined,
    children: [
      new Paragraph({
        alignment: ALIGN[opts.align],
        children: [new TextRun({ text, bold: opts.bold, size: 18 })],
      }),
    ],
  });
}

function table(t: ReportTable, doc: ReportDocument): (Paragraph | Table)[] {
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map((c) => cell(c.label, { bold: true, header: true, align: alignOf(c) })),
  });
  const row = (cells: ReportTable['rows'][number], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: t.columns.map((c, i) =>
        cell(cellText(cells[i] ?? null, c, doc.lang), { bold, align: alignOf(c) }),
      ),
    });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(t.title)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...t.rows.map((r) => row(r, false)), ...(t.footer ? [row(t.footer, true)] : [])],
    }),
    new Paragraph({ text: '' }),
  ];
}

function chart(c: Chart, doc: ReportDocument): Paragraph[] {
  const size = chartSize(c.spec, c.width, c.height);
  const svg = renderChartSvg(c.spec, doc.lang, c.description, size, c.id);
  const png = renderChartPng(c.spec, size);
  const scale = Math.min(1, TEXT_WIDTH_PX / size.width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(svg, 'utf8'),
          fallback: { type: 'png', data: png },
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: c.id, title: c.title, description: c.description },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: c.title, italics: true, size: 18 })] }),
  ];
}

function section(s: Section, doc: ReportDocument, first: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [...(first || doc.compact ? [] : [new PageBreak()]), new TextRun(s.title)],
    }),
  );
  for (const p of s.narrative) out.push(new Paragraph({ text: p }));
  for (const f of s.figures ?? [])
    out.push(
      new Paragraph({
        children: [
          new TextRun({ text: `${f.label}: `, bold: false }),
          new TextRun({ text: f.value, bold: true }),
          ...(f.note ? [new TextRun({ text: ` (${f.note})`, italics: true })] : []),
        ],
      }),
    );
  for (const m of s.method ?? []) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(m.title)] }));
    for (const l of m.lines)
      out.push(new Paragraph({ text: l, bullet: m.lines.length > 1 ? { level: 0 } : undefined }));
  }
  for (const c of s.charts ?? []) out.push(...chart(c, doc));
  for (const t of s.tables ?? []) out.push(...table(t, doc));
  for (const n of s.notes ?? [])
    out.push(new Paragraph({ children: [new TextRun({ text: n, italics: true, size: 18 })] }));
  return out;
}

/**
 * The sections are laid out one per turn of the event loop (their charts' bitmaps are the costly
 * part), so that a build lets the server answer other requests in between.
 */
export async function renderDocumentDocx(doc: ReportDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  for (const [i, s] of doc.sections.entries()) {
    body.push(...section(s, doc, i === 0));
    await setImmediate();
  }
  const head: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...(doc.subtitle
      ? [new Paragraph({ children: [new TextRun({ text: doc.subtitle, italics: true })] })]
      : []),
    ...(doc.provisional
      ? [
          new Paragraph({
            children: [
              new TextRun({ text: `${doc.provisionalBadge}. `, bold: true, color: 'B3261E' }),
              new TextRun({ text: doc.provisionalNote, color: 'B3261E' }),
            ],
          }),
        ]
      : []),
    ...(doc.empty ? [new Paragraph({ children: [new TextRun({ text: doc.empty, bold: true })] })] : []),
    new Paragraph({ children: [new TextRun({ text: doc.footer, size: 16, color: '555555' })] }),
  ];
  const document = new Document({
    creator: 'Birgemiz',
    title: doc.title,
    description: doc.subtitle,
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children: [...head, ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
}
