// "Volunteers in numbers" for a half-year: a one-page printable infographic — the big figures,
// then small charts of the areas, formats, gender, age, months and cohorts.

import type { Lang } from '../../../domain/lang.ts';
import { formatInt, isNumber } from '../../../domain/report/format.ts';
import { translator } from '../../../domain/report/narrative.ts';
import type { ChartSpec } from '../charts/spec.ts';
import type { HalfYearReport } from '../reports.schemas.ts';
import {
  donut,
  generatedFooter,
  hasValues,
  missingNote,
  monthlyHoursLine,
  namer,
  territoryName,
} from './common.ts';
import type { Chart, ReportDocument, Section } from './model.ts';

const SMALL = { width: 460, height: 260 };

export function periodLabel(period: string, lang: Lang): string {
  const t = translator(lang);
  const m = /^(\d{4})-H([12])$/.exec(period);
  return m ? t(m[2] === '1' ? 'render.h1' : 'render.h2', { year: m[1] as string }) : period;
}

export function buildHalfYearDocument(
  r: HalfYearReport,
  lang: Lang = r.lang,
  now = new Date(),
): ReportDocument {
  const t = translator(lang);
  const n = namer(r.regions.map((x) => ({ code: x.region, name: x.name })));
  const x = r.totals;
  const empty = [x.volunteers, x.hours, x.events, x.npo, x.initiativeGroups].every(
    (v) => !isNumber(v) || v === 0,
  );
  const label = periodLabel(r.period, lang);
  const figures: Section = {
    id: 'figures',
    title: t('render.figures'),
    narrative: r.narrative,
    figures: [
      { label: t('render.volunteers'), value: formatInt(x.volunteers, lang), raw: x.volunteers },
      { label: t('render.hours'), value: formatInt(x.hours, lang), raw: x.hours },
      { label: t('render.events'), value: formatInt(x.events, lang), raw: x.events },
      {
        label: t('render.eventVolunteers'),
        value: formatInt(x.eventVolunteers, lang),
        raw: x.eventVolunteers,
      },
      { label: t('render.beneficiaries'), value: formatInt(x.beneficiaries, lang), raw: x.beneficiaries },
      { label: t('render.npo'), value: formatInt(x.npo, lang), raw: x.npo },
      {
        label: t('render.initiativeGroups'),
        value: formatInt(x.initiativeGroups, lang),
        raw: x.initiativeGroups,
      },
    ],
    notes: [
      ...[
        missingNote(t, n, t('render.volunteers'), x.missingRegions.volunteers),
        missingNote(t, n, t('render.hours'), x.missingRegions.hours),
        missingNote(t, n, t('render.npo'), x.missingRegions.npo),
        missingNote(t, n, t('render.initiativeGroups'), x.missingRegions.initiativeGroups),
      ].filter((s): s is string => !!s),
      ...r.notes.map((no) => no.text),
    ],
  };
  const charts: Chart[] = [];
  const add = (id: string, title: string, spec: ChartSpec) =>
    charts.push({ id, title, description: title, spec, ...SMALL });
  if (r.hoursByArea.some((a) => a.hours > 0))
    add('chart-hours-by-area', t('render.charts.hoursByArea'), {
      kind: 'bar',
      horizontal: true,
      categories: r.hoursByArea.map((a) => a.name),
      series: [{ name: t('render.hours'), values: r.hoursByArea.map((a) => a.hours) }],
    });
  if (hasValues(r.eventsByFormat.map((f) => ({ value: f.events }))))
    add(
      'chart-events-by-format',
      t('render.charts.eventsByFormat'),
      donut(r.eventsByFormat.map((f) => ({ name: f.name, value: f.events }))),
    );
  if (hasValues(r.gender))
    add(
      'chart-gender',
      t('render.tables.gender'),
      donut(r.gender.map((g) => ({ name: g.name, value: g.value }))),
    );
  if (hasValues(r.ageBands))
    add('chart-age', t('render.tables.ageBands'), {
      kind: 'bar',
      categories: r.ageBands.map((a) => a.name),
      series: [{ name: t('render.volunteers'), values: r.ageBands.map((a) => a.value) }],
    });
  if (r.monthly.some((m) => isNumber(m.hours)))
    add('chart-monthly', t('render.charts.monthly'), monthlyHoursLine(t, lang, r.monthly));
  if (hasValues(r.cohorts.map((c) => ({ value: c.volunteers }))))
    add(
      'chart-cohorts',
      t('render.charts.cohorts'),
      donut(r.cohorts.map((c) => ({ name: c.name, value: c.volunteers }))),
    );
  const sections: Section[] = [figures];
  if (charts.length)
    sections.push({ id: 'portrait', title: t('render.portraitHeading'), narrative: [], charts });
  return {
    lang,
    kind: 'half-year',
    title: r.title || t('render.halfYearTitle', { period: label }),
    subtitle: label,
    provisional: r.provisional,
    provisionalBadge: t('render.provisionalBadge'),
    provisionalNote: t('render.provisional'),
    empty: empty ? t('render.emptyPeriod', { period: label }) : undefined,
    sections,
    footer: generatedFooter(t, lang, now, territoryName(t, r.territory)),
    fileName: `birgemiz-volunteers-in-numbers-${r.period}-${lang}`,
    compact: true,
  };
}
