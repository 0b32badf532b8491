// The annual analytical report (DOMAIN.md §5, FORMATS.md "annual report JSON"), computed from the
// aggregates of included submissions (accepted; with `provisional`, submitted too), the stocks and
// the reference tables: about fifteen small queries, whatever the number of activity records.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fte as fteOf, hourlyWage, pickWage, value as valueAt } from '../../domain/economic.ts';
import type { Lang } from '../../domain/lang.ts';
import { monthsOf } from '../../domain/periods.ts';
import { formatUpTo as formatNumber } from '../../domain/report/format.ts';
import {
  change,
  extreme,
  isNum,
  median,
  prevailing,
  round,
  share,
  sumKnown,
} from '../../domain/report/maths.ts';
import { type KeysUnder, type ReportKey, say } from '../../domain/report/narrative.ts';
import { changeNotComparable } from '../../domain/report/territory.ts';
import {
  areaRows,
  cohortRows,
  dimShares,
  emptyFlow,
  formatRows,
  includedMonths,
  loadRef,
  nationalDim,
  type Ref,
  type Rollup,
  rollup,
  stocksOf,
} from './common.ts';
import { computeQuality } from './quality.service.ts';
import {
  activityAgg,
  appealsOf,
  appealTimesOf,
  excludedAgg,
  hoursByRegion,
  orgCounts,
  populationOf,
  rfoSupportAgg,
  type Status,
  statusesFor,
  submissionsOfYear,
  unaccountedOf,
  volunteerStocks,
  wagesOf,
  workingTimeOf,
} from './reports.repository.ts';
import type { AnnualReport, Economic, Note, RegionRow, SectionInfo } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface AnnualOptions {
  lang: Lang;
  provisional: boolean;
  /** 'year' = the units valid on 1 January of the year (17 for 2022); 'current' = today's 20. */
  map: 'year' | 'current';
  /** Hours of one full-time-equivalent year; default working_time.fte_hours, else annual_hours. */
  fteHours?: number | null;
}

/** The published report's economic figures (DOMAIN.md §6): used only to explain the range. */
const SEED_2022 = { rfoHours: 1_088_387, unaccounted: 258_991, fte: 742, low: 2.2e9, high: 2.6e9 };

