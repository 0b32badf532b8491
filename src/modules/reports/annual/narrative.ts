// The fourteen sections of the annual report (DOMAIN.md §5), and the fifteenth, impact (issue 12
// item 5): each one's title, the sentences
// generated from its figures, whether it is available (and why not), its notes and the regions it
// leaves out. The figures are computed beforehand; this file only puts them into words.
import { formatUpTo } from '../../../domain/report/format.ts';
import { extreme, isNum, round, share } from '../../../domain/report/maths.ts';
import { type KeysUnder, type ReportKey, say, type Vars } from '../../../domain/report/narrative.ts';
import type { AnnualReport, Note, SectionInfo } from '../reports.schemas.ts';
import { type AnnualContext, names } from './context.ts';
import { priorityProjectsNarrative } from './priority-projects.ts';

type Report = Pick<
  AnnualReport,
  | 'totals'
  | 'portrait'
  | 'regionalPortrait'
  | 'organizations'
  | 'hoursByArea'
  | 'eventsByFormat'
  | 'cohorts'
  | 'representation'
  | 'rfoSupport'
  | 'development'
  | 'priorityProjects'
  | 'economic'
  | 'appeals'
  | 'dataQuality'
  | 'impact'
>;

/** The figures a zero denominator can leave without a value, and their names' keys. */
const ZERO_FIGURES = {
  'totals.populationShare': 'totals_populationShare',
  'hoursByArea.share': 'hoursByArea_share',
  'eventsByFormat.share': 'eventsByFormat_share',
} as const satisfies Record<string, KeysUnder<'figureName'>>;
type ZeroFigure = keyof typeof ZERO_FIGURES;

type Narrative = (string | null | false | undefined)[];
type Extra = Partial<Pick<SectionInfo, 'available' | 'reason' | 'notes' | 'missingRegions'>>;

/** The words every section is written with, in the report's language. */
function writer(c: AnnualContext) {
  const { lang, ref } = c;
  const t = (key: ReportKey, vars: Vars = {}) => say(lang, key, vars);
  return {
    t,
    pct: (v: number | null | undefined) => (isNum(v) ? formatUpTo(v, lang, 2) : null),
    noDataReason: c.noData ? t('narrative.noData', { year: c.year }) : null,
    missingNote: (figure: string, regions: string[]): Note[] =>
      regions.length
        ? [
            {
              code: 'missing_regions',
              figure,
              text: t('narrative.missing', { regions: names(ref, regions) }),
              regions,
            },
          ]
        : [],
    zero: (figure: ZeroFigure, v: number | null, whenKnown: boolean): Note[] =>
      v === null && whenKnown
        ? [
            {
              code: 'zero_denominator',
              figure,
              text: t('note.zeroDenominator', { figure: t(`figureName.${ZERO_FIGURES[figure]}`) }),
            },
          ]
        : [],
    sec: (
      number: number,
      key: KeysUnder<'section'>,
      narrative: Narrative,
      extra: Extra = {},
    ): SectionInfo => ({
      number,
      key,
      title: t(`section.${key}`),
      available: extra.available ?? true,
      reason: extra.reason ?? null,
      narrative: narrative.filter((x): x is string => typeof x === 'string'),
      notes: extra.notes ?? [],
      missingRegions: extra.missingRegions ?? [],
    }),
  };
}
type Writer = ReturnType<typeof writer>;

function totalsSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const tot = r.totals;
  const missing = tot.missingRegions;
  return w.sec(
    1,
    'totals',
    [
      tot.volunteers !== null &&
        tot.hours !== null &&
        t('narrative.totals', {
          year: String(c.year),
          volunteers: tot.volunteers,
          hours: Math.round(tot.hours),
          events: tot.events,
        }),
      tot.populationShare !== null &&
        t('narrative.population', { share: pct(tot.populationShare), nth: tot.everyNth }),
      tot.npo !== null &&
        tot.initiativeGroups !== null &&
        t('narrative.orgTotals', { npo: tot.npo, groups: tot.initiativeGroups }),
      tot.volunteersChange !== null &&
        t('narrative.volunteersChange', { prevYear: String(c.year - 1), change: pct(tot.volunteersChange) }),
    ],
    {
      available: !c.noData || tot.volunteers !== null,
      reason: c.noData && tot.volunteers === null ? w.noDataReason : null,
      missingRegions: [...new Set([...missing.volunteers, ...missing.hours])],
      notes: [
        ...w.missingNote('totals.volunteers', missing.volunteers),
        ...w.missingNote('totals.hours', missing.hours),
        ...w.missingNote('totals.initiativeGroups', missing.initiativeGroups),
        ...w.missingNote('totals.npo', missing.npo),
        ...w.zero('totals.populationShare', tot.populationShare, tot.volunteers !== null),
        { code: 'assumption', figure: 'totals.volunteersEstimate', text: t('note.volunteersEstimate') },
      ],
    },
  );
}

function portraitSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const p = r.portrait;
  const prevYear = String(c.year - 1);
  const female = p.gender.find((g) => g.code === 'female')?.share;
  const male = p.gender.find((g) => g.code === 'male')?.share;
  const empTop = extreme(p.employment, (x) => x.share);
  const g0 = p.change.largestGrowth;
  const d0 = p.change.largestDecrease;
  const known = p.gender.some((g) => g.value !== null);
  return w.sec(
    2,
    'portrait',
    [
      isNum(female) && isNum(male) && t('narrative.gender', { female: pct(female), male: pct(male) }),
      empTop &&
        isNum(empTop.share) &&
        t('narrative.employmentTop', { category: empTop.name, share: pct(empTop.share) }),
      g0 && t('narrative.growth', { prevYear, region: g0.name, value: pct(g0.value) }),
      d0 && t('narrative.decrease', { prevYear, region: d0.name, value: pct(d0.value) }),
    ],
    {
      available: known,
      reason: known ? null : t('narrative.noData', { year: c.year }),
      missingRegions: p.missingRegions.gender,
      notes: w.missingNote('portrait.gender', p.missingRegions.gender),
    },
  );
}

function regionalPortraitSection(w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const { femalePrevailing: fp, malePrevailing: mp } = r.regionalPortrait;
  const topShare = r.regionalPortrait.volunteersShareTop[0];
  const band = r.regionalPortrait.ageBandExtremes.find((b) => b.highest && b.lowest);
  return w.sec(
    3,
    'regionalPortrait',
    [
      topShare && t('narrative.volunteersTop', { region: topShare.name, share: pct(topShare.value) }),
      fp[0] &&
        t('narrative.femalePrevailing', { count: fp.length, region: fp[0].name, value: pct(fp[0].value) }),
      mp[0] &&
        t('narrative.malePrevailing', { count: mp.length, region: mp[0].name, value: pct(mp[0].value) }),
      band?.highest &&
        band.lowest &&
        t('narrative.ageExtreme', {
          band: band.name,
          high: band.highest.name,
          highShare: pct(band.highest.share),
          low: band.lowest.name,
          lowShare: pct(band.lowest.share),
        }),
    ],
    {
      missingRegions: r.totals.missingRegions.volunteers,
      notes: w.missingNote('regions.gender', r.portrait.missingRegions.gender),
    },
  );
}

function cohortsSection(w: Writer, r: Report): SectionInfo {
  const top = r.cohorts[0];
  return w.sec(
    4,
    'cohorts',
    [top && isNum(top.share) && w.t('narrative.cohortTop', { category: top.name, share: w.pct(top.share) })],
    {
      available: w.noDataReason === null,
      reason: w.noDataReason,
      missingRegions: r.totals.missingRegions.hours,
    },
  );
}

function organizationsSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const org = r.organizations;
  const missing = [...new Set([...org.missingRegions.npo, ...org.missingRegions.initiativeGroups])];
  const shares = { igShare: pct(org.initiativeGroupsShare), npoShare: pct(org.npoShare) };
  const none = org.npo === null && org.initiativeGroups === null;
  return w.sec(
    5,
    'organizations',
    [
      org.initiativeGroupsShare !== null &&
        (missing.length
          ? t('narrative.orgShareWithout', { ...shares, regions: names(c.ref, missing) })
          : t('narrative.orgShare', shares)),
      (org.npoPrevailing.length > 0 || org.initiativeGroupsPrevailing.length > 0) &&
        t('narrative.orgPrevailing', {
          ig: org.initiativeGroupsPrevailing.length,
          npo: org.npoPrevailing.length,
        }),
    ],
    {
      available: !none,
      reason: none ? t('narrative.noData', { year: c.year }) : null,
      missingRegions: missing,
      notes: [
        ...w.missingNote('organizations.npo', org.missingRegions.npo),
        ...w.missingNote('organizations.initiativeGroups', org.missingRegions.initiativeGroups),
      ],
    },
  );
}

function hoursByAreaSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const top = r.hoursByArea[0];
  const bottom = r.hoursByArea.length ? r.hoursByArea[r.hoursByArea.length - 1] : undefined;
  const missing = r.totals.missingRegions.hours;
  return w.sec(
    6,
    'hoursByArea',
    [
      top &&
        isNum(top.share) &&
        t('narrative.areaTop', { area: top.name, share: pct(top.share), hours: Math.round(top.hours) }),
      bottom &&
        bottom !== top &&
        isNum(bottom.share) &&
        t('narrative.areaBottom', {
          area: bottom.name,
          share: pct(bottom.share),
          hours: Math.round(bottom.hours),
        }),
    ],
    {
      available: !c.noData,
      reason: w.noDataReason,
      missingRegions: missing,
      notes: [
        ...w.missingNote('hoursByArea', missing),
        ...w.zero('hoursByArea.share', c.noData ? null : share(1, c.roll.national.hours), !c.noData),
      ],
    },
  );
}

function formatsSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const top = r.eventsByFormat[0];
  return w.sec(
    7,
    'formats',
    [top && isNum(top.share) && w.t('narrative.formatTop', { share: w.pct(top.share), format: top.name })],
    {
      available: !c.noData,
      reason: w.noDataReason,
      missingRegions: r.totals.missingRegions.hours,
      notes: w.zero('eventsByFormat.share', c.noData ? null : share(1, c.roll.national.events), !c.noData),
    },
  );
}

function representationSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const high = r.representation.filter((x) => x.mark === 'high');
  const top = extreme(high, (x) => x.share);
  return w.sec(
    8,
    'representation',
    [
      top &&
        isNum(top.share) &&
        w.t('narrative.representation', {
          high: high.length,
          area: c.ref.codeName('area', top.area),
          region: c.ref.unitName(top.region),
          share: w.pct(top.share),
        }),
    ],
    { available: !c.noData, reason: w.noDataReason, missingRegions: r.totals.missingRegions.hours },
  );
}

function rfoSupportSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const top = r.rfoSupport.types[0];
  const regular = r.rfoSupport.byRegion.filter((x) => x.level === 'regular').length;
  return w.sec(
    9,
    'rfoSupport',
    [top && top.events > 0 && w.t('narrative.rfoTop', { support: top.name, events: top.events, regular })],
    { available: !c.noData, reason: w.noDataReason, missingRegions: r.totals.missingRegions.hours },
  );
}

function developmentSection(w: Writer, r: Report): SectionInfo {
  const d = r.development;
  return w.sec(
    10,
    'development',
    [
      d.available &&
        w.t('narrative.development', {
          events: d.events,
          volunteers: d.volunteers,
          hours: Math.round(d.hours ?? 0),
          most: d.most?.name,
          least: d.least?.name,
        }),
    ],
    { available: d.available, reason: d.reason, missingRegions: r.totals.missingRegions.hours },
  );
}

function economicSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const e = r.economic;
  const bn = (v: number) => formatUpTo(round(v / 1e9, 2), c.lang, 2);
  return w.sec(
    12,
    'economic',
    [
      e.valueKzt !== null && e.valueRangeKzt
        ? w.t('narrative.economic', {
            hours: Math.round(e.hours ?? 0),
            unaccounted: Math.round(e.unaccountedHours ?? 0),
            value: Math.round(e.valueKzt),
            low: bn(e.valueRangeKzt[0]),
            high: bn(e.valueRangeKzt[1]),
            fte: e.fte,
          })
        : // Nothing to value: the section's reason says why, once.
          null,
    ],
    {
      available: e.valueKzt !== null,
      reason: e.valueKzt === null ? e.reportRange : null,
      missingRegions: e.missingRegions.wage,
      notes: e.assumptions.map((a) => ({ code: 'assumption', figure: 'economic', text: a })),
    },
  );
}

function priorityProjectsSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const x = r.priorityProjects;
  return w.sec(11, 'priorityProjects', priorityProjectsNarrative(c.lang, c.year, x), {
    available: x.available,
    reason: x.reason,
    notes: x.available
      ? [
          ...(x.totals.reportedHours !== null
            ? [{ code: 'grants_reported', figure: 'priorityProjects', text: w.t('grants.reportedNote') }]
            : []),
          ...(x.projects.some((p) => p.illustrative)
            ? [{ code: 'illustrative', figure: 'priorityProjects', text: w.t('grants.illustrativeNote') }]
            : []),
        ]
      : [],
  });
}

function appealsSection(w: Writer, r: Report): SectionInfo {
  const a = r.appeals;
  const channel = a.byChannel[0];
  return w.sec(
    13,
    'appeals',
    [a.available && channel && w.t('narrative.appeals', { total: a.total, channel: channel.name })],
    { available: a.available, reason: a.reason },
  );
}

function dataQualitySection(w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const dq = r.dataQuality;
  const percent = (v: number | null) => (isNum(v) ? `${pct(v)}%` : t('quality.notComputable'));
  return w.sec(
    14,
    'dataQuality',
    [
      t('narrative.dataQuality', {
        completeness: percent(dq.national.completeness),
        timeliness: percent(dq.national.timeliness),
        excluded: dq.excluded.reduce((a, e) => a + e.records, 0),
        outliers: dq.outliers.length,
      }),
    ],
    { missingRegions: r.totals.missingRegions.hours, notes: dq.notes },
  );
}

function impactSection(c: AnnualContext, w: Writer, r: Report): SectionInfo {
  const { t, pct } = w;
  const f = r.impact.national;
  const mean = (v: number | null) => formatUpTo(v, c.lang, 2);
  const b = f.beneficiariesPer100Hours;
  return w.sec(
    15,
    'impact',
    [
      f.retention.value !== null &&
        t('impact.narrative.retention', {
          of: f.retention.of,
          prevYear: String(c.year - 1),
          share: pct(f.retention.value),
        }),
      f.repeatParticipation.value !== null &&
        t('impact.narrative.repeat', {
          of: f.repeatParticipation.of,
          share: pct(f.repeatParticipation.value),
        }),
      f.noShowRate.value !== null &&
        t('impact.narrative.noShow', { share: pct(f.noShowRate.value), of: f.noShowRate.of }),
      f.responseHours.value !== null &&
        t('impact.narrative.response', {
          hours: formatUpTo(f.responseHours.value, c.lang, 1),
          n: f.responseHours.n,
          of: f.responseHours.of,
        }),
      b.of > 0 &&
        (b.value !== null
          ? t('impact.narrative.beneficiaries', {
              n: b.n,
              of: b.of,
              beneficiaries: b.beneficiaries,
              value: formatUpTo(b.value, c.lang, 2),
            })
          : t('impact.narrative.noReports', { of: b.of })),
      f.satisfaction.value !== null &&
        t('impact.narrative.survey', {
          n: f.satisfaction.n,
          of: f.satisfaction.of,
          satisfaction: mean(f.satisfaction.value),
          skills: mean(f.skillsGained.value),
        }),
    ],
    {
      available: r.impact.available,
      reason: r.impact.available ? null : t('impact.note.none', { year: c.year }),
      notes: r.impact.available
        ? [
            { code: 'assumption', figure: 'impact.retention', text: t('impact.note.retention') },
            {
              code: 'assumption',
              figure: 'impact.beneficiariesPer100Hours',
              text: t('impact.note.beneficiaries'),
            },
            {
              code: 'assumption',
              figure: 'impact.satisfaction',
              text: t('impact.note.surveys', { min: r.impact.minSurveys }),
            },
          ]
        : [],
    },
  );
}

/** The fifteen sections, in order. */
export function sectionsOf(c: AnnualContext, r: Report): SectionInfo[] {
  const w = writer(c);
  return [
    totalsSection(c, w, r),
    portraitSection(c, w, r),
    regionalPortraitSection(w, r),
    cohortsSection(w, r),
    organizationsSection(c, w, r),
    hoursByAreaSection(c, w, r),
    formatsSection(c, w, r),
    representationSection(c, w, r),
    rfoSupportSection(c, w, r),
    developmentSection(w, r),
    priorityProjectsSection(c, w, r),
    economicSection(c, w, r),
    appealsSection(w, r),
    dataQualitySection(w, r),
    impactSection(c, w, r),
  ];
}
