// Renderers of the reports: the JSON computed by the report services, turned into a standalone
// HTML page, an .xlsx workbook or a .docx document in the report's language.

import type { Lang } from '../../../domain/lang.ts';
import { translator } from '../../../domain/report/narrative.ts';
import type { AnnualReport, HalfYearReport, MonthlyReport } from '../reports.schemas.ts';
import { type AnnualExtras, buildAnnualDocument } from './annual.ts';
import { renderDocumentDocx } from './docx.ts';
import { buildHalfYearDocument } from './half-year.ts';
import { renderDocumentHtml } from './html.ts';
import type { ReportDocument } from './model.ts';
import { buildMonthlyDocument } from './monthly.ts';
import { renderDocumentXlsx } from './xlsx.ts';

export type { AnnualExtras } from './annual.ts';
export type { ReportDocument } from './model.ts';
export { buildAnnualDocument, buildHalfYearDocument, buildMonthlyDocument };

function html(doc: ReportDocument): string {
  return renderDocumentHtml(doc, translator(doc.lang)('render.contents'));
}

export function renderAnnualHtml(
  report: AnnualReport,
  lang: Lang = report.lang,
  extras: AnnualExtras = {},
): string {
  return html(buildAnnualDocument(report, lang, extras));
}

export async function renderAnnualXlsx(
  report: AnnualReport,
  lang: Lang = report.lang,
  extras: AnnualExtras = {},
): Promise<Buffer> {
  const t = translator(lang);
  return renderDocumentXlsx(buildAnnualDocument(report, lang, extras), {
    summary: t('render.figures'),
    section: t('render.section'),
    figure: t('render.figure'),
    value: t('render.value'),
  });
}

export async function renderAnnualDocx(
  report: AnnualReport,
  lang: Lang = report.lang,
  extras: AnnualExtras = {},
): Promise<Buffer> {
  return renderDocumentDocx(buildAnnualDocument(report, lang, extras));
}

export function renderHalfYearHtml(report: HalfYearReport, lang: Lang = report.lang): string {
  return html(buildHalfYearDocument(report, lang));
}

export function renderMonthlyHtml(report: MonthlyReport, lang: Lang = report.lang): string {
  return html(buildMonthlyDocument(report, lang));
}
