// The report as one standalone HTML page: server-rendered, readable without JavaScript, charts
// inline as SVG, a print stylesheet for A4 with each section starting on a new page. Every string
// that comes from data is escaped here; the SVG comes from ECharts, which escapes its own text.

import { escapeHtml as e } from '../../../domain/report/format.ts';
import { renderChartSvg } from '../charts/svg.ts';
import { cellText, isNumericColumn } from './cells.ts';
import type { Chart, ReportDocument, Section, Table } from './model.ts';

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 980px;
  padding: 24px 20px 48px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 28px; margin: 0 0 6px; } h2 { font-size: 22px; margin: 0 0 12px; color: #0b4f8a; }
h3 { font-size: 16px; margin: 18px 0 8px; }
.subtitle { color: #444; margin: 0 0 8px; font-style: italic; }
.provisional { border: 2px solid #b3261e; color: #b3261e; padding: 8px 12px; margin: 12px 0;
  font-weight: bold; }
.provisional strong { letter-spacing: .08em; margin-right: 8px; }
.empty { border: 1px solid #888; background: #f4f4f4; padding: 16px; font-size: 18px; }
nav ol { columns: 2; padding-left: 22px; } nav a { color: #0b4f8a; }
section { margin: 36px 0; }
.narrative p { margin: 0 0 8px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px;
  margin: 14px 0; }
.figures div { border-left: 4px solid #0b4f8a; background: #f2f6fa; padding: 8px 12px; }
.figures dt { font-size: 13px; color: #333; } .figures dd { margin: 2px 0 0; font-size: 22px; font-weight: bold; }
.figures .fnote { display: block; font-size: 12px; font-weight: normal; color: #444; }
figure { margin: 16px 0; } figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #333; margin-top: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #c9ced6; padding: 4px 6px; vertical-align: top; }
thead th { background: #e8eef5; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.mark { text-align: center; }
tbody th { min-width: 9em; }
tbody th { text-align: left; font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; background: #f6f6f6; }
tfoot th { text-align: left; }
.method { border: 1px solid #c9ced6; background: #fbfbf3; padding: 8px 14px; margin: 12px 0; font-size: 13px; }
.method h3 { margin-top: 6px; font-size: 14px; }
.note { font-size: 13px; color: #444; margin: 4px 0; }
footer { margin-top: 40px; font-size: 12px; color: #555; border-top: 1px solid #ccc; padding-top: 8px; }
.compact section { margin: 14px 0; }
.compact .figures dd { font-size: 30px; }
.compact .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.compact figure { margin: 4px 0; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { break-after: page; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  .compact main > section { break-before: auto; }
  .compact { font-size: 9.5pt; }
  .compact h1 { font-size: 18pt; } .compact h2 { font-size: 13pt; margin-bottom: 4px; }
  .compact .figures { grid-template-columns: repeat(4, 1fr); gap: 6px; margin: 6px 0; }
  .compact .figures div { padding: 4px 8px; }
  .compact .figures dd { font-size: 16pt; }
  .compact .note { font-size: 8pt; margin: 2px 0; }
  .compact footer { margin-top: 8px; }
  figure, .figures, .method, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; } th, td { padding: 2px 4px; }
}
`;

function tableHtml(table: Table, lang: ReportDocument['lang']): string {
  const head = table.columns
    .map((c) => `<th scope="col"${isNumericColumn(c) ? ' class="num"' : ''}>${e(c.label)}</th>`)
    .join('');
  const row = (cells: Table['rows'][number], tag: 'tbody' | 'tfoot') =>
    `<tr>${cells
      .map((v, i) => {
        const col = table.columns[i];
        if (!col) return '';
        const text = e(cellText(v, col, lang));
        const num = isNumericColumn(col) ? ' class="num"' : col.kind === 'mark' ? ' class="mark"' : '';
        // The first text column names the row: a row header for screen readers.
        return i === 0 && col.kind === 'text'
          ? `<th scope="row">${text}</th>`
          : tag === 'tfoot' && i === 0
            ? `<th scope="row"${num}>${text}</th>`
            : `<td${num}>${text}</td>`;
      })
      .join('')}</tr>`;
  const body = table.rows.map((r) => row(r, 'tbody')).join('\n');
  const foot = table.footer ? `<tfoot>${row(table.footer, 'tfoot')}</tfoot>` : '';
  // A wide table scrolls inside its wrapper: the wrapper takes keyboard focus so it can be
  // scrolled without a mouse, and is named after the table.
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${e(table.title)}"><table id="${e(table.id)}"><caption>${e(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table></div>`;
}

function chartHtml(chart: Chart, doc: ReportDocument): string {
  const size = doc.compact ? { width: chart.width ?? 460, height: chart.height ?? 260 } : chart;
  const svg = renderChartSvg(chart.spec, doc.lang, chart.description, size, chart.id);
  return `<figure id="${e(chart.id)}">${svg}<figcaption>${e(chart.title)}</figcaption></figure>`;
}

function sectionHtml(s: Section, doc: ReportDocument): string {
  const parts: string[] = [`<h2 id="h-${e(s.id)}">${e(s.title)}</h2>`];
  if (s.narrative.length)
    parts.push(`<div class="narrative">${s.narrative.map((p) => `<p>${e(p)}</p>`).join('')}</div>`);
  if (s.figures?.length)
    parts.push(
      `<dl class="figures">${s.figures
        .map(
          (f) =>
            `<div><dt>${e(f.label)}</dt><dd>${e(f.value)}${f.note ? `<span class="fnote">${e(f.note)}</span>` : ''}</dd></div>`,
        )
        .join('')}</dl>`,
    );
  for (const m of s.method ?? [])
    parts.push(
      `<div class="method"><h3>${e(m.title)}</h3>${
        m.lines.length > 1
          ? `<ul>${m.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`
          : `<p>${e(m.lines[0] ?? '')}</p>`
      }</div>`,
    );
  if (s.charts?.length) {
    const charts = s.charts.map((c) => chartHtml(c, doc)).join('\n');
    parts.push(doc.compact ? `<div class="charts">${charts}</div>` : charts);
  }
  for (const t of s.tables ?? []) parts.push(tableHtml(t, doc.lang));
  for (const n of s.notes ?? []) parts.push(`<p class="note">${e(n)}</p>`);
  return `<section id="${e(s.id)}" aria-labelledby="h-${e(s.id)}">\n${parts.join('\n')}\n</section>`;
}

export function renderDocumentHtml(doc: ReportDocument, contentsLabel: string): string {
  const provisional = doc.provisional
    ? `<p class="provisional" role="note"><strong>${e(doc.provisionalBadge)}</strong>${e(doc.provisionalNote)}</p>`
    : '';
  const nav =
    !doc.compact && doc.sections.length > 1
      ? `<nav aria-labelledby="toc"><h2 id="toc">${e(contentsLabel)}</h2><ol>${doc.sections
          .map((s) => `<li><a href="#${e(s.id)}">${e(s.title)}</a></li>`)
          .join('')}</ol></nav>`
      : '';
  const empty = doc.empty ? `<p class="empty" role="status">${e(doc.empty)}</p>` : '';
  return `<!doctype html>
<html lang="${e(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body${doc.compact ? ' class="compact"' : ''}>
<header>
<h1>${e(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${e(doc.subtitle)}</p>` : ''}
${provisional}
${empty}
</header>
${nav}
<main>
${doc.sections.map((s) => sectionHtml(s, doc)).join('\n')}
</main>
<footer><p>${e(doc.footer)}</p></footer>
</body>
</html>
`;
}
