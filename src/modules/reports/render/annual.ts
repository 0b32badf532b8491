// The annual report JSON turned into a document in its language: the 14 sections of DOMAIN.md §5
// and the 15th, impact (annual-impact.ts), in order, each with its narrative (computed with the figures), key figures, charts, tables, the
// method beside the economic figure, and under every figure the regions it leaves out.

import type { Lang } from '../../../domain/lang.ts';
import {
  formatChange,
  formatInt,
  formatPercent,
  isNumber,
  MISSING,
  monthName,
} from '../../../domain/report/format.ts';
import {
  type KeysUnder,
  type ReportKey,
  type Translate,
  translator,
} from '../../../domain/report/narrative.ts';
import type { AnnualReport, Note, SectionInfo } from '../reports.schemas.ts';
import { impactDocument } from './annual-impact.ts';
import {
  donut,
  generatedFooter,
  hasValues,
  missingNote,
  monthlyHoursLine,
  type Namer,
  namer,
  territoryName,
} from './common.ts';
import type { Cell, Chart, KeyFigure, ReportDocument, Section, Table } from './model.ts';
import { priorityProjectsSection } from './priority-projects.ts';

type Report = AnnualReport;

/** The report-wide notes, printed under the figures they are about. */
const MAP_NOTES = ['not_comparable', 'like_with_like', 'change_not_comparable'];
const TOTALS_NOTES = ['merged_successors', 'unknown_regions', 'missing_population'];

function notesOf(notes: Note[]): string[] {
  return notes.map((x) => x.text).filter((x) => x.trim() !== '');
}

function compact<T>(xs: (T | null | undefined | false)[]): T[] {
  return xs.filter((x): x is T => x !== null && x !== undefined && x !== false);
}

const SHEET_MAX = 31;
export function sheetName(number: number, label: string): string {
  return `${number} ${label}`
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, SHEET_MAX)
    .trim();
}

/** Figures that sit beside the annual JSON: the year's hours and events month by month. */
export interface AnnualExtras {
  monthly?: { period: string; hours: number | null; events: number | null }[];
}

interface Ctx {
  r: Report;
  t: Translate;
  lang: Lang;
  n: Namer;
  extras: AnnualExtras;
}

function figure(label: string, value: string, raw?: number | null, note?: string): KeyFigure {
  return { label, value, raw: raw ?? null, note };
}

function codeTable(
  c: Ctx,
  id: string,
  num: number,
  title: string,
  first: string,
  items: { name: string; value: number | null; share: number | null }[],
  valueLabel: string,
): Table {
  const total = items.reduce((s, i) => s + (isNumber(i.value) ? i.value : 0), 0);
  return {
    id,
    title,
    sheet: sheetName(num, title),
    columns: [
      { label: first, kind: 'text' },
      { label: valueLabel, kind: 'int' },
      { label: c.t('render.share'), kind: 'percent' },
    ],
    rows: items.map((i) => [i.name, i.value, i.share]),
    footer: items.length
      ? [c.t('render.total'), total, items.some((i) => isNumber(i.share)) ? 100 : null]
      : undefined,
  };
}

// --- sections -----------------------------------------------------------------------------------

