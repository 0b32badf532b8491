// §11 of the annual report as a document (the grant projects of the year): key figures, the
// projects by data provision, and each project with its grantee, status, comment and figures.
import type { Lang } from '../../../domain/lang.ts';
import { formatInt } from '../../../domain/report/format.ts';
import type { Translate } from '../../../domain/report/narrative.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import { sheetName } from './annual.ts';
import type { Section } from './model.ts';

export function priorityProjectsSection(
  c: { r: AnnualReport; t: Translate; lang: Lang },
  s: Section,
  num: number,
): void {
  const { t, lang } = c;
  const x = c.r.priorityProjects;
  if (!x.available) return;
  s.figures = [
    { label: t('grants.projects'), value: formatInt(x.totals.projects, lang), raw: x.totals.projects },
    {
      label: t('grants.recordedEvents'),
      value: formatInt(x.totals.recordedEvents, lang),
      raw: x.totals.recordedEvents,
    },
    {
      label: t('grants.recordedVolunteers'),
      value: formatInt(x.totals.recordedVolunteers, lang),
      raw: x.totals.recordedVolunteers,
    },
    {
      label: t('grants.recordedHours'),
      value: formatInt(x.totals.recordedHours, lang),
      raw: x.totals.recordedHours,
    },
  ];
  const statusTitle = t('grants.tableStatus');
  const projectsTitle = t('grants.tableProjects');
  const marks = (p: (typeof x.projects)[number]) =>
    [
      p.kind === 'competition' ? t('grants.competition') : null,
      p.illustrative ? t('grants.illustrative') : null,
    ]
      .filter(Boolean)
      .join(', ');
  s.tables = [
    {
      id: 'table-priority-status',
      title: statusTitle,
      sheet: sheetName(num, statusTitle),
      columns: [
        { label: t('grants.statusColumn'), kind: 'text' },
        { label: t('grants.projects'), kind: 'int' },
        { label: t('render.share'), kind: 'percent' },
      ],
      rows: x.byStatus.map((b) => [b.name, b.projects, b.share]),
      footer: [t('render.total'), x.totals.projects, 100],
    },
    {
      id: 'table-priority-projects',
      title: projectsTitle,
      sheet: sheetName(num, projectsTitle),
      columns: [
        { label: t('grants.title'), kind: 'text' },
        { label: t('grants.grantee'), kind: 'text' },
        { label: t('render.area'), kind: 'text' },
        { label: t('grants.statusColumn'), kind: 'text' },
        { label: t('grants.comment'), kind: 'text' },
        { label: t('grants.planned'), kind: 'int' },
        { label: t('grants.reported'), kind: 'int' },
        { label: t('grants.recordedHours'), kind: 'int' },
        { label: t('grants.recordedVolunteers'), kind: 'int' },
        { label: t('grants.recordedEvents'), kind: 'int' },
      ],
      rows: x.projects.map((p) => {
        const m = marks(p);
        return [
          m ? `${p.title} (${m})` : p.title,
          p.grantee,
          p.areaName,
          p.statusName,
          p.comment,
          p.planned.hours,
          p.reported.hours,
          p.recorded.hours,
          p.recorded.volunteers,
          p.recorded.events,
        ];
      }),
      footer: [
        t('render.total'),
        null,
        null,
        null,
        null,
        null,
        x.totals.reportedHours,
        x.totals.recordedHours,
        x.totals.recordedVolunteers,
        x.totals.recordedEvents,
      ],
    },
  ];
}
