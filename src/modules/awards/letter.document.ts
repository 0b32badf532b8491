// A letter of thanks or a Best Volunteer letter as PDF (issue 13 item 2), in kk, ru or en: pdfkit
// with DejaVu Sans embedded (ә ғ қ ң ө ұ ү һ і drawn), the reasons as they stood when the front
// office chose, and the verification code with a QR code of the public check, as the record book's
// certificates carry them. The letter names its addressee in full (it is addressed to them); the
// public check shows a person's initials only.
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { Lang } from '../../domain/lang.ts';
import { drawQr } from '../record-book/certificate.documents.ts';
import type { OrgFigures, VolunteerFigures } from './letters.schemas.ts';

const FONT = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans.ttf', import.meta.url));
const FONT_BOLD = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url));

export interface LetterDoc {
  kind: 'thanks' | 'best_volunteer';
  recipient: 'volunteer' | 'organization';
  name: string;
  /** YYYY-H1 / YYYY-H2 or YYYY. */
  period: string;
  /** The region's name in the letter's language. */
  region: string;
  reasons: VolunteerFigures | OrgFigures;
  code: string;
  verifyUrl: string;
  issuedAt: string;
  lang: Lang;
  illustrative: boolean;
  areaName(code: string): string;
}

const num = (x: number, lang: Lang) => {
  const s = (Math.round(x * 10) / 10).toString();
  return lang === 'en' ? s : s.replace('.', ',');
};

interface Texts {
  title: Record<LetterDoc['kind'], string>;
  /** "in the first half of 2026" as the sentence needs it. */
  when: (period: string) => string;
  dear: (name: string, recipient: LetterDoc['recipient']) => string;
  thanks: (when: string, recipient: LetterDoc['recipient']) => string;
  best: (name: string, year: string) => string;
  region: (r: string) => string;
  because: string;
  volunteer: (f: VolunteerFigures, lang: Lang) => string;
  assessment: (avg: string, n: number) => string;
  areas: (a: string) => string;
  organization: (f: OrgFigures, lang: Lang) => string;
  signature: string;
  code: string;
  check: (url: string) => string;
  issued: (d: string) => string;
  illustrative: string;
}

const half = (p: string) => ({ year: p.slice(0, 4), first: p.endsWith('H1') });

const TEXT: Record<Lang, Texts> = {
  kk: {
    title: { thanks: 'Алғыс хат', best_volunteer: 'Өңірдің үздік волонтері' },
    when: (p) => {
      const h = half(p);
      return /H[12]$/.test(p)
        ? `${h.year} жылдың ${h.first ? 'бірінші' : 'екінші'} жартыжылдығында`
        : `${p} жылы`;
    },
    dear: (n, r) => (r === 'volunteer' ? `Құрметті ${n}!` : `«${n}» ұжымына`),
    thanks: (w, r) =>
      r === 'volunteer'
        ? `${w} волонтерлік қызметке қосқан үлесіңіз үшін шын жүректен алғыс білдіреміз.`
        : `${w} волонтерлікті дамытуға қосқан үлесіңіз үшін шын жүректен алғыс білдіреміз.`,
    best: (n, y) => `«Өңірдің үздік волонтері — ${y}» атағы берілді: ${n}.`,
    region: (r) => `Өңір: ${r}.`,
    because: 'Ұсыныс негізі',
    volunteer: (f, l) =>
      `${num(f.hours, l)} сағат, ${f.participations} қатысу, ${f.organizations} ұйымдастырушы.`,
    assessment: (a, n) => `Ұйымдастырушылардың бағасы: 5-тен ${a} (${n} баға).`,
    areas: (a) => `Бағыттар: ${a}.`,
    organization: (f, l) =>
      `${f.records} іс-шара (${f.months} ай), ${f.volunteers} волонтер, ${num(f.hours, l)} сағат; мерзімінде тапсырылған айлардағы жазбалар: ${f.onTime}.`,
    signature: 'Birgemiz — волонтерлік қызметті мониторингтеу және қолдаудың ұлттық жүйесі',
    code: 'Тексеру коды',
    check: (u) => `Хаттың түпнұсқалығын тексеру: ${u}`,
    issued: (d) => `Берілген күні: ${d}`,
    illustrative: 'Демонстрациялық деректер (иллюстрация)',
  },
  ru: {
    title: { thanks: 'Благодарственное письмо', best_volunteer: 'Лучший волонтер региона' },
    when: (p) => {
      const h = half(p);
      return /H[12]$/.test(p) ? `в ${h.first ? 'первом' : 'втором'} полугодии ${h.year} года` : `в ${p} году`;
    },
    dear: (n, r) => (r === 'volunteer' ? `${n}!` : `Коллективу «${n}»`),
    thanks: (w, r) =>
      r === 'volunteer'
        ? `Выражаем искреннюю благодарность за вклад в волонтерскую деятельность ${w}.`
        : `Выражаем искреннюю благодарность за вклад в развитие волонтерства ${w}.`,
    best: (n, y) => `Присвоено звание «Лучший волонтер региона — ${y}»: ${n}.`,
    region: (r) => `Регион: ${r}.`,
    because: 'Основание',
    volunteer: (f, l) =>
      `${num(f.hours, l)} ч, участий: ${f.participations}, организаторов: ${f.organizations}.`,
    assessment: (a, n) => `Оценка организаторов: ${a} из 5 (оценок: ${n}).`,
    areas: (a) => `Направления: ${a}.`,
    organization: (f, l) =>
      `Мероприятий: ${f.records} (месяцев: ${f.months}), волонтеров: ${f.volunteers}, ${num(f.hours, l)} ч; записей в месяцах, сданных в срок: ${f.onTime}.`,
    signature: 'Birgemiz — национальная система мониторинга и поддержки волонтерства',
    code: 'Код проверки',
    check: (u) => `Проверить подлинность письма: ${u}`,
    issued: (d) => `Дата выдачи: ${d}`,
    illustrative: 'Демонстрационные данные (иллюстрация)',
  },
  en: {
    title: { thanks: 'Letter of thanks', best_volunteer: 'Best Volunteer of the Region' },
    when: (p) => {
      const h = half(p);
      return /H[12]$/.test(p) ? `in the ${h.first ? 'first' : 'second'} half of ${h.year}` : `in ${p}`;
    },
    dear: (n, r) => (r === 'volunteer' ? `Dear ${n},` : `To ${n}`),
    thanks: (w, r) =>
      r === 'volunteer'
        ? `Thank you for your contribution to volunteering ${w}.`
        : `Thank you for your contribution to the development of volunteering ${w}.`,
    best: (n, y) => `The title “Best Volunteer of the Region ${y}” is awarded to ${n}.`,
    region: (r) => `Region: ${r}.`,
    because: 'On the basis of',
    volunteer: (f, l) =>
      `${num(f.hours, l)} hours in ${f.participations} participations with ${f.organizations} organisers.`,
    assessment: (a, n) => `Organisers’ assessment: ${a} of 5 (${n} assessments).`,
    areas: (a) => `Areas: ${a}.`,
    organization: (f, l) =>
      `${f.records} events in ${f.months} months, ${f.volunteers} volunteers, ${num(f.hours, l)} hours; ${f.onTime} records in months submitted on time.`,
    signature: 'Birgemiz — the national system for monitoring and supporting volunteering',
    code: 'Verification code',
    check: (u) => `Check this letter: ${u}`,
    issued: (d) => `Issued: ${d}`,
    illustrative: 'Demonstration data (illustrative)',
  },
};

