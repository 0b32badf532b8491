// §15 of the annual report as a document: impact (issue 12 item 5). Key figures each with its
// coverage beside it ("12 of 30 volunteers active in 2026"), a chart of the shares by region, the
// figures by region and by area in two tables each (the volunteers' participation; the results and
// the volunteers' view), the beneficiaries by type, and how each figure is counted.
import type { Lang } from '../../../domain/lang.ts';
import { formatInt, formatNumber, formatPercent, isNumber, MISSING } from '../../../domain/report/format.ts';
import type { Translate } from '../../../domain/report/narrative.ts';
import type { ImpactFiguresView, ImpactSectionView } from '../../impact/impact.schemas.ts';
import { sheetName } from './annual.ts';
import type { Cell, KeyFigure, Section, Table } from './model.ts';

type Row = ImpactFiguresView & { name: string };

export function impactDocument(
  x: ImpactSectionView,
  t: Translate,
  lang: Lang,
  s: Section,
  num: number,
): void {
  if (!x.available) return;
  const f = x.national;
  const nOf = (c: { n: number; of: number }): Cell => (c.of > 0 ? t('impact.render.nOf', c) : MISSING);
  const mean = (v: number | null) => formatNumber(v, lang, 2);
  const fig = (label: string, value: string, raw: number | null, note: string): KeyFigure => ({
    label,
    value,
    raw,
    note,
  });
  s.figures = [
    fig(
      t('impact.render.retention'),
      formatPercent(f.retention.value, lang),
      f.retention.value,
      t('impact.render.coverageRetention', { ...f.retention, year: String(x.year - 1) }),
    ),
    fig(
      t('impact.render.repeat'),
      formatPercent(f.repeatParticipation.value, lang),
      f.repeatParticipation.value,
      t('impact.render.coverageRepeat', f.repeatParticipation),
    ),
    fig(
      t('impact.render.noShow'),
      formatPercent(f.noShowRate.value, lang),
      f.noShowRate.value,
      t('impact.render.coverageNoShow', f.noShowRate),
    ),
    fig(
      t('impact.render.response'),
      formatNumber(f.responseHours.value, lang, 1),
      f.responseHours.value,
      t('impact.render.coverageResponse', f.responseHours),
    ),
    fig(
      t('impact.render.beneficiaries'),
      formatNumber(f.beneficiariesPer100Hours.value, lang, 2),
      f.beneficiariesPer100Hours.value,
      t('impact.render.coverageReports', f.beneficiariesPer100Hours),
    ),
    fig(
      t('impact.render.satisfaction'),
      mean(f.satisfaction.value),
      f.satisfaction.value,
      t('impact.render.coverageSurveys', f.satisfaction),
    ),
    fig(
      t('impact.render.skills'),
      mean(f.skillsGained.value),
      f.skillsGained.value,
      t('impact.render.coverageSurveys', f.skillsGained),
    ),
  ];
  const shares = x.byRegion.filter(
    (r) =>
      isNumber(r.retention.value) || isNumber(r.repeatParticipation.value) || isNumber(r.noShowRate.value),
  );
  s.charts = shares.length
    ? [
        {
          id: 'chart-impact-regions',
          title: t('impact.render.chart'),
          description: t('impact.render.chart'),
          spec: {
            kind: 'bar',
            horizontal: true,
            valueFormat: 'percent',
            categories: shares.map((r) => r.name),
            series: [
              { name: t('impact.render.retention'), values: shares.map((r) => r.retention.value) },
              { name: t('impact.render.repeat'), values: shares.map((r) => r.repeatParticipation.value) },
              { name: t('impact.render.noShow'), values: shares.map((r) => r.noShowRate.value) },
            ],
          },
        },
      ]
    : [];
  const table = (id: string, title: string, first: string, rows: Row[], results: boolean): Table => ({
    id,
    title,
    sheet: sheetName(num, title),
    columns: results
      ? [
          { label: first, kind: 'text' },
          { label: t('impact.render.response'), kind: 'number', digits: 1 },
          { label: t('impact.render.answered'), kind: 'text' },
          { label: t('impact.render.beneficiaries'), kind: 'number', digits: 2 },
          { label: t('impact.render.reported'), kind: 'text' },
          { label: t('impact.render.satisfaction'), kind: 'number', digits: 2 },
          { label: t('impact.render.skills'), kind: 'number', digits: 2 },
          { label: t('impact.render.surveys'), kind: 'text' },
        ]
      : [
          { label: first, kind: 'text' },
          { label: t('impact.render.retention'), kind: 'percent' },
          { label: t('impact.render.volunteersPrevious'), kind: 'int' },
          { label: t('impact.render.repeat'), kind: 'percent' },
          { label: t('impact.render.active'), kind: 'int' },
          { label: t('impact.render.noShow'), kind: 'percent' },
          { label: t('impact.render.marked'), kind: 'int' },
        ],
    rows: rows.map((r) =>
      results
        ? [
            r.name,
            r.responseHours.value,
            nOf(r.responseHours),
            r.beneficiariesPer100Hours.value,
            nOf(r.beneficiariesPer100Hours),
            r.satisfaction.value,
            r.skillsGained.value,
            nOf(r.satisfaction),
          ]
        : [
            r.name,
            r.retention.value,
            r.retention.of,
            r.repeatParticipation.value,
            r.repeatParticipation.of,
            r.noShowRate.value,
            r.noShowRate.of,
          ],
    ),
  });
  const regionLabel = t('render.region');
  const areaLabel = t('render.area');
  const reachedTotal = x.reached.reduce((a, r) => a + r.beneficiaries, 0);
  s.tables = [
    table(
      'table-impact-volunteers-regions',
      t('impact.render.volunteersByRegion'),
      regionLabel,
      x.byRegion,
      false,
    ),
    table('table-impact-results-regions', t('impact.render.resultsByRegion'), regionLabel, x.byRegion, true),
    table('table-impact-volunteers-areas', t('impact.render.volunteersByArea'), areaLabel, x.byArea, false),
    table('table-impact-results-areas', t('impact.render.resultsByArea'), areaLabel, x.byArea, true),
  ];
  if (x.reached.length) {
    const title = t('impact.render.reached');
    s.tables.push({
      id: 'table-impact-reached',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('impact.render.type'), kind: 'text' },
        { label: t('impact.render.count'), kind: 'int' },
        { label: t('render.share'), kind: 'percent' },
      ],
      rows: x.reached.map((r) => [
        r.name,
        r.beneficiaries,
        reachedTotal ? (100 * r.beneficiaries) / reachedTotal : null,
      ]),
      footer: [t('render.total'), reachedTotal, 100],
    });
  }
  s.method = [
    {
      title: t('impact.render.method'),
      lines: [
        t('impact.note.retention'),
        t('impact.note.beneficiaries'),
        t('impact.note.surveys', { min: x.minSurveys }),
      ],
    },
  ];
  // The coverage of the whole section in one line, for a reader of the tables only.
  s.notes = [
    `${t('impact.render.beneficiaries')}: ${t('impact.render.coverageReports', f.beneficiariesPer100Hours)}; ${formatInt(
      f.beneficiariesPer100Hours.beneficiaries,
      lang,
    )} / ${formatNumber(f.beneficiariesPer100Hours.hours, lang, 0)} ${t('render.hours').toLowerCase()}`,
  ];
}