function totals(c: Ctx, s: Section, num: number): void {
  const { t, lang, r, n } = c;
  const x = r.totals;
  const prev = x.previousYear;
  s.figures = compact([
    figure(
      t('render.volunteers'),
      formatInt(x.volunteers, lang),
      x.volunteers,
      changeNote(c, x.volunteersChange, prev.year),
    ),
    isNumber(x.volunteersEstimate) &&
      figure(t('render.volunteersEstimate'), formatInt(x.volunteersEstimate, lang), x.volunteersEstimate),
    figure(
      t('render.populationShare'),
      formatPercent(x.populationShare, lang),
      x.populationShare,
      isNumber(x.everyNth) ? t('render.everyNth', { n: formatInt(x.everyNth, lang) }) : undefined,
    ),
    figure(t('render.hours'), formatInt(x.hours, lang), x.hours),
    figure(t('render.events'), formatInt(x.events, lang), x.events),
    figure(t('render.npo'), formatInt(x.npo, lang), x.npo, changeNote(c, x.npoChange, prev.year)),
    figure(
      t('render.initiativeGroups'),
      formatInt(x.initiativeGroups, lang),
      x.initiativeGroups,
      changeNote(c, x.initiativeGroupsChange, prev.year),
    ),
  ]);
  const rows: Cell[][] = [
    [t('render.volunteers'), x.volunteers, prev.volunteers, x.volunteersChange],
    [t('render.hours'), x.hours, prev.hours, null],
    [t('render.events'), x.events, null, null],
    [t('render.eventVolunteers'), x.eventVolunteers, null, null],
    [t('render.beneficiaries'), x.beneficiaries, null, null],
    [t('render.npo'), x.npo, prev.npo, x.npoChange],
    [t('render.initiativeGroups'), x.initiativeGroups, prev.initiativeGroups, x.initiativeGroupsChange],
    [t('render.population'), x.population, null, null],
  ];
  const title = t('render.tables.totals');
  s.tables = [
    {
      id: 'table-totals',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('render.figure'), kind: 'text' },
        { label: String(r.year), kind: 'int' },
        { label: String(prev.year), kind: 'int' },
        { label: t('render.change'), kind: 'change' },
      ],
      rows,
    },
  ];
  const m = x.missingRegions;
  s.notes = compact([
    ...notesOf(r.notes.filter((y) => TOTALS_NOTES.includes(y.code))),
    missingNote(t, n, t('render.volunteers'), m.volunteers),
    missingNote(t, n, t('render.hours'), m.hours),
    missingNote(t, n, t('render.npo'), m.npo),
    missingNote(t, n, t('render.initiativeGroups'), m.initiativeGroups),
    missingNote(t, n, t('render.population'), m.population),
  ]);
  const monthly = c.extras.monthly ?? c.r.monthly ?? [];
  if (monthly.some((m) => isNumber(m.hours) && m.hours > 0)) {
    s.charts = [
      {
        id: 'chart-monthly',
        title: t('render.charts.monthly'),
        description: t('render.charts.monthly'),
        spec: monthlyHoursLine(t, lang, monthly),
      },
    ];
    const mTitle = t('render.tables.monthly');
    s.tables.push({
      id: 'table-monthly',
      title: mTitle,
      sheet: sheetName(num, mTitle),
      columns: [
        { label: t('render.month'), kind: 'text' },
        { label: t('render.events'), kind: 'int' },
        { label: t('render.hours'), kind: 'int' },
      ],
      rows: monthly.map((m) => [monthName(Number(m.period.slice(5, 7)), lang), m.events, m.hours]),
    });
  }
}

function changeNote(c: Ctx, change: number | null, year: number): string | undefined {
  return isNumber(change) ? c.t('render.vsYear', { change: formatChange(change, c.lang), year }) : undefined;
}

function portrait(c: Ctx, s: Section, num: number): void {
  const { t, r, n } = c;
  const p = r.portrait;
  s.charts = compact<Chart>([
    hasValues(p.gender) && {
      id: 'chart-gender',
      title: t('render.tables.gender'),
      description: t('render.tables.gender'),
      spec: donut(p.gender.map((g) => ({ name: g.name, value: g.value }))),
      height: 280,
    },
  ]);
  const changeRows = r.regions
    .filter((x) => isNumber(x.volunteers) || isNumber(x.volunteersPrevious))
    .map((x) => [x.name, x.volunteersPrevious, x.volunteers, x.volunteersChange] as Cell[]);
  const changeTitle = t('render.tables.volunteersChange');
  s.tables = [
    codeTable(
      c,
      'table-gender',
      num,
      t('render.tables.gender'),
      t('render.category'),
      p.gender,
      t('render.volunteers'),
    ),
    codeTable(
      c,
      'table-age',
      num,
      t('render.tables.ageBands'),
      t('render.category'),
      p.ageBands,
      t('render.volunteers'),
    ),
    codeTable(
      c,
      'table-employment',
      num,
      t('render.tables.employment'),
      t('render.category'),
      p.employment,
      t('render.volunteers'),
    ),
    {
      id: 'table-volunteers-change',
      title: changeTitle,
      sheet: sheetName(num, changeTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: String(r.totals.previousYear.year), kind: 'int' },
        { label: String(r.year), kind: 'int' },
        { label: t('render.change'), kind: 'change' },
      ],
      rows: changeRows,
    },
  ];
  s.notes = compact([
    ...notesOf(r.notes.filter((x) => MAP_NOTES.includes(x.code))),
    missingNote(t, n, t('render.tables.gender'), p.missingRegions.gender),
    missingNote(t, n, t('render.tables.ageBands'), p.missingRegions.ageBands),
    missingNote(t, n, t('render.tables.employment'), p.missingRegions.employment),
  ]);
}

