// A record book's certificate as a document (issue 12 item 2): PDF (pdfkit, DejaVu Sans embedded so
// that ә ғ қ ң ө ұ ү һ і are drawn) and .docx, in kk, ru or en, carrying the verification code in
// groups people can type and a QR code of the verification address. The entries are those stored
// with the certificate (as issued); the holder is named by initials only.
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Lang } from '../../domain/lang.ts';
import type { Entry } from './record-book.schemas.ts';

const FONT = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans.ttf', import.meta.url));
const FONT_BOLD = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url));

export interface CertificateDoc {
  code: string; // as printed
  verifyUrl: string;
  holder: string;
  scope: string; // 'all' or a year
  lang: Lang;
  hours: number;
  participations: number;
  entries: Omit<Entry, 'id' | 'assessment'>[];
  issuedAt: string;
  /** Names of the areas and regions in the document's language. */
  areaName(code: string): string;
  regionName(code: string): string;
}

const TEXT: Record<
  Lang,
  {
    title: string;
    lead: (holder: string, scope: string) => string;
    all: string;
    year: (y: string) => string;
    totals: (h: string, n: number) => string;
    head: [string, string, string, string, string];
    code: string;
    check: (url: string) => string;
    issued: (d: string) => string;
  }
> = {
  kk: {
    title: 'Волонтерлік кітапшадан анықтама',
    lead: (h, s) => `${h} волонтердің Birgemiz платформасында расталған қатысуы (${s}).`,
    all: 'барлық жылдар',
    year: (y) => `${y} жыл`,
    totals: (h, n) => `Барлығы: ${h} сағат, ${n} қатысу.`,
    head: ['Күні', 'Іс-шара', 'Ұйымдастырушы', 'Бағыт, өңір', 'Сағат'],
    code: 'Тексеру коды',
    check: (u) => `Анықтаманың түпнұсқалығын тексеру: ${u}`,
    issued: (d) => `Берілген күні: ${d}`,
  },
  ru: {
    title: 'Справка из волонтерской книжки',
    lead: (h, s) => `Подтверждённое участие волонтера ${h} на платформе Birgemiz (${s}).`,
    all: 'все годы',
    year: (y) => `${y} год`,
    totals: (h, n) => `Всего: ${h} ч, участий: ${n}.`,
    head: ['Дата', 'Мероприятие', 'Организатор', 'Направление, регион', 'Часы'],
    code: 'Код проверки',
    check: (u) => `Проверить подлинность справки: ${u}`,
    issued: (d) => `Дата выдачи: ${d}`,
  },
  en: {
    title: 'Volunteer record book certificate',
    lead: (h, s) => `Confirmed participation of the volunteer ${h} on the Birgemiz platform (${s}).`,
    all: 'all years',
    year: (y) => `year ${y}`,
    totals: (h, n) => `Total: ${h} hours, ${n} participations.`,
    head: ['Date', 'Opportunity', 'Organiser', 'Area, region', 'Hours'],
    code: 'Verification code',
    check: (u) => `Check this certificate: ${u}`,
    issued: (d) => `Issued: ${d}`,
  },
};

/** 2027-03-01T10:00:00+05:00 → 01.03.2027 (en 01/03/2027). */
const day = (kz: string, lang: Lang) => {
  const [y, m, d] = kz.slice(0, 10).split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
};
const hoursText = (h: number, lang: Lang) => {
  const s = (Math.round(h * 100) / 100).toString();
  return lang === 'en' ? s : s.replace('.', ',');
};

function lines(c: CertificateDoc) {
  const t = TEXT[c.lang];
  const scope = c.scope === 'all' ? t.all : t.year(c.scope);
  return {
    t,
    lead: t.lead(c.holder, scope),
    totals: t.totals(hoursText(c.hours, c.lang), c.participations),
    rows: c.entries.map((e) => [
      day(e.start, c.lang),
      e.opportunity,
      e.organization,
      `${c.areaName(e.area)}, ${c.regionName(e.region)}`,
      hoursText(e.hours, c.lang),
    ]),
    issued: t.issued(day(c.issuedAt, c.lang)),
  };
}

/** The QR code of the verification address, as PNG. */
export const qrPng = (url: string): Promise<Buffer> =>
  QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });

/**
 * The QR code of the verification address drawn as squares (the same matrix as qrPng, with its
 * margin of two modules): no PNG to encode and decode again, a third of the certificate's time.
 */