const day = (iso: string, lang: Lang) => {
  // The issue date in Kazakhstan (UTC+5).
  const kz = new Date(Date.parse(iso) + 5 * 3600_000).toISOString();
  const [y, m, d] = kz.slice(0, 10).split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
};

/** The lines of the letter, in order (shared by the PDF and the tests' expectations). */
export function letterLines(l: LetterDoc) {
  const t = TEXT[l.lang];
  const body: string[] = [];
  if (l.kind === 'best_volunteer') body.push(t.best(l.name, l.period));
  else body.push(t.dear(l.name, l.recipient), t.thanks(t.when(l.period), l.recipient));
  body.push(t.region(l.region));
  const reasons: string[] = [];
  if (l.recipient === 'volunteer') {
    const f = l.reasons as VolunteerFigures;
    reasons.push(t.volunteer(f, l.lang));
    if (f.assessment) reasons.push(t.assessment(num(f.assessment.average, l.lang), f.assessment.count));
    if (f.areas.length) reasons.push(t.areas(f.areas.map(l.areaName).join(', ')));
  } else reasons.push(t.organization(l.reasons as OrgFigures, l.lang));
  return { t, title: t.title[l.kind], body, reasons, issued: t.issued(day(l.issuedAt, l.lang)) };
}

/** The letter as a PDF (one page). */
export async function letterPdf(l: LetterDoc): Promise<Buffer> {
  const { t, title, body, reasons, issued } = letterLines(l);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    info: { Title: `${title} ${l.code}`, Author: 'Birgemiz', Creator: 'Birgemiz' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  drawQr(doc, l.verifyUrl, 435, 50, 110);
  doc.font('body').fontSize(8).text(t.code, 435, 165, { width: 110, align: 'center' });
  doc.font('bold').fontSize(10).text(l.code, 435, 177, { width: 110, align: 'center' });
  doc.font('bold').fontSize(24).text(title, 60, 110, { width: 360 });
  doc.moveDown(1.5);
  for (const line of body) {
    doc.font('body').fontSize(13).text(line, 60, doc.y, { width: 475 });
    doc.moveDown(0.6);
  }
  doc.moveDown(0.6);
  doc.font('bold').fontSize(10).text(t.because, 60, doc.y, { width: 475 });
  for (const line of reasons) doc.font('body').fontSize(10).text(line, 60, doc.y, { width: 475 });
  doc.moveDown(3);
  doc.font('bold').fontSize(11).text(t.signature, 60, doc.y, { width: 475 });
  doc.moveDown(0.5);
  doc.font('body').fontSize(10).text(issued, { width: 475 });
  if (l.illustrative) {
    doc.moveDown(0.5);
    doc.font('bold').fontSize(10).fillColor('#8a1212').text(t.illustrative, { width: 475 });
    doc.fillColor('#000000');
  }
  doc
    .font('body')
    .fontSize(8)
    .text(t.check(l.verifyUrl), 60, doc.page.height - 100, { width: 475 });
  doc.end();
  return done;
}