function regionalPortrait(c: Ctx, s: Section, num: number): void {
  const { t, r } = c;
  const rows = r.regions.filter((x) => isNumber(x.volunteers));
  const byVolunteers = [...rows].sort((a, b) => (b.volunteers ?? 0) - (a.volunteers ?? 0));
  const rp = r.regionalPortrait;
  // Female-prevailing regions first (most female first), then the male-prevailing ones, as the
  // report's table groups them.
  const genderOrder = [...rp.femalePrevailing, ...rp.equal, ...[...rp.malePrevailing].reverse()];
  const gRows = genderOrder
    .map((g) => r.regions.find((x) => x.region === g.region))
    .filter((x): x is Report['regions'][number] => !!x);
  const charts: Chart[] = [];
  if (byVolunteers.length)
    charts.push({
      id: 'chart-volunteers-by-region',
      title: t('render.charts.volunteersByRegion'),
      description: t('render.charts.volunteersByRegion'),
      spec: {
        kind: 'bar',
        horizontal: true,
        categories: byVolunteers.map((x) => x.name),
        series: [{ name: t('render.volunteers'), values: byVolunteers.map((x) => x.volunteers) }],
      },
    });
  if (gRows.length)
    charts.push({
      id: 'chart-gender-by-region',
      title: t('render.charts.genderByRegion'),
      description: t('render.charts.genderByRegion'),
      spec: {
        kind: 'bar',
        horizontal: true,
        stacked: true,
        valueFormat: 'percent',
        categories: gRows.map((x) => x.name),
        series: [
          { name: t('render.female'), values: gRows.map((x) => x.gender.female ?? null) },
          { name: t('render.male'), values: gRows.map((x) => x.gender.male ?? null) },
        ],
      },
    });
  s.charts = charts;
  const prevailing = (v: KeysUnder<'render.prevailing'> | null) =>
    v ? t(`render.prevailing.${v}`) : MISSING;
  const regionTitle = t('render.tables.regions');
  const ageCodes = r.portrait.ageBands;
  const empCodes = r.portrait.employment;
  const ageTitle = t('render.tables.ageByRegion');
  const empTitle = t('render.tables.employmentByRegion');
  const extremesTitle = t('render.tables.extremes');
  s.tables = [
    {
      id: 'table-regions',
      title: regionTitle,
      sheet: sheetName(num, regionTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.volunteers'), kind: 'int' },
        { label: t('render.shareOfNational'), kind: 'percent' },
        { label: t('render.female'), kind: 'percent' },
        { label: t('render.male'), kind: 'percent' },
        { label: t('render.prevails'), kind: 'text' },
      ],
      rows: (gRows.length ? [...gRows, ...r.regions.filter((x) => !gRows.includes(x))] : r.regions).map(
        (x) => [
          x.name,
          x.volunteers,
          x.volunteersShare,
          x.gender.female ?? null,
          x.gender.male ?? null,
          prevailing(x.genderPrevailing),
        ],
      ),
    },
    {
      id: 'table-age-by-region',
      title: ageTitle,
      sheet: sheetName(num, ageTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        ...ageCodes.map((a) => ({ label: a.name, kind: 'percent' as const })),
      ],
      rows: r.regions.map((x) => [x.name, ...ageCodes.map((a) => x.ageBands[a.code] ?? null)]),
    },
    {
      id: 'table-employment-by-region',
      title: empTitle,
      sheet: sheetName(num, empTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        ...empCodes.map((a) => ({ label: a.name, kind: 'percent' as const })),
      ],
      rows: r.regions.map((x) => [x.name, ...empCodes.map((a) => x.employment[a.code] ?? null)]),
    },
    {
      id: 'table-extremes',
      title: extremesTitle,
      sheet: sheetName(num, extremesTitle),
      columns: [
        { label: t('render.category'), kind: 'text' },
        { label: t('render.highest'), kind: 'text' },
        { label: t('render.share'), kind: 'percent' },
        { label: t('render.lowest'), kind: 'text' },
        { label: t('render.share'), kind: 'percent' },
      ],
      rows: [...rp.ageBandExtremes, ...rp.employmentExtremes].map((x) => [
        x.name,
        x.highest?.name ?? null,
        x.highest?.share ?? null,
        x.lowest?.name ?? null,
        x.lowest?.share ?? null,
      ]),
    },
  ];
}

function cohorts(c: Ctx, s: Section, num: number): void {
  const { t, r } = c;
  const items = r.cohorts.map((x) => ({ name: x.name, value: x.volunteers, share: x.share }));
  s.charts = hasValues(items)
    ? [
        {
          id: 'chart-cohorts',
          title: t('render.charts.cohorts'),
          description: t('render.charts.cohorts'),
          spec: donut(items),
          height: 300,
        },
      ]
    : [];
  s.tables = [
    codeTable(
      c,
      'table-cohorts',
      num,
      t('render.charts.cohorts'),
      t('render.category'),
      items,
      t('render.volunteers'),
    ),
  ];
}