export function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, width: number) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cell = width / (modules.size + 4);
  for (let r = 0; r < modules.size; r++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(r, col)) doc.rect(x + (col + 2) * cell, y + (r + 2) * cell, cell, cell);
  doc.fillColor('#000000').fill();
}

/** Rows drawn between two looks at the reader: about a page. */
const ROWS_PER_STEP = 40;
/** Bytes of PDF waiting for the reader beyond which drawing waits. */
const BACKLOG = 128 * 1024;

/**
 * The certificate as a PDF stream; pages are added as the entries need and handed to the reader as
 * they are finished (pdfkit flushes each page), and drawing waits while the reader is behind, so
 * that a record book of thousands of entries takes a bounded amount of memory.
 */
export async function certificatePdfStream(c: CertificateDoc): Promise<Readable> {
  const { t, lead, totals, rows, issued } = lines(c);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${t.title} ${c.code}`, Author: 'Birgemiz', Creator: 'Birgemiz' },
  });
  // pdfkit's _read does nothing (it pushes as it draws); ours also wakes the drawing when the
  // reader wants more.
  let wake: (() => void) | null = null;
  const resume = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  doc._read = resume;
  doc.on('close', resume);
  const behind = () => doc.readableLength > BACKLOG && !doc.destroyed;
  const draw = async () => {
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    doc.font('bold').fontSize(18).text(t.title, { width: 360 });
    doc.moveDown(0.5);
    doc.font('body').fontSize(11).text(lead, { width: 360 });
    doc.moveDown(0.5);
    doc.font('bold').fontSize(12).text(totals, { width: 360 });
    drawQr(doc, c.verifyUrl, 420, 50, 120);
    doc.font('body').fontSize(8).text(t.code, 420, 175, { width: 120, align: 'center' });
    doc.font('bold').fontSize(10).text(c.code, 420, 187, { width: 120, align: 'center' });
    doc.x = 50;
    doc.y = Math.max(doc.y, 215);
    doc.moveDown(1);
    const widths = [60, 150, 110, 130, 45];
    const row = (cells: string[], font: 'body' | 'bold') => {
      doc.font(font).fontSize(8.5);
      const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] as number) - 6 }));
      const h = Math.max(...heights) + 6;
      if (doc.y + h > doc.page.height - 70) doc.addPage();
      const y = doc.y;
      let x = 50;
      cells.forEach((cell, i) => {
        doc.text(cell, x + 3, y + 3, { width: (widths[i] as number) - 6, align: i === 4 ? 'right' : 'left' });
        x += widths[i] as number;
      });
      doc
        .moveTo(50, y + h)
        .lineTo(545, y + h)
        .lineWidth(0.3)
        .strokeColor('#999999')
        .stroke();
      doc.x = 50;
      doc.y = y + h;
    };
    row([...t.head], 'bold');
    for (let i = 0; i < rows.length; i++) {
      row(rows[i] as string[], 'body');
      if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1 && behind())
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      if (doc.destroyed) return;
    }
    doc.moveDown(1.5);
    doc.font('body').fontSize(9).text(issued, 50, doc.y, { width: 495 });
    doc.text(t.check(c.verifyUrl), { width: 495 });
    doc.end();
  };
  draw().catch((err: unknown) => doc.destroy(err instanceof Error ? err : new Error(String(err))));
  return doc;
}

/** The whole PDF in memory (tests and the benchmark; the route streams it). */
export async function certificatePdf(c: CertificateDoc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await certificatePdfStream(c)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The certificate as .docx, the same content. */
export async function certificateDocx(c: CertificateDoc): Promise<Buffer> {
  const { t, lead, totals, rows, issued } = lines(c);
  const qr = await qrPng(c.verifyUrl);
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
  const document = new Document({
    creator: 'Birgemiz',
    title: `${t.title} ${c.code}`,
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: t.title, bold: true, size: 32 })] }),
          new Paragraph({ children: [new TextRun(lead)] }),
          new Paragraph({ children: [new TextRun({ text: totals, bold: true })] }),
          new Paragraph({
            children: [
              new ImageRun({ type: 'png', data: qr, transformation: { width: 120, height: 120 } }),
              new TextRun({ text: `  ${t.code}: ${c.code}`, bold: true }),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: t.head.map((h) => cell(h, true)) }),
              ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) })),
            ],
          }),
          new Paragraph({ children: [new TextRun(issued)] }),
          new Paragraph({ children: [new TextRun(t.check(c.verifyUrl))] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