export async function buildAnnualReport(db: Db, year: number, opts: AnnualOptions): Promise<AnnualReport> {
  const statuses = statusesFor(opts.provisional);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const [
    ref,
    subs,
    rows,
    support,
    excluded,
    stocks,
    orgs,
    population,
    wages,
    wt,
    unaccounted,
    appeals,
    appealTimes,
    prevHours,
  ] = await Promise.all([
    loadRef(db, year, opts.map, opts.lang),
    submissionsOfYear(db, year),
    activityAgg(db, from, to, statuses),
    rfoSupportAgg(db, from, to, statuses),
    excludedAgg(db, from, to, statuses),
    volunteerStocks(db, [String(year), String(year - 1)], statuses),
    orgCounts(db, [String(year), String(year - 1)], statuses),
    populationOf(db, year),
    wagesOf(db, year),
    workingTimeOf(db, year),
    unaccountedOf(db, year),
    appealsOf(db, year),
    appealTimesOf(db, year),
    hoursByRegion(db, `${year - 1}-01`, `${year - 1}-12`, statuses),
  ]);
  const { lang } = opts;
  const { map } = ref;
  const units = map.units;
  const name = ref.unitName;
  const notes: Note[] = [];
  const roll = rollup(rows, map.target);
  const months = includedMonths(subs, statuses, map.target);
  const hasActivity = units.filter((u) => (months.get(u)?.size ?? 0) > 0);
  const missingHours = units.filter((u) => !months.has(u));
  const noData = hasActivity.length === 0;

  // --- stocks -------------------------------------------------------------------------------
  const cur = stocksOf(stocks, String(year), map.target);
  const prev = stocksOf(stocks, String(year - 1), map.target);
  const orgOf = (period: string) => {
    const npo = new Map<string, number>();
    const ig = new Map<string, number>();
    for (const o of orgs) {
      if (o.period !== period) continue;
      const u = map.target.get(o.region);
      if (!u) continue;
      if (o.npo !== null) npo.set(u, (npo.get(u) ?? 0) + o.npo);
      if (o.initiative_groups !== null) ig.set(u, (ig.get(u) ?? 0) + o.initiative_groups);
    }
    return { npo, ig };
  };
  const orgCur = orgOf(String(year));
  const orgPrev = orgOf(String(year - 1));
  const popOf = (u: string): number | null =>
    sumKnown((map.sources.get(u) ?? []).map((s) => population.get(s)));
  const changeExcluded = changeNotComparable(map, ref.territory.units, ref.territory.lineage, year);

  const genders = ref.codes('gender');
  const bands = ref.codes('age_band');
  const employment = ref.codes('employment');
  const volunteersTotal = sumKnown(units.map((u) => cur.total.get(u)));
  const npoTotal = sumKnown(units.map((u) => orgCur.npo.get(u)));
  const igTotal = sumKnown(units.map((u) => orgCur.ig.get(u)));

  // --- regions ------------------------------------------------------------------------------
  const regions: RegionRow[] = units.map((u) => {
    const v = cur.total.get(u) ?? null;
    const vp = prev.total.get(u) ?? null;
    const flow = months.has(u) ? (roll.byRegion.get(u) ?? emptyFlow()) : null;
    const npo = orgCur.npo.get(u) ?? null;
    const ig = orgCur.ig.get(u) ?? null;
    const g = dimShares(cur, u, 'gender', genders);
    const pop = popOf(u);
    return {
      region: u,
      name: name(u),
      comparable: !map.notComparable.has(u),
      volunteers: v,
      volunteersShare: share(v, volunteersTotal),
      volunteersPrevious: vp,
      volunteersChange: changeExcluded.has(u) ? null : change(v, vp),
      gender: g,
      genderPrevailing: prevailing(g.female ?? null, g.male ?? null, ['female', 'male'] as const),
      ageBands: dimShares(cur, u, 'age_band', bands),
      employment: dimShares(cur, u, 'employment', employment),
      hours: flow ? flow.hours : null,
      events: flow ? flow.events : null,
      eventVolunteers: flow ? flow.volunteers : null,
      beneficiaries: flow ? flow.beneficiaries : null,
      npo,
      initiativeGroups: ig,
      npoShareInRegion: npo !== null && ig !== null ? share(npo, npo + ig) : null,
      initiativeGroupsShareInRegion: npo !== null && ig !== null ? share(ig, npo + ig) : null,
      npoNationalShare: share(npo, npoTotal),
      initiativeGroupsNationalShare: share(ig, igTotal),
      orgPrevailing: prevailing(npo, ig, ['npo', 'initiative_group'] as const),
      population: pop,
      volunteersPerPopulation: share(v, pop),
      hoursPerVolunteer: flow && v ? round(flow.hours / v, 2) : null,
    };
  });
  const missing = {
    volunteers: units.filter((u) => !cur.total.has(u)),
    hours: missingHours,
    npo: units.filter((u) => !orgCur.npo.has(u)),
    initiativeGroups: units.filter((u) => !orgCur.ig.has(u)),
    population: units.filter((u) => popOf(u) === null),
  };

  // --- §1 totals ---------------------------------------------------------------------------
  const popBasis = units.filter((u) => cur.total.has(u) && popOf(u) !== null);
  const popSum = sumKnown(popBasis.map(popOf));
  const volOnPop = sumKnown(popBasis.map((u) => cur.total.get(u)));
  const prevVolunteers = sumKnown(units.map((u) => prev.total.get(u)));
  const prevNpo = sumKnown(units.map((u) => orgPrev.npo.get(u)));
  const prevIg = sumKnown(units.map((u) => orgPrev.ig.get(u)));
  const prevHoursSum = prevHours.length ? prevHours.reduce((s, r) => s + r.hours, 0) : null;
  const totals: AnnualReport['totals'] = {
    volunteers: volunteersTotal,
    volunteersEstimate: null,
    hours: noData ? null : roll.national.hours,
    events: noData ? null : roll.national.events,
    eventVolunteers: noData ? null : roll.national.volunteers,
    beneficiaries: noData ? null : roll.national.beneficiaries,
    npo: npoTotal,
    initiativeGroups: igTotal,
    population: popSum,
    populationShare: share(volOnPop, popSum),
    everyNth:
      isNum(popSum) && popSum > 0 && isNum(volOnPop) && volOnPop > 0 ? Math.round(popSum / volOnPop) : null,
    previousYear: {
      year: year - 1,
      volunteers: prevVolunteers,
      npo: prevNpo,
      initiativeGroups: prevIg,
      hours: prevHoursSum,
    },
    volunteersChange: change(volunteersTotal, prevVolunteers),
    npoChange: change(npoTotal, prevNpo),
    initiativeGroupsChange: change(igTotal, prevIg),
    missingRegions: missing,
  };
  if (missing.population.length)
    notes.push({
      code: 'missing_population',
      figure: 'totals.populationShare',
      text: say(lang, 'note.noPopulation', { regions: names(ref, missing.population) }),
      regions: missing.population,
    });
  if (map.merged.length && opts.map === 'year')
    notes.push({
      code: 'merged_successors',
      figure: null,
      text: say(lang, 'note.mergedSuccessors', { year, successors: names(ref, map.merged) }),
      regions: map.merged,
    });
  if (map.notComparable.size)
    notes.push({
      code: 'not_comparable',
      figure: 'regions',
      text: say(lang, 'note.notComparable', { year, regions: names(ref, [...map.notComparable]) }),
      regions: [...map.notComparable],
    });
  notes.push({
    code: 'like_with_like',
    figure: 'regions.volunteersChange',
    text: say(lang, 'note.likeWithLike', {
      prevYear: String(year - 1),
      count: units.length - units.filter((u) => changeExcluded.has(u)).length,
    }),
  });
  const changeSkipped = units.filter((u) => changeExcluded.has(u));
  if (changeSkipped.length)
    notes.push({
      code: 'change_not_comparable',
      figure: 'regions.volunteersChange',
      text: say(lang, 'note.changeNotComparable', { regions: names(ref, changeSkipped) }),
      regions: changeSkipped,
    });

  // --- §2 portrait --------------------------------------------------------------------------
  const gNat = nationalDim(cur, units, 'gender', genders, (c) => ref.codeName('gender', c));
  const aNat = nationalDim(cur, units, 'age_band', bands, (c) => ref.codeName('age_band', c));
  const eNat = nationalDim(cur, units, 'employment', employment, (c) => ref.codeName('employment', c));
  const changes = regions
    .filter((r) => r.volunteersChange !== null)
    .map((r) => ({ region: r.region, name: r.name, value: r.volunteersChange as number }));
  const growth = changes.filter((c) => c.value > 0).sort((a, b) => b.value - a.value);
  const decrease = changes.filter((c) => c.value < 0).sort((a, b) => a.value - b.value);
  const portrait: AnnualReport['portrait'] = {
    gender: gNat.rows,
    ageBands: aNat.rows,
    employment: eNat.rows,
    missingRegions: { gender: gNat.missing, ageBands: aNat.missing, employment: eNat.missing },
    change: {
      comparableRegions: changes.map((c) => c.region),
      largestGrowth: growth[0] ?? null,
      largestDecrease: decrease[0] ?? null,
      growth,
      decrease,
    },
  };

  // --- §3 regional portrait ----------------------------------------------------------------
  const byShare = (key: 'female' | 'male') =>
    regions
      .filter((r) => r.genderPrevailing === key)
      .map((r) => ({ region: r.region, name: r.name, value: r.gender[key] as number }))
      .sort((a, b) => b.value - a.value);
  const extremesOf = (field: 'ageBands' | 'employment', list: string, cats: string[]) =>
    cats.map((c) => {
      const rs = regions.filter((r) => isNum(r[field][c]));
      const hi = extreme(rs, (r) => r[field][c] ?? null, 'max');
      const lo = extreme(rs, (r) => r[field][c] ?? null, 'min');
      return {
        category: c,
        name: ref.codeName(list, c),
        highest: hi ? { region: hi.region, name: hi.name, share: hi[field][c] as number } : null,
        lowest: lo ? { region: lo.region, name: lo.name, share: lo[field][c] as number } : null,
      };
    });
  const regionalPortrait: AnnualReport['regionalPortrait'] = {
    femalePrevailing: byShare('female'),
    malePrevailing: byShare('male'),
    equal: regions
      .filter((r) => r.genderPrevailing === 'equal')
      .map((r) => ({ region: r.region, name: r.name, value: r.gender.female as number })),
    ageBandExtremes: extremesOf('ageBands', 'age_band', bands),
    employmentExtremes: extremesOf('employment', 'employment', employment),
    volunteersShareTop: regions
      .filter((r) => r.volunteersShare !== null)
      .map((r) => ({ region: r.region, name: r.name, value: r.volunteersShare as number }))
      .sort((a, b) => b.value - a.value),
  };

  // --- §5 organisations --------------------------------------------------------------------
  const basis = units.filter((u) => orgCur.npo.has(u) && orgCur.ig.has(u));
  const bNpo = sumKnown(basis.map((u) => orgCur.npo.get(u)));
  const bIg = sumKnown(basis.map((u) => orgCur.ig.get(u)));
  const bAll = isNum(bNpo) && isNum(bIg) ? bNpo + bIg : null;
  const orgList = (k: 'npo' | 'initiative_group' | 'equal') =>
    regions
      .filter((r) => r.orgPrevailing === k)
      .map((r) => ({
        region: r.region,
        name: r.name,
        value: (k === 'initiative_group' ? r.initiativeGroupsShareInRegion : r.npoShareInRegion) as number,
      }))
      .sort((a, b) => b.value - a.value);
  const organizations: AnnualReport['organizations'] = {
    npo: npoTotal,
    initiativeGroups: igTotal,
    npoShare: share(bNpo, bAll),
    initiativeGroupsShare: share(bIg, bAll),
    shareBasisRegions: basis,
    npoPrevailing: orgList('npo'),
    initiativeGroupsPrevailing: orgList('initiative_group'),
    equal: orgList('equal'),
    missingRegions: { npo: missing.npo, initiativeGroups: missing.initiativeGroups },
  };

  // --- §6–8 areas, formats, representation -------------------------------------------------
  const areaCodes = ref.codes('area');
  const hoursByArea = noData ? [] : areaRows(roll, areaCodes, (c) => ref.codeName('area', c));
  const areas: AnnualReport['areas'] = noData
    ? []
    : hoursByArea.map((a) => {
        const byHours = extreme(hasActivity, (u) => roll.byRegionArea.get(`${u}|${a.area}`)?.hours ?? null);
        const byEventShare = extreme(hasActivity, (u) =>
          share(roll.byRegionArea.get(`${u}|${a.area}`)?.events ?? 0, roll.byRegion.get(u)?.events ?? 0),
        );
        const h = byHours ? (roll.byRegionArea.get(`${byHours}|${a.area}`)?.hours ?? 0) : 0;
        const es = byEventShare
          ? share(
              roll.byRegionArea.get(`${byEventShare}|${a.area}`)?.events ?? 0,
              roll.byRegion.get(byEventShare)?.events ?? 0,
            )
          : null;
        return {
          area: a.area,
          name: a.name,
          topRegionByHours: byHours && h > 0 ? { region: byHours, share: share(h, a.hours) as number } : null,
          topRegionByEventShare: byEventShare && es ? { region: byEventShare, share: es } : null,
        };
      });
  const eventsByFormat = noData
    ? []
    : formatRows(roll, ref.codes('format'), (c) => ref.codeName('format', c));
  const eventsByKind = noData
    ? []
    : [...new Set([...ref.codes('kind'), ...roll.byKind.keys()])].map((kind) => {
        const f = roll.byKind.get(kind) ?? emptyFlow();
        return {
          kind,
          name: ref.codeName('kind', kind),
          events: f.events,
          share: share(f.events, roll.national.events),
          hours: f.hours,
        };
      });
  const representation: AnnualReport['representation'] = [];
  for (const u of hasActivity) {
    const ev = roll.byRegion.get(u)?.events ?? 0;
    if (!ev) continue;
    for (const a of areaCodes) {
      const e = roll.byRegionArea.get(`${u}|${a}`)?.events ?? 0;
      const s = share(e, ev);
      representation.push({
        region: u,
        area: a,
        events: e,
        share: s,
        mark: s === null ? null : s > 25 ? 'high' : s < 5 ? 'low' : null,
      });
    }
  }
  const cohorts = noData ? [] : cohortRows(roll, (c) => ref.codeName('cohort', c));
  const monthly = monthsOf(year).map((period) => {
    const reporting = units.filter((u) => months.get(u)?.has(period)).length;
    const f = roll.byMonth.get(period) ?? emptyFlow();
    return {
      period,
      hours: reporting ? f.hours : null,
      events: reporting ? f.events : null,
      volunteers: reporting ? f.volunteers : null,
      regionsReporting: reporting,
    };
  });

  // --- §9 RFO support ----------------------------------------------------------------------
  const supportTypes = new Map<string, number>();
  const supportRegion = new Map<
    string,
    { events: number; months: Set<string>; types: Record<string, number> }
  >();
  for (const s of support) {
    const u = map.target.get(s.region);
    if (!u) continue;
    supportTypes.set(s.support, (supportTypes.get(s.support) ?? 0) + s.events);
    const r = supportRegion.get(u) ?? { events: 0, months: new Set<string>(), types: {} };
    r.events += s.events;
    r.months.add(s.period);
    r.types[s.support] = (r.types[s.support] ?? 0) + s.events;
    supportRegion.set(u, r);
  }
  const mentions = [...supportTypes.values()].reduce((a, b) => a + b, 0);
  const rfoSupport: AnnualReport['rfoSupport'] = {
    types: [...new Set([...ref.codes('rfo_support'), ...supportTypes.keys()])]
      .map((code) => ({
        support: code,
        name: ref.codeName('rfo_support', code),
        events: supportTypes.get(code) ?? 0,
        share: share(supportTypes.get(code) ?? 0, mentions),
      }))
      .sort((a, b) => b.events - a.events),
    byRegion: hasActivity.map((u) => {
      const r = supportRegion.get(u);
      const m = r?.months.size ?? 0;
      const withData = months.get(u)?.size ?? 0;
      const level = m === 0 ? 'none' : m === 1 ? 'one_time' : m * 2 >= withData ? 'regular' : 'some';
      return {
        region: u,
        name: name(u),
        events: r?.events ?? 0,
        monthsMentioned: m,
        level,
        types: r?.types ?? {},
      } as const;
    }),
    levels: {
      regular: say(lang, 'level.regular'),
      some: say(lang, 'level.some'),
      one_time: say(lang, 'level.one_time'),
      none: say(lang, 'level.none'),
    },
  };

  // --- §10 development ---------------------------------------------------------------------
  const devRows = hasActivity
    .map((u) => {
      const f = roll.byRegionKind.get(`${u}|development`) ?? emptyFlow();
      return { region: u, name: name(u), events: f.events, volunteers: f.volunteers, hours: f.hours };
    })
    .sort((a, b) => b.events - a.events);
  const devTotal = roll.byKind.get('development');
  const devMost = devRows[0];
  const devLeast = devRows.length ? devRows[devRows.length - 1] : undefined;
  const development: AnnualReport['development'] = {
    available: !!devTotal,
    reason: devTotal ? null : say(lang, 'note.noDevelopment', { year }),
    events: devTotal ? devTotal.events : null,
    volunteers: devTotal ? devTotal.volunteers : null,
    hours: devTotal ? devTotal.hours : null,
    byRegion: devTotal ? devRows : [],
    most: devTotal && devMost ? { region: devMost.region, name: devMost.name, value: devMost.events } : null,
    least:
      devTotal && devLeast ? { region: devLeast.region, name: devLeast.name, value: devLeast.events } : null,
  };

  // --- §12 economic ------------------------------------------------------------------------
  const economic = computeEconomic({
    year,
    ref,
    rows,
    roll,
    wages,
    wt,
    unaccounted,
    fteHours: opts.fteHours ?? null,
    noData,
  });

  // --- §13 appeals -------------------------------------------------------------------------
  const appealsSection = computeAppeals(ref, year, appeals, appealTimes);

  // --- §14 data quality --------------------------------------------------------------------
  const provisionalPartitions = opts.provisional
    ? subs
        .filter((s) => s.status === 'submitted')
        .map((s) => ({ region: s.region, period: s.period, status: s.status }))
    : [];
  if (provisionalPartitions.length)
    notes.push({
      code: 'provisional',
      figure: null,
      text: say(lang, 'note.provisional', { count: provisionalPartitions.length }),
    });
  const dataQuality = computeQuality({
    year,
    ref,
    provisional: opts.provisional,
    subs,
    roll,
    excluded,
    missingByFigure: {
      volunteers: missing.volunteers,
      hours: missing.hours,
      events: missing.hours,
      npo: missing.npo,
      initiativeGroups: missing.initiativeGroups,
      population: missing.population,
      gender: gNat.missing,
      ageBands: aNat.missing,
      employment: eNat.missing,
      wage: economic.missingRegions.wage,
    },
  });

  // --- sections and narrative --------------------------------------------------------------
  const sections = buildSections({
    lang,
    year,
    ref,
    noData,
    totals,
    portrait,
    regionalPortrait,
    organizations,
    hoursByArea,
    eventsByFormat,
    cohorts,
    representation,
    rfoSupport,
    development,
    economic,
    appeals: appealsSection,
    dataQuality,
    missing,
    roll,
  });
  if (noData) notes.push({ code: 'no_data', figure: null, text: say(lang, 'narrative.noData', { year }) });
  if (roll.unknownRegions.size)
    notes.push({
      code: 'unknown_regions',
      figure: null,
      text: say(lang, 'note.unknownRegions', { regions: [...roll.unknownRegions].join(', ') }),
      regions: [...roll.unknownRegions],
    });

  return {
    kind: 'annual',
    year,
    territory: opts.map === 'year' ? String(year) : 'current',
    lang,
    provisional: opts.provisional,
    provisionalPartitions,
    statuses,
    generatedAt: new Date().toISOString(),
    title: say(lang, 'title.annual', { year: String(year) }),
    map: units.map((u) => {
      const t = ref.territory.units.find((x) => x.code === u);
      return {
        code: u,
        name: name(u),
        kind: t?.kind ?? 'region',
        tileX: t?.tileX ?? 0,
        tileY: t?.tileY ?? 0,
        comparable: !map.notComparable.has(u),
        sources: map.sources.get(u) ?? [u],
      };
    }),
    sections,
    totals,
    portrait,
    regions,
    regionalPortrait,
    cohorts,
    organizations,
    hoursByArea,
    areas,
    eventsByFormat,
    monthly,
    eventsByKind,
    representation,
    rfoSupport,
    development,
    priorityProjects: { available: false, reason: say(lang, 'note.priorityProjects') },
    economic,
    appeals: appealsSection,
    dataQuality,
    notes,
  };
}