function organizations(c: Ctx, s: Section, num: number): void {
  const { t, r, lang, n } = c;
  const o = r.organizations;
  s.figures = [
    figure(t('render.npo'), formatInt(o.npo, lang), o.npo, formatPercent(o.npoShare, lang, 1)),
    figure(
      t('render.initiativeGroups'),
      formatInt(o.initiativeGroups, lang),
      o.initiativeGroups,
      formatPercent(o.initiativeGroupsShare, lang, 1),
    ),
  ];
  const title = t('render.tables.organizations');
  const rows = r.regions.filter((x) => isNumber(x.npo) || isNumber(x.initiativeGroups));
  s.tables = [
    {
      id: 'table-organizations',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.npo'), kind: 'int' },
        { label: t('render.initiativeGroups'), kind: 'int' },
        { label: t('render.npoShareInRegion'), kind: 'percent' },
        { label: t('render.igShareInRegion'), kind: 'percent' },
        { label: t('render.npoNationalShare'), kind: 'percent' },
        { label: t('render.igNationalShare'), kind: 'percent' },
        { label: t('render.prevails'), kind: 'text' },
      ],
      rows: rows.map((x) => [
        x.name,
        x.npo,
        x.initiativeGroups,
        x.npoShareInRegion,
        x.initiativeGroupsShareInRegion,
        x.npoNationalShare,
        x.initiativeGroupsNationalShare,
        x.orgPrevailing ? t(`render.orgPrevailing.${x.orgPrevailing}`) : MISSING,
      ]),
      footer: [
        t('render.total'),
        o.npo,
        o.initiativeGroups,
        o.npoShare,
        o.initiativeGroupsShare,
        null,
        null,
        '',
      ],
    },
  ];
  s.notes = compact([
    o.shareBasisRegions.length ? t('render.shareBasis', { count: o.shareBasisRegions.length }) : null,
    missingNote(t, n, t('render.npo'), o.missingRegions.npo),
    missingNote(t, n, t('render.initiativeGroups'), o.missingRegions.initiativeGroups),
  ]);
}

function hoursByArea(c: Ctx, s: Section, num: number): void {
  const { t, r, n } = c;
  const areas = r.hoursByArea;
  const total = areas.reduce((sum, a) => sum + a.hours, 0);
  s.charts = areas.length
    ? [
        {
          id: 'chart-hours-by-area',
          title: t('render.charts.hoursByArea'),
          description: t('render.charts.hoursByArea'),
          spec: {
            kind: 'bar',
            horizontal: true,
            categories: areas.map((a) => a.name),
            series: [{ name: t('render.hours'), values: areas.map((a) => a.hours) }],
          },
        },
      ]
    : [];
  const title = t('render.charts.hoursByArea');
  const exTitle = t('render.tables.areaExtremes');
  const name = (x: { region: string } | null) => (x ? n.region(x.region) : null);
  s.tables = [
    {
      id: 'table-hours-by-area',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('render.area'), kind: 'text' },
        { label: t('render.hours'), kind: 'int' },
        { label: t('render.share'), kind: 'percent' },
        { label: t('render.events'), kind: 'int' },
      ],
      rows: areas.map((a) => [a.name, a.hours, a.share, a.events]),
      footer: areas.length
        ? [t('render.total'), total, 100, areas.reduce((sum, a) => sum + a.events, 0)]
        : undefined,
    },
    {
      id: 'table-area-extremes',
      title: exTitle,
      sheet: sheetName(num, exTitle),
      columns: [
        { label: t('render.area'), kind: 'text' },
        { label: t('render.topByHours'), kind: 'text' },
        { label: t('render.share'), kind: 'percent' },
        { label: t('render.topByEventShare'), kind: 'text' },
        { label: t('render.share'), kind: 'percent' },
      ],
      rows: r.areas.map((a) => [
        a.name,
        name(a.topRegionByHours),
        a.topRegionByHours?.share ?? null,
        name(a.topRegionByEventShare),
        a.topRegionByEventShare?.share ?? null,
      ]),
    },
  ];
}

function formats(c: Ctx, s: Section, num: number): void {
  const { t, r } = c;
  const items = r.eventsByFormat.map((f) => ({ name: f.name, value: f.events, share: f.share }));
  s.charts = hasValues(items)
    ? [
        {
          id: 'chart-events-by-format',
          title: t('render.charts.eventsByFormat'),
          description: t('render.charts.eventsByFormat'),
          spec: donut(items),
          height: 280,
        },
      ]
    : [];
  s.tables = [
    codeTable(
      c,
      'table-formats',
      num,
      t('render.charts.eventsByFormat'),
      t('render.format'),
      items,
      t('render.events'),
    ),
  ];
}

