// Monthly monitoring: the month and the year to date, nationally and per region, with the monthly
// dynamics chart and the submission status of each region's month.

import type { Lang } from '../../../domain/lang.ts';
import { formatInt, isNumber, MISSING, monthName, monthYearLabel } from '../../../domain/report/format.ts';
import { keyOf, translator } from '../../../domain/report/narrative.ts';
import type { MonthlyReport } from '../reports.schemas.ts';
import { generatedFooter, missingNote, monthlyHoursLine, namer } from './common.ts';
import type { Chart, ReportDocument, Section } from './model.ts';

export function buildMonthlyDocument(
  r: MonthlyReport,
  lang: Lang = r.lang,
  now = new Date(),
): ReportDocument {
  const t = translator(lang);
  const n = namer(r.regions.map((x) => ({ code: x.region, name: x.name })));
  const label = monthYearLabel(r.month, r.year, lang);
  const scope = r.region ? n.region(r.region) : t('render.nationalScope');
  const { month, ytd } = r.national;
  const empty = [month.hours, month.events, ytd.hours, ytd.events].every((v) => !isNumber(v) || v === 0);
  const fig = (
    key: 'events' | 'eventVolunteers' | 'hours' | 'beneficiaries',
    m: number | null,
    y: number | null,
  ) => ({
    label: t(`render.${key}`),
    value: formatInt(m, lang),
    raw: m,
    note: `${t('render.yearToDate')}: ${formatInt(y, lang)}`,
  });
  const national: Section = {
    id: 'national',
    title: scope,
    narrative: r.narrative,
    figures: [
      fig('events', month.events, ytd.events),
      fig('eventVolunteers', month.eventVolunteers, ytd.eventVolunteers),
      fig('hours', month.hours, ytd.hours),
      fig('beneficiaries', month.beneficiaries, ytd.beneficiaries),
    ],
    notes: [
      missingNote(t, n, t('render.monthValue'), r.missingRegions.month),
      missingNote(t, n, t('render.yearToDate'), r.missingRegions.ytd),
      ...r.notes.map((x) => x.text),
    ].filter((x): x is string => !!x),
  };
  const charts: Chart[] = r.dynamics.some((d) => isNumber(d.hours))
    ? [
        {
          id: 'chart-monthly',
          title: t('render.charts.monthly'),
          description: t('render.charts.monthly'),
          spec: monthlyHoursLine(t, lang, r.dynamics),
        },
      ]
    : [];
  const dynamics: Section = {
    id: 'dynamics',
    title: t('render.charts.monthly'),
    narrative: [],
    charts,
    tables: [
      {
        id: 'table-dynamics',
        title: t('render.tables.monthly'),
        sheet: t('render.tables.monthly'),
        columns: [
          { label: t('render.month'), kind: 'text' },
          { label: t('render.events'), kind: 'int' },
          { label: t('render.eventVolunteers'), kind: 'int' },
          { label: t('render.hours'), kind: 'int' },
        ],
        rows: r.dynamics.map((d) => [
          monthName(Number(d.period.slice(5, 7)), lang),
          d.events,
          d.eventVolunteers,
          d.hours,
        ]),
      },
    ],
  };
  const status = (s: string | null) => {
    const key = s === null ? null : keyOf('render.statuses', s);
    return key ? t(key) : s === null ? MISSING : `render.statuses.${s}`;
  };
  const regions: Section = {
    id: 'regions',
    title: t('render.tables.regionsHalf'),
    narrative: [],
    tables: [
      {
        id: 'table-regions',
        title: t('render.tables.regionsMonth'),
        sheet: t('render.tables.regionsHalf'),
        columns: [
          { label: t('render.region'), kind: 'text' },
          { label: t('render.status'), kind: 'text' },
          { label: `${t('render.events')}: ${t('render.monthValue')}`, kind: 'int' },
          { label: `${t('render.hours')}: ${t('render.monthValue')}`, kind: 'int' },
          { label: `${t('render.events')}: ${t('render.yearToDate')}`, kind: 'int' },
          { label: `${t('render.hours')}: ${t('render.yearToDate')}`, kind: 'int' },
          { label: t('render.monthsWithData'), kind: 'int' },
        ],
        rows: r.regions.map((x) => [
          x.name,
          status(x.status),
          x.month.events,
          x.month.hours,
          x.ytd.events,
          x.ytd.hours,
          x.monthsWithData,
        ]),
        footer: [t('render.total'), '', month.events, month.hours, ytd.events, ytd.hours, null],
      },
    ],
  };
  const ytdArea = new Map(r.ytdHoursByArea.map((a) => [a.area, a]));
  const areaCodes = [
    ...new Set([...r.ytdHoursByArea.map((a) => a.area), ...r.hoursByArea.map((a) => a.area)]),
  ];
  const monthArea = new Map(r.hoursByArea.map((a) => [a.area, a]));
  const areas: Section = {
    id: 'areas',
    title: t('render.charts.hoursByArea'),
    narrative: [],
    tables: [
      {
        id: 'table-hours-by-area',
        // Not the section's heading: the table's scroll region needs a name of its own.
        title: `${t('render.charts.hoursByArea')}: ${t('render.monthValue')}, ${t('render.yearToDate')}`,
        sheet: t('render.tables.areasHalf'),
        columns: [
          { label: t('render.area'), kind: 'text' },
          { label: t('render.monthValue'), kind: 'int' },
          { label: t('render.share'), kind: 'percent' },
          { label: t('render.yearToDate'), kind: 'int' },
          { label: t('render.share'), kind: 'percent' },
        ],
        rows: areaCodes.map((code) => {
          const m = monthArea.get(code);
          const y = ytdArea.get(code);
          return [
            (m ?? y)?.name ?? code,
            m?.hours ?? null,
            m?.share ?? null,
            y?.hours ?? null,
            y?.share ?? null,
          ];
        }),
      },
    ],
  };
  return {
    lang,
    kind: 'monthly',
    title: r.title || t('render.monthlyTitle', { period: label }),
    subtitle: scope,
    provisional: r.provisional,
    provisionalBadge: t('render.provisionalBadge'),
    provisionalNote: t('render.provisional'),
    empty: empty ? t('render.emptyPeriod', { period: label }) : undefined,
    sections: [national, dynamics, regions, areas],
    footer: generatedFooter(t, lang, now, String(r.year)),
    fileName: `birgemiz-monthly-${r.period}${r.region ? `-${r.region}` : ''}-${lang}`,
  };
}