const names = (ref: Ref, codes: string[]) => codes.map((c) => ref.unitName(c)).join(', ');

// --- economic contribution ---------------------------------------------------------------------

interface EconomicInput {
  year: number;
  ref: Ref;
  rows: { region: string; area: string; hours: number }[];
  roll: Rollup;
  wages: { region: string; activity: string; monthly: number; source: string }[];
  wt: Awaited<ReturnType<typeof workingTimeOf>>;
  unaccounted: Awaited<ReturnType<typeof unaccountedOf>>;
  fteHours: number | null;
  noData: boolean;
}

export function computeEconomic(e: EconomicInput): Economic {
  const { ref, wt, wages, year } = e;
  const lang = ref.lang;
  const annual = wt?.annualHours ?? null;
  const norm = e.fteHours ?? wt?.fteHours ?? wt?.annualHours ?? null;
  const assumptions: string[] = [];
  const rfoHours = e.noData ? null : e.roll.national.hours;
  const upliftHours = e.unaccounted.length ? e.unaccounted.reduce((s, u) => s + u.hours, 0) : null;
  const totalHours = sumKnown([rfoHours, upliftHours]);
  if (!wt) assumptions.push(say(lang, 'note.noWorkingTime', { year }));
  else
    assumptions.push(
      say(lang, 'economic.hourlyWage', { annual, source: wt.source }),
      say(lang, 'economic.fteNorm', {
        norm,
        source: e.fteHours
          ? say(lang, 'economic.fteSourceParam')
          : wt.fteHours
            ? (wt.fteSource ?? say(lang, 'economic.fteSourceTable'))
            : say(lang, 'economic.fteSourceLegal'),
      }),
    );
  // Hours by the raw region they were reported in: each valued at its own region's wage.
  const hoursRaw = new Map<string, number>();
  const hoursRegionArea = new Map<string, number>();
  for (const r of e.rows) {
    if (!ref.map.target.has(r.region)) continue;
    hoursRaw.set(r.region, (hoursRaw.get(r.region) ?? 0) + r.hours);
    hoursRegionArea.set(
      `${r.region}|${r.area}`,
      (hoursRegionArea.get(`${r.region}|${r.area}`) ?? 0) + r.hours,
    );
  }
  const usedFor = new Map<string, Set<string>>();
  const use = (w: { region: string; activity: string }, what: string) => {
    const k = `${w.region}|${w.activity}`;
    const s = usedFor.get(k) ?? new Set<string>();
    s.add(what);
    usedFor.set(k, s);
  };
  const nationalFallback: string[] = [];
  const noWage: string[] = [];
  const regionalByRegion = [...hoursRaw].map(([region, hours]) => {
    const w = pickWage(wages, region);
    if (!w) noWage.push(region);
    else {
      use(w.wage, region);
      if (w.from === 'national') nationalFallback.push(region);
    }
    const hourly = w ? hourlyWage(w.wage.monthly, annual) : null;
    return {
      region,
      hours,
      hourlyWageKzt: hourly,
      valueKzt: valueAt(hours, hourly),
      wageFrom: w?.from ?? 'none',
    };
  });
  if (nationalFallback.length)
    assumptions.push(say(lang, 'note.nationalWage', { year, regions: names(ref, nationalFallback) }));
  if (noWage.length) assumptions.push(say(lang, 'note.noWage', { regions: names(ref, noWage) }));
  const national = pickWage(wages, '');
  const nationalHourly = national ? hourlyWage(national.wage.monthly, annual) : null;
  if (national) use(national.wage, 'unaccounted hours');
  const sumValues = (xs: { valueKzt: number | null }[]) =>
    xs.length && xs.every((x) => isNum(x.valueKzt))
      ? xs.reduce((s, x) => s + (x.valueKzt as number), 0)
      : null;
  const regionalRfo = e.noData ? null : sumValues(regionalByRegion);
  const unaccountedRows = e.unaccounted.map((u) => ({
    source: u.source,
    area: u.area,
    volunteers: u.volunteers,
    hours: u.hours,
    note: u.note,
    hourlyWageKzt: nationalHourly,
    valueKzt: valueAt(u.hours, nationalHourly),
  }));
  const upliftValue = unaccountedRows.length ? sumValues(unaccountedRows) : null;
  if (unaccountedRows.length) assumptions.push(say(lang, 'economic.unaccountedNational'));
  const valuations: Economic['valuations'] = [
    {
      key: 'regional',
      label: say(lang, 'valuation.regional'),
      rfoValueKzt: regionalRfo,
      upliftValueKzt: upliftValue,
      totalValueKzt: sumKnown([regionalRfo, upliftValue]),
      byRegion: regionalByRegion.sort((a, b) => a.region.localeCompare(b.region)),
      byArea: [],
    },
  ];
  // By type of economic activity, where the wage table has activity rows and the area is mapped to one.
  const activityWages = wages.filter((w) => w.activity !== '');
  if (activityWages.length && !e.noData) {
    const areaActivity = new Map<string, string | null>();
    for (const it of ref.lists.get('area') ?? []) {
      const a = it.attrs?.activity;
      areaActivity.set(it.code, typeof a === 'string' ? a : null);
    }
    const byArea: Economic['valuations'][number]['byArea'] = [];
    let rfo = 0;
    let ok = true;
    const areaHours = new Map<string, number>();
    for (const [k, h] of hoursRegionArea) {
      const area = k.split('|')[1] as string;
      areaHours.set(area, (areaHours.get(area) ?? 0) + h);
    }
    const unmapped: string[] = [];
    for (const [area, hours] of areaHours) {
      const act = areaActivity.get(area) ?? null;
      // Regional activity wage when it exists, else the national activity wage, else the regional average.
      let value = 0;
      for (const [k, h] of hoursRegionArea) {
        const [region, a] = k.split('|') as [string, string];
        if (a !== area) continue;
        const w = (act ? pickWage(wages, region, act) : null) ?? pickWage(wages, region);
        if (!w) {
          ok = false;
          continue;
        }
        use(w.wage, area);
        value += valueAt(h, hourlyWage(w.wage.monthly, annual)) ?? 0;
      }
      if (!act) unmapped.push(area);
      const w = act ? pickWage(wages, '', act) : null;
      byArea.push({
        area,
        activity: act,
        hours,
        hourlyWageKzt: w ? hourlyWage(w.wage.monthly, annual) : null,
        valueKzt: value,
      });
      rfo += value;
    }
    if (unmapped.length)
      assumptions.push(
        say(lang, 'economic.unmappedAreas', {
          areas: unmapped.map((a) => ref.codeName('area', a)).join(', '),
        }),
      );
    const uplift = e.unaccounted.length
      ? e.unaccounted.reduce((s, u) => {
          const act = u.area ? (areaActivity.get(u.area) ?? null) : null;
          const w = (act ? pickWage(wages, '', act) : null) ?? national;
          return s + (valueAt(u.hours, w ? hourlyWage(w.wage.monthly, annual) : null) ?? 0);
        }, 0)
      : null;
    valuations.push({
      key: 'activity',
      label: say(lang, 'valuation.activity'),
      rfoValueKzt: ok ? Math.round(rfo) : null,
      upliftValueKzt: uplift,
      totalValueKzt: ok ? sumKnown([Math.round(rfo), uplift]) : null,
      byRegion: [],
      byArea: byArea.sort((a, b) => b.hours - a.hours),
    });
  }
  if (national && rfoHours !== null) {
    const v = valueAt(rfoHours, nationalHourly);
    valuations.push({
      key: 'national',
      label: say(lang, 'valuation.national'),
      rfoValueKzt: v,
      upliftValueKzt: upliftValue,
      totalValueKzt: sumKnown([v, upliftValue]),
      byRegion: [],
      byArea: [],
    });
  }
  const regional = valuations[0];
  const valueKzt = regional?.totalValueKzt ?? null;
  // The range: over the valuations that exist, of all hours (RFO + uplift) when an activity
  // valuation exists; otherwise from the RFO hours alone to all hours at regional wages.
  const activity = valuations.find((v) => v.key === 'activity');
  let range: [number, number] | null = null;
  let reportRange: string;
  if (activity && isNum(activity.totalValueKzt) && isNum(valueKzt)) {
    range = [Math.min(activity.totalValueKzt, valueKzt), Math.max(activity.totalValueKzt, valueKzt)];
    reportRange = say(lang, 'economic.rangeActivity');
  } else if (isNum(regional?.rfoValueKzt) && isNum(valueKzt)) {
    range = [regional.rfoValueKzt as number, valueKzt];
    reportRange = say(lang, 'economic.rangeRegional');
  } else reportRange = say(lang, 'economic.notComputable');
  const fte = fteOf(totalHours, norm);
  if (year === 2022 && totalHours !== null)
    assumptions.push(
      say(lang, 'economic.seedNorm', {
        reportYear: 2022,
        fte: SEED_2022.fte,
        hours: SEED_2022.rfoHours + SEED_2022.unaccounted,
        norm: Math.round((SEED_2022.rfoHours + SEED_2022.unaccounted) / SEED_2022.fte),
      }),
    );
  const wageTable: Economic['wageTable'] = wages
    .filter((w) => usedFor.has(`${w.region}|${w.activity}`))
    .map((w) => ({
      region: w.region,
      activity: w.activity,
      monthlyWageKzt: w.monthly,
      hourlyWageKzt: hourlyWage(w.monthly, annual) ?? 0,
      source: w.source,
      usedFor: [...(usedFor.get(`${w.region}|${w.activity}`) ?? [])],
    }))
    .filter(() => annual !== null)
    .sort((a, b) => a.activity.localeCompare(b.activity) || a.region.localeCompare(b.region));
  return {
    hours: rfoHours,
    unaccountedHours: upliftHours,
    totalHours,
    valueKzt,
    valueRangeKzt: range,
    annualHoursNorm: norm,
    fte,
    valueRangeBnKzt: range ? [round(range[0] / 1e9, 1), round(range[1] / 1e9, 1)] : null,
    fteNote:
      norm === null
        ? say(lang, 'economic.noNorm')
        : fte === null || totalHours === null
          ? say(lang, 'economic.noFte')
          : say(lang, 'economic.fteNote', {
              hours: Math.round(totalHours),
              norm,
              fte,
              source: say(
                lang,
                e.fteHours
                  ? 'economic.fteSourceParam'
                  : wt?.fteHours
                    ? 'economic.fteSourceTable'
                    : 'economic.fteSourceLegal',
              ),
            }),
    method: say(lang, 'economic.method'),
    workingTime: {
      year,
      monthlyHours: wt?.monthlyHours ?? null,
      annualHours: annual,
      source: wt?.source ?? null,
      fteHours: norm,
      fteSource: e.fteHours ? 'parameter fteHours' : (wt?.fteSource ?? wt?.source ?? null),
    },
    valuations,
    rfoValueKzt: regional?.rfoValueKzt ?? null,
    upliftValueKzt: upliftValue,
    upliftShare: share(upliftHours, rfoHours),
    unaccounted: unaccountedRows,
    wageTable,
    assumptions,
    reportRange,
    missingRegions: { wage: [...nationalFallback, ...noWage], hours: [] },
  };
}