function representation(c: Ctx, s: Section, num: number): void {
  const { t, r, n } = c;
  const areas = r.hoursByArea.map((a) => ({ code: a.area, name: a.name }));
  const regionsInMatrix = [...new Set(r.representation.map((x) => x.region))];
  const cell = new Map(r.representation.map((x) => [`${x.region}|${x.area}`, x]));
  const title = t('render.tables.representation');
  const sharesTitle = t('render.tables.representationShares');
  const mark = (m: string | null | undefined) => (m === 'high' ? '●' : m === 'low' ? 'X' : '');
  s.tables = [
    {
      id: 'table-representation',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('render.region'), kind: 'text' },
        ...areas.map((a) => ({ label: a.name, kind: 'mark' as const })),
      ],
      rows: regionsInMatrix.map((reg) => [
        n.region(reg),
        ...areas.map((a) => mark(cell.get(`${reg}|${a.code}`)?.mark)),
      ]),
    },
    {
      id: 'table-representation-shares',
      title: sharesTitle,
      sheet: sheetName(num, sharesTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        ...areas.map((a) => ({ label: a.name, kind: 'percent' as const, digits: 1 })),
      ],
      rows: regionsInMatrix.map((reg) => [
        n.region(reg),
        ...areas.map((a) => cell.get(`${reg}|${a.code}`)?.share ?? null),
      ]),
    },
  ];
  s.notes = [`● ${t('render.high')}; X ${t('render.low')}.`];
}

function rfoSupport(c: Ctx, s: Section, num: number): void {
  const { t, r } = c;
  const x = r.rfoSupport;
  const typesTitle = t('render.tables.supportTypes');
  const regionTitle = t('render.tables.supportByRegion');
  s.tables = [
    {
      id: 'table-support-types',
      title: typesTitle,
      sheet: sheetName(num, typesTitle),
      columns: [
        { label: t('render.category'), kind: 'text' },
        { label: t('render.events'), kind: 'int' },
        { label: t('render.share'), kind: 'percent' },
      ],
      rows: x.types.map((ty) => [ty.name, ty.events, ty.share]),
    },
    {
      id: 'table-support-by-region',
      title: regionTitle,
      sheet: sheetName(num, regionTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.events'), kind: 'int' },
        { label: t('render.monthsMentioned'), kind: 'int' },
        { label: t('render.level'), kind: 'text' },
        ...x.types.map((ty) => ({ label: ty.name, kind: 'int' as const })),
      ],
      rows: x.byRegion.map((b) => [
        b.name,
        b.events,
        b.monthsMentioned,
        t(`render.levels.${b.level}`),
        ...x.types.map((ty) => b.types[ty.support] ?? null),
      ]),
    },
  ];
  s.method = [
    {
      title: t('render.level'),
      lines: (['regular', 'some', 'one_time', 'none'] as const).map(
        (l) => `${t(`render.levels.${l}`)}: ${x.levels[l]}`,
      ),
    },
  ];
}

function development(c: Ctx, s: Section, num: number): void {
  const { t, r, lang } = c;
  const d = r.development;
  if (!d.available) return;
  s.figures = [
    figure(t('render.events'), formatInt(d.events, lang), d.events),
    figure(t('render.volunteers'), formatInt(d.volunteers, lang), d.volunteers),
    figure(t('render.hours'), formatInt(d.hours, lang), d.hours),
  ];
  const title = t('render.tables.development');
  s.tables = [
    {
      id: 'table-development',
      title,
      sheet: sheetName(num, title),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.events'), kind: 'int' },
        { label: t('render.volunteers'), kind: 'int' },
        { label: t('render.hours'), kind: 'int' },
      ],
      rows: d.byRegion.map((b) => [b.name, b.events, b.volunteers, b.hours]),
      footer: [t('render.total'), d.events, d.volunteers, d.hours],
    },
  ];
}

