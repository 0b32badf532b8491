// §11 of the annual report: the grant projects of the year (DOMAIN.md §5.11, the 2022 report's "work
// of priority projects"): which grantees provided data, duplicated the grantor's figures, refused or
// could not be reached (the year's latest reporting round), the figures they gave there, and what
// their reports through the platform put into the year's records. Those records are activity
// records of their regions: counted once, in §1–§10; the round's figures are shown, never added.
import { share } from '../../../domain/report/maths.ts';
import { say } from '../../../domain/report/narrative.ts';
import type { PriorityProjectsData } from '../../grants/priority-section.ts';
import type { Ref } from '../common.ts';
import type { PriorityProjects } from '../reports.schemas.ts';

const STATUSES = ['provided', 'duplicated_grantor', 'refused', 'unreachable', 'pending'] as const;
const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));

export function priorityProjectsOf(ref: Ref, _year: number, d: PriorityProjectsData): PriorityProjects {
  const { lang } = ref;
  const projects = d.projects.map((p) => {
    const e = d.entries.get(p.id);
    const rec = d.recorded.get(p.id);
    const status = e?.status ?? null;
    return {
      id: p.id,
      title: p.title,
      kind: p.kind,
      grantee: p.organization.name,
      bin: p.organization.bin,
      grantor: p.grantor,
      area: p.area,
      areaName: ref.codeName('area', p.area),
      yearFrom: p.yearFrom,
      yearTo: p.yearTo,
      regions: p.regions,
      amountKzt: p.amountKzt,
      planned: { volunteers: p.planned.volunteers, hours: p.planned.hours, events: p.planned.events },
      reported: { volunteers: num(e?.volunteers), hours: num(e?.hours), events: num(e?.events) },
      recorded: {
        events: rec?.records ?? 0,
        volunteers: rec?.volunteers ?? 0,
        hours: rec?.hours ?? 0,
        beneficiaries: rec?.beneficiaries ?? 0,
      },
      status,
      statusName: say(lang, `grants.status.${status ?? 'pending'}`),
      comment: e?.comment ?? null,
      illustrative: p.illustrative || Number(e?.illustrative ?? 0) === 1,
    };
  });
  const n = projects.length;
  const byStatus = STATUSES.map((s) => {
    const k = projects.filter((p) => (p.status ?? 'pending') === s).length;
    return { status: s, name: say(lang, `grants.status.${s}`), projects: k, share: share(k, n) };
  }).filter((s) => s.projects > 0);
  const reportedHours = projects.filter((p) => p.reported.hours !== null);
  const sum = (f: (p: (typeof projects)[number]) => number) => projects.reduce((s, p) => s + f(p), 0);
  return {
    available: n > 0,
    reason: n > 0 ? null : say(lang, 'note.priorityProjects'),
    round: d.round,
    projects,
    byStatus,
    totals: {
      projects: n,
      reportedHours: reportedHours.length
        ? Math.round(reportedHours.reduce((s, p) => s + (p.reported.hours ?? 0), 0) * 100) / 100
        : null,
      recordedEvents: sum((p) => p.recorded.events),
      recordedVolunteers: sum((p) => p.recorded.volunteers),
      recordedHours: Math.round(sum((p) => p.recorded.hours) * 100) / 100,
      recordedBeneficiaries: sum((p) => p.recorded.beneficiaries),
    },
  };
}

/** The section's sentences: the data provision of the year's round, and what the records hold. */
export function priorityProjectsNarrative(lang: Ref['lang'], year: number, x: PriorityProjects): string[] {
  if (!x.available) return [];
  const count = (s: string) => x.byStatus.find((b) => b.status === s)?.projects ?? 0;
  const out: string[] = [];
  if (x.round && count('pending') < x.totals.projects)
    out.push(
      say(lang, 'grants.narrative', {
        total: x.totals.projects,
        year,
        provided: count('provided'),
        duplicated: count('duplicated_grantor'),
        refused: count('refused'),
        unreachable: count('unreachable'),
        round: x.round.title,
      }),
    );
  else out.push(say(lang, 'grants.noRound', { year, total: x.totals.projects }));
  if (x.round && count('pending') > 0 && count('pending') < x.totals.projects)
    out.push(say(lang, 'grants.narrativePending', { pending: count('pending') }));
  out.push(
    x.totals.recordedEvents > 0
      ? say(lang, 'grants.recorded', {
          events: x.totals.recordedEvents,
          volunteers: x.totals.recordedVolunteers,
          hours: Math.round(x.totals.recordedHours),
        })
      : say(lang, 'grants.notRecorded'),
  );
  return out;
}