// --- appeals ------------------------------------------------------------------------------------

function computeAppeals(
  ref: Ref,
  year: number,
  rows: Awaited<ReturnType<typeof appealsOf>>,
  times: { received_at: string; first_response_at: string | null; resolved_at: string | null }[],
): AnnualReport['appeals'] {
  const total = rows.reduce((s, r) => s + r.n, 0);
  const group = (key: (r: (typeof rows)[number]) => string | null, list: string | null) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = key(r) ?? 'unknown';
      m.set(k, (m.get(k) ?? 0) + r.n);
    }
    return [...m]
      .map(([code, n]) => ({
        code,
        name:
          code === 'unknown' || code === 'abroad'
            ? say(ref.lang, `appeals.${code}`)
            : list
              ? ref.codeName(list, code)
              : code.startsWith('KZ-')
                ? ref.unitName(code)
                : code,
        value: n,
        share: share(n, total),
      }))
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  };
  if (!total)
    return {
      available: false,
      reason: say(ref.lang, 'note.appealsNone', { year }),
      total: null,
      related: null,
      byGender: [],
      byChannel: [],
      byTopic: [],
      byStatus: [],
      byRegion: [],
      byCountry: [],
      medianHoursToFirstResponse: null,
      medianDaysToResolution: null,
    };
  const hours = (a: string, b: string | null) =>
    b ? (Date.parse(b) - Date.parse(a)) / 3_600_000 : Number.NaN;
  const first = times
    .map((t) => hours(t.received_at, t.first_response_at))
    .filter((h) => Number.isFinite(h) && h >= 0);
  const resolved = times
    .map((t) => hours(t.received_at, t.resolved_at))
    .filter((h) => Number.isFinite(h) && h >= 0);
  const m1 = median(first);
  const m2 = median(resolved);
  return {
    available: true,
    reason: null,
    total,
    related: rows.filter((r) => r.related).reduce((s, r) => s + r.n, 0),
    byGender: group((r) => r.gender, 'gender'),
    byChannel: group((r) => r.channel, 'appeal_channel'),
    byTopic: group((r) => r.topic, 'appeal_topic'),
    byStatus: group((r) => r.status, 'appeal_status'),
    byRegion: group((r) => r.region ?? (r.country ? 'abroad' : null), null),
    byCountry: group((r) => r.country ?? (r.region ? 'KZ' : null), null),
    medianHoursToFirstResponse: m1 === null ? null : round(m1, 1),
    medianDaysToResolution: m2 === null ? null : round(m2 / 24, 1),
  };
}