function economic(c: Ctx, s: Section, num: number): void {
  const { t, r, lang, n } = c;
  const x = r.economic;
  const kzt = (v: number | null) => (isNumber(v) ? `${formatInt(v, lang)} ₸` : MISSING);
  const range = x.valueRangeKzt;
  s.figures = compact([
    figure(t('render.valueKzt'), kzt(x.valueKzt), x.valueKzt),
    range && figure(t('render.valueRange'), `${formatInt(range[0], lang)} – ${formatInt(range[1], lang)} ₸`),
    figure(t('render.hours'), formatInt(x.hours, lang), x.hours),
    figure(
      t('render.unaccountedHours'),
      formatInt(x.unaccountedHours, lang),
      x.unaccountedHours,
      isNumber(x.upliftShare) ? `+${formatPercent(x.upliftShare, lang, 0)}` : undefined,
    ),
    figure(t('render.totalHours'), formatInt(x.totalHours, lang), x.totalHours),
    figure(
      t('render.fte'),
      formatInt(x.fte, lang),
      x.fte,
      isNumber(x.annualHoursNorm)
        ? t('render.fteNorm', { hours: formatInt(x.annualHoursNorm, lang) })
        : undefined,
    ),
  ]);
  const wt = x.workingTime;
  s.method = [
    { title: t('render.method'), lines: compact([x.method, x.reportRange]) },
    {
      title: t('render.assumptions'),
      lines: compact([
        ...x.assumptions,
        isNumber(wt.monthlyHours) &&
          t('render.workingTime', {
            year: wt.year,
            monthly: formatInt(wt.monthlyHours, lang),
            annual: formatInt(wt.annualHours, lang),
            source: wt.source ?? MISSING,
          }),
      ]),
    },
  ];
  const valTitle = t('render.tables.valuations');
  const regTitle = t('render.tables.valueByRegion');
  const areaTitle = t('render.tables.valueByArea');
  const unTitle = t('render.tables.unaccounted');
  const wageTitle = t('render.wageTable');
  const regional = x.valuations.find((v) => v.key === 'regional') ?? x.valuations[0];
  const byActivity = x.valuations.find((v) => v.key === 'activity');
  const areaName = new Map(r.hoursByArea.map((a) => [a.area, a.name]));
  const tables: Table[] = [
    {
      id: 'table-valuations',
      title: valTitle,
      sheet: sheetName(num, valTitle),
      columns: [
        { label: t('render.valuation'), kind: 'text' },
        { label: t('render.rfoValue'), kind: 'kzt' },
        { label: t('render.upliftValue'), kind: 'kzt' },
        { label: t('render.totalValue'), kind: 'kzt' },
      ],
      rows: x.valuations.map((v) => [v.label, v.rfoValueKzt, v.upliftValueKzt, v.totalValueKzt]),
    },
  ];
  if (regional?.byRegion.length)
    tables.push({
      id: 'table-value-by-region',
      title: regTitle,
      sheet: sheetName(num, regTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.hours'), kind: 'int' },
        { label: t('render.hourlyWage'), kind: 'number', digits: 0 },
        { label: t('render.valueKzt'), kind: 'kzt' },
      ],
      rows: regional.byRegion.map((b) => [n.region(b.region), b.hours, b.hourlyWageKzt, b.valueKzt]),
      footer: [t('render.total'), x.hours, null, regional.rfoValueKzt],
    });
  if (byActivity?.byArea.length)
    tables.push({
      id: 'table-value-by-area',
      title: areaTitle,
      sheet: sheetName(num, areaTitle),
      columns: [
        { label: t('render.area'), kind: 'text' },
        { label: t('render.hours'), kind: 'int' },
        { label: t('render.hourlyWage'), kind: 'number', digits: 0 },
        { label: t('render.valueKzt'), kind: 'kzt' },
      ],
      rows: byActivity.byArea.map((b) => [
        areaName.get(b.area) ?? b.area,
        b.hours,
        b.hourlyWageKzt,
        b.valueKzt,
      ]),
      footer: [t('render.total'), x.hours, null, byActivity.rfoValueKzt],
    });
  tables.push(
    {
      id: 'table-unaccounted',
      title: unTitle,
      sheet: sheetName(num, unTitle),
      columns: [
        { label: t('render.source'), kind: 'text' },
        { label: t('render.area'), kind: 'text' },
        { label: t('render.volunteers'), kind: 'int' },
        { label: t('render.hours'), kind: 'int' },
        { label: t('render.valueKzt'), kind: 'kzt' },
      ],
      rows: x.unaccounted.map((u) => [
        u.note ? `${u.source} (${u.note})` : u.source,
        u.area ? (areaName.get(u.area) ?? u.area) : '',
        u.volunteers,
        u.hours,
        u.valueKzt,
      ]),
      footer: x.unaccounted.length
        ? [t('render.total'), '', null, x.unaccountedHours, x.upliftValueKzt]
        : undefined,
    },
    {
      id: 'table-wages',
      title: wageTitle,
      sheet: sheetName(num, wageTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.activity'), kind: 'text' },
        { label: t('render.monthlyWage'), kind: 'kzt' },
        { label: t('render.hourlyWage'), kind: 'number', digits: 0 },
        { label: t('render.source'), kind: 'text' },
      ],
      rows: x.wageTable.map((w) => [
        w.region ? n.region(w.region) : t('render.national'),
        w.activity || t('render.allActivities'),
        w.monthlyWageKzt,
        w.hourlyWageKzt,
        w.source,
      ]),
    },
  );
  s.tables = tables;
  s.notes = compact([
    missingNote(t, n, t('render.wage'), x.missingRegions.wage),
    missingNote(t, n, t('render.hours'), x.missingRegions.hours),
  ]);
}