// --- sections -------------------------------------------------------------------------------

interface SectionInput {
  lang: Lang;
  year: number;
  ref: Ref;
  noData: boolean;
  totals: AnnualReport['totals'];
  portrait: AnnualReport['portrait'];
  regionalPortrait: AnnualReport['regionalPortrait'];
  organizations: AnnualReport['organizations'];
  hoursByArea: AnnualReport['hoursByArea'];
  eventsByFormat: AnnualReport['eventsByFormat'];
  cohorts: AnnualReport['cohorts'];
  representation: AnnualReport['representation'];
  rfoSupport: AnnualReport['rfoSupport'];
  development: AnnualReport['development'];
  economic: Economic;
  appeals: AnnualReport['appeals'];
  dataQuality: AnnualReport['dataQuality'];
  missing: AnnualReport['totals']['missingRegions'];
  roll: Rollup;
}

/** The figures a zero denominator can leave without a value, and their names' keys. */
const ZERO_FIGURES = {
  'totals.populationShare': 'totals_populationShare',
  'hoursByArea.share': 'hoursByArea_share',
  'eventsByFormat.share': 'eventsByFormat_share',
} as const satisfies Record<string, KeysUnder<'figureName'>>;
type ZeroFigure = keyof typeof ZERO_FIGURES;