function appeals(c: Ctx, s: Section, num: number): void {
  const { t, r, lang } = c;
  const a = r.appeals;
  if (!a.available) return;
  s.figures = [
    figure(t('render.appealsTotal'), formatInt(a.total, lang), a.total),
    figure(t('render.appealsRelated'), formatInt(a.related, lang), a.related),
  ];
  const lists: [KeysUnder<'render.tables.appeals'>, typeof a.byGender][] = [
    ['gender', a.byGender],
    ['channel', a.byChannel],
    ['topic', a.byTopic],
    ['status', a.byStatus],
    ['region', a.byRegion],
    ['country', a.byCountry],
  ];
  s.charts = hasValues(a.byChannel)
    ? [
        {
          id: 'chart-appeals-channel',
          title: t('render.tables.appeals.channel'),
          description: t('render.tables.appeals.channel'),
          spec: donut(a.byChannel.map((x) => ({ name: x.name, value: x.value }))),
          height: 280,
        },
      ]
    : [];
  s.tables = lists
    .filter(([, items]) => items.length > 0)
    .map(([key, items]) =>
      codeTable(
        c,
        `table-appeals-${key}`,
        num,
        t(`render.tables.appeals.${key}`),
        t('render.category'),
        items,
        t('render.appeals'),
      ),
    );
}

/** The figures of dataQuality.missingByFigure, by the catalogue key of their label. */
const FIGURE_LABELS: Record<string, ReportKey> = {
  volunteers: 'render.volunteers',
  hours: 'render.hours',
  events: 'render.events',
  npo: 'render.npo',
  initiativeGroups: 'render.initiativeGroups',
  population: 'render.population',
  gender: 'render.tables.gender',
  ageBands: 'render.tables.ageBands',
  employment: 'render.tables.employment',
  wage: 'render.wage',
};

function dataQuality(c: Ctx, s: Section, num: number): void {
  const { t, r, n } = c;
  const q = r.dataQuality;
  const qTitle = t('render.tables.quality');
  const exTitle = t('render.tables.excluded');
  const outTitle = t('render.tables.outliers');
  const missTitle = t('render.tables.missingByFigure');
  s.tables = [
    {
      id: 'table-quality',
      title: qTitle,
      sheet: sheetName(num, qTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.expectedMonths'), kind: 'int' },
        { label: t('render.submittedMonths'), kind: 'int' },
        { label: t('render.acceptedMonths'), kind: 'int' },
        { label: t('render.completeness'), kind: 'percent', digits: 1 },
        { label: t('render.timeliness'), kind: 'percent', digits: 1 },
        { label: t('render.coverage'), kind: 'percent', digits: 1 },
      ],
      rows: q.regions.map((x) => [
        x.name,
        x.expectedMonths,
        x.submittedMonths,
        x.acceptedMonths,
        x.completeness,
        x.timeliness,
        x.coverage,
      ]),
      footer: [
        t('render.national'),
        q.national.expectedMonths,
        q.national.submittedMonths,
        q.national.acceptedMonths,
        q.national.completeness,
        q.national.timeliness,
        q.national.coverage,
      ],
    },
    {
      id: 'table-excluded',
      title: exTitle,
      sheet: sheetName(num, exTitle),
      columns: [
        { label: t('render.reason'), kind: 'text' },
        { label: t('render.records'), kind: 'int' },
        { label: t('render.volunteers'), kind: 'int' },
        { label: t('render.hours'), kind: 'int' },
      ],
      rows: q.excluded.map((x) => [x.name, x.records, x.volunteers, x.hours]),
    },
    {
      id: 'table-outliers',
      title: outTitle,
      sheet: sheetName(num, outTitle),
      columns: [
        { label: t('render.region'), kind: 'text' },
        { label: t('render.month'), kind: 'text' },
        { label: t('render.hours'), kind: 'int' },
        { label: t('render.volunteers'), kind: 'int' },
        { label: t('render.hoursPerVolunteer'), kind: 'number', digits: 1 },
        { label: t('render.modifiedZ'), kind: 'number', digits: 2 },
      ],
      rows: q.outliers.map((o) => [
        n.region(o.region),
        o.period,
        o.hours,
        o.volunteers,
        o.hoursPerVolunteer,
        o.modifiedZ,
      ]),
    },
    {
      id: 'table-missing-by-figure',
      title: missTitle,
      sheet: sheetName(num, missTitle),
      columns: [
        { label: t('render.figure'), kind: 'text' },
        { label: t('render.missingList'), kind: 'text' },
      ],
      rows: Object.entries(q.missingByFigure).map(([fig, codes]) => [
        FIGURE_LABELS[fig] ? t(FIGURE_LABELS[fig] as ReportKey) : fig,
        codes.length ? n.regions(codes) : t('render.noneMissing'),
      ]),
    },
  ];
  s.method = [{ title: t('render.outlierRule'), lines: [q.outlierRule] }];
  s.notes = notesOf(q.notes);
}

const BUILDERS: Record<string, (c: Ctx, s: Section, num: number) => void> = {
  totals,
  portrait,
  regionalPortrait,
  cohorts,
  organizations,
  hoursByArea,
  formats,
  representation,
  rfoSupport,
  development,
  priorityProjects: priorityProjectsSection,
  economic,
  appeals,
  dataQuality,
  impact: (c, s, num) => impactDocument(c.r.impact, c.t, c.lang, s, num),
};

/** True when the year has no reported figure at all. */
export function isEmptyAnnual(r: Report): boolean {
  const x = r.totals;
  return (
    !isNumber(x.volunteers) &&
    !(isNumber(x.hours) && x.hours > 0) &&
    !(isNumber(x.events) && x.events > 0) &&
    !isNumber(x.npo) &&
    !isNumber(x.initiativeGroups)
  );
}

function section(c: Ctx, info: SectionInfo, empty: boolean): Section {
  const s: Section = {
    id: `s${info.number}-${info.key}`,
    title: `${info.number}. ${info.title}`,
    narrative: info.narrative,
  };
  // A year without data keeps only the data-quality tables (which regions sent nothing): the
  // other tables would be columns of dashes. Impact comes from the platform, not the submissions.
  if (info.available && (!empty || info.key === 'dataQuality' || info.key === 'impact'))
    BUILDERS[info.key]?.(c, s, info.number);
  const missing = info.missingRegions;
  const allMissing = c.n.size > 1 && new Set(missing).size >= c.n.size;
  const methodLines = new Set((s.method ?? []).flatMap((m) => m.lines));
  const ownNotes = info.notes.filter(
    (x) =>
      // An assumption already printed beside the method is not repeated under the tables, and a
      // list of every unit of the map reads as one short sentence (added below) instead.
      !methodLines.has(x.text) &&
      !(x.code === 'missing_regions' && c.n.size > 1 && new Set(x.regions ?? []).size >= c.n.size),
  );
  const extra = compact([
    !info.available && (info.reason ?? c.t('render.emptyShort')),
    ...notesOf(ownNotes),
    missing.length > 0 &&
      !(s.notes ?? []).some((x) => x.includes(c.n.regions(missing))) &&
      (allMissing
        ? `${c.t('render.emptyShort')}: ${c.t('render.noRegionReported')}`
        : c.t('render.missingRegions', { regions: c.n.regions(missing) })),
  ]);
  // A note the section builder already wrote (a per-figure missing list) is not repeated.
  s.notes = [...new Set([...(s.notes ?? []), ...extra])];
  return s;
}

export function buildAnnualDocument(
  r: Report,
  lang: Lang = r.lang,
  extras: AnnualExtras = {},
  now = new Date(),
): ReportDocument {
  const t = translator(lang);
  const n = namer([...r.map, ...r.regions.map((x) => ({ code: x.region, name: x.name }))]);
  const c: Ctx = { r, t, lang, n, extras };
  const empty = isEmptyAnnual(r);
  const sections = [...r.sections].sort((a, b) => a.number - b.number).map((info) => section(c, info, empty));
  return {
    lang,
    kind: 'annual',
    title: r.title || t('render.annualTitle', { year: r.year }),
    subtitle: t('render.annualSubtitle'),
    provisional: r.provisional,
    provisionalBadge: t('render.provisionalBadge'),
    provisionalNote: `${t('render.provisional')}${
      r.provisionalPartitions.length
        ? ` ${t('render.provisionalCount', { count: r.provisionalPartitions.length })}`
        : ''
    }`,
    empty: empty ? t('render.emptyYear', { year: r.year }) : undefined,
    sections,
    footer: generatedFooter(t, lang, now, territoryName(t, r.territory)),
    fileName: `birgemiz-annual-${r.year}-${lang}`,
  };
}