function buildSections(s: SectionInput): SectionInfo[] {
  const { lang, year, ref } = s;
  const t = (key: ReportKey, vars: Record<string, string | number | null | undefined> = {}) =>
    say(lang, key, vars);
  const missingNote = (figure: string, regions: string[]): Note[] =>
    regions.length
      ? [
          {
            code: 'missing_regions',
            figure,
            text: t('narrative.missing', { regions: names(ref, regions) }),
            regions,
          },
        ]
      : [];
  const zero = (figure: ZeroFigure, v: number | null, whenKnown: boolean): Note[] =>
    v === null && whenKnown
      ? [
          {
            code: 'zero_denominator',
            figure,
            text: t('note.zeroDenominator', { figure: t(`figureName.${ZERO_FIGURES[figure]}`) }),
          },
        ]
      : [];
  const sec = (
    number: number,
    key: KeysUnder<'section'>,
    narrative: (string | null | false | undefined)[],
    extra: Partial<Pick<SectionInfo, 'available' | 'reason' | 'notes' | 'missingRegions'>> = {},
  ): SectionInfo => ({
    number,
    key,
    title: t(`section.${key}`),
    available: extra.available ?? true,
    reason: extra.reason ?? null,
    narrative: narrative.filter((x): x is string => typeof x === 'string'),
    notes: extra.notes ?? [],
    missingRegions: extra.missingRegions ?? [],
  });
  const tot = s.totals;
  const prevYear = year - 1;
  const noDataReason = s.noData ? t('narrative.noData', { year }) : null;
  const pct = (v: number | null | undefined) => (isNum(v) ? formatNumber(v, lang, 2) : null);

  const female = s.portrait.gender.find((g) => g.code === 'female')?.share;
  const male = s.portrait.gender.find((g) => g.code === 'male')?.share;
  const empTop = extreme(s.portrait.employment, (r) => r.share);
  const g0 = s.portrait.change.largestGrowth;
  const d0 = s.portrait.change.largestDecrease;
  const fp = s.regionalPortrait.femalePrevailing;
  const mp = s.regionalPortrait.malePrevailing;
  const topShare = s.regionalPortrait.volunteersShareTop[0];
  const band = s.regionalPortrait.ageBandExtremes.find((b) => b.highest && b.lowest);
  const cTop = s.cohorts[0];
  const org = s.organizations;
  const aTop = s.hoursByArea[0];
  const aBottom = s.hoursByArea.length ? s.hoursByArea[s.hoursByArea.length - 1] : undefined;
  const fTop = s.eventsByFormat[0];
  const high = s.representation.filter((r) => r.mark === 'high');
  const hTop = extreme(high, (r) => r.share);
  const sTop = s.rfoSupport.types[0];
  const regular = s.rfoSupport.byRegion.filter((r) => r.level === 'regular').length;
  const econ = s.economic;
  const bn = (v: number) => formatNumber(round(v / 1e9, 2), lang, 2);
  const ap = s.appeals;
  const dq = s.dataQuality;

  return [
    sec(
      1,
      'totals',
      [
        tot.volunteers !== null &&
          tot.hours !== null &&
          t('narrative.totals', {
            year: String(year),
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
          t('narrative.volunteersChange', { prevYear: String(prevYear), change: pct(tot.volunteersChange) }),
      ],
      {
        available: !s.noData || tot.volunteers !== null,
        reason: s.noData && tot.volunteers === null ? noDataReason : null,
        missingRegions: [...new Set([...s.missing.volunteers, ...s.missing.hours])],
        notes: [
          ...missingNote('totals.volunteers', s.missing.volunteers),
          ...missingNote('totals.hours', s.missing.hours),
          ...missingNote('totals.initiativeGroups', s.missing.initiativeGroups),
          ...missingNote('totals.npo', s.missing.npo),
          ...zero('totals.populationShare', tot.populationShare, tot.volunteers !== null),
          { code: 'assumption', figure: 'totals.volunteersEstimate', text: t('note.volunteersEstimate') },
        ],
      },
    ),
    sec(
      2,
      'portrait',
      [
        isNum(female) && isNum(male) && t('narrative.gender', { female: pct(female), male: pct(male) }),
        empTop &&
          isNum(empTop.share) &&
          t('narrative.employmentTop', { category: empTop.name, share: pct(empTop.share) }),
        g0 && t('narrative.growth', { prevYear: String(prevYear), region: g0.name, value: pct(g0.value) }),
        d0 && t('narrative.decrease', { prevYear: String(prevYear), region: d0.name, value: pct(d0.value) }),
      ],
      {
        available: s.portrait.gender.some((g) => g.value !== null),
        reason: s.portrait.gender.some((g) => g.value !== null) ? null : t('narrative.noData', { year }),
        missingRegions: s.portrait.missingRegions.gender,
        notes: missingNote('portrait.gender', s.portrait.missingRegions.gender),
      },
    ),
    sec(
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
        missingRegions: s.missing.volunteers,
        notes: missingNote('regions.gender', s.portrait.missingRegions.gender),
      },
    ),
    sec(
      4,
      'cohorts',
      [
        cTop &&
          isNum(cTop.share) &&
          t('narrative.cohortTop', { category: cTop.name, share: pct(cTop.share) }),
      ],
      {
        available: !s.noData,
        reason: noDataReason,
        missingRegions: s.missing.hours,
      },
    ),
    sec(
      5,
      'organizations',
      [
        org.initiativeGroupsShare !== null &&
          (org.missingRegions.initiativeGroups.length || org.missingRegions.npo.length
            ? t('narrative.orgShareWithout', {
                igShare: pct(org.initiativeGroupsShare),
                npoShare: pct(org.npoShare),
                regions: names(ref, [
                  ...new Set([...org.missingRegions.npo, ...org.missingRegions.initiativeGroups]),
                ]),
              })
            : t('narrative.orgShare', {
                igShare: pct(org.initiativeGroupsShare),
                npoShare: pct(org.npoShare),
              })),
        (org.npoPrevailing.length > 0 || org.initiativeGroupsPrevailing.length > 0) &&
          t('narrative.orgPrevailing', {
            ig: org.initiativeGroupsPrevailing.length,
            npo: org.npoPrevailing.length,
          }),
      ],
      {
        available: org.npo !== null || org.initiativeGroups !== null,
        reason: org.npo === null && org.initiativeGroups === null ? t('narrative.noData', { year }) : null,
        missingRegions: [...new Set([...org.missingRegions.npo, ...org.missingRegions.initiativeGroups])],
        notes: [
          ...missingNote('organizations.npo', org.missingRegions.npo),
          ...missingNote('organizations.initiativeGroups', org.missingRegions.initiativeGroups),
        ],
      },
    ),
    sec(
      6,
      'hoursByArea',
      [
        aTop &&
          isNum(aTop.share) &&
          t('narrative.areaTop', { area: aTop.name, share: pct(aTop.share), hours: Math.round(aTop.hours) }),
        aBottom &&
          aBottom !== aTop &&
          isNum(aBottom.share) &&
          t('narrative.areaBottom', {
            area: aBottom.name,
            share: pct(aBottom.share),
            hours: Math.round(aBottom.hours),
          }),
      ],
      {
        available: !s.noData,
        reason: noDataReason,
        missingRegions: s.missing.hours,
        notes: [
          ...missingNote('hoursByArea', s.missing.hours),
          ...zero('hoursByArea.share', s.noData ? null : share(1, s.roll.national.hours), !s.noData),
        ],
      },
    ),
    sec(
      7,
      'formats',
      [fTop && isNum(fTop.share) && t('narrative.formatTop', { share: pct(fTop.share), format: fTop.name })],
      {
        available: !s.noData,
        reason: noDataReason,
        missingRegions: s.missing.hours,
        notes: zero('eventsByFormat.share', s.noData ? null : share(1, s.roll.national.events), !s.noData),
      },
    ),
    sec(
      8,
      'representation',
      [
        hTop &&
          isNum(hTop.share) &&
          t('narrative.representation', {
            high: high.length,
            area: ref.codeName('area', hTop.area),
            region: ref.unitName(hTop.region),
            share: pct(hTop.share),
          }),
      ],
      { available: !s.noData, reason: noDataReason, missingRegions: s.missing.hours },
    ),
    sec(
      9,
      'rfoSupport',
      [
        sTop &&
          sTop.events > 0 &&
          t('narrative.rfoTop', { support: sTop.name, events: sTop.events, regular }),
      ],
      {
        available: !s.noData,
        reason: noDataReason,
        missingRegions: s.missing.hours,
      },
    ),
    sec(
      10,
      'development',
      [
        s.development.available &&
          t('narrative.development', {
            events: s.development.events,
            volunteers: s.development.volunteers,
            hours: Math.round(s.development.hours ?? 0),
            most: s.development.most?.name,
            least: s.development.least?.name,
          }),
      ],
      { available: s.development.available, reason: s.development.reason, missingRegions: s.missing.hours },
    ),
    sec(11, 'priorityProjects', [], { available: false, reason: t('note.priorityProjects') }),
    sec(
      12,
      'economic',
      [
        econ.valueKzt !== null && econ.valueRangeKzt
          ? t('narrative.economic', {
              hours: Math.round(econ.hours ?? 0),
              unaccounted: Math.round(econ.unaccountedHours ?? 0),
              value: Math.round(econ.valueKzt),
              low: bn(econ.valueRangeKzt[0]),
              high: bn(econ.valueRangeKzt[1]),
              fte: econ.fte,
            })
          : // Nothing to value: the section's reason says why, once.
            null,
      ],
      {
        available: econ.valueKzt !== null,
        reason: econ.valueKzt === null ? econ.reportRange : null,
        missingRegions: econ.missingRegions.wage,
        notes: econ.assumptions.map((a) => ({ code: 'assumption', figure: 'economic', text: a })),
      },
    ),
    sec(
      13,
      'appeals',
      [
        ap.available &&
          ap.byChannel[0] &&
          t('narrative.appeals', { total: ap.total, channel: ap.byChannel[0].name }),
      ],
      { available: ap.available, reason: ap.reason },
    ),
    sec(
      14,
      'dataQuality',
      [
        t('narrative.dataQuality', {
          completeness: isNum(dq.national.completeness)
            ? `${pct(dq.national.completeness)}%`
            : t('quality.notComputable'),
          timeliness: isNum(dq.national.timeliness)
            ? `${pct(dq.national.timeliness)}%`
            : t('quality.notComputable'),
          excluded: dq.excluded.reduce((a, e) => a + e.records, 0),
          outliers: dq.outliers.length,
        }),
      ],
      { missingRegions: s.missing.hours, notes: dq.notes },
    ),
  ];
}

export type { Status };
