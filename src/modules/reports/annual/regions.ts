// The annual report's regions: one row per map unit (stocks, flows, organisations, population),
// the regions each figure leaves out, and the map itself.
import { change, prevailing, round, share } from '../../../domain/report/maths.ts';
import { dimShares, reportedFlow } from '../common.ts';
import type { AnnualReport, MapUnit, RegionRow } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

export type MissingRegions = AnnualReport['totals']['missingRegions'];

/** One map unit's figures. */
function regionRow(c: AnnualContext, u: string): RegionRow {
  const v = c.cur.total.get(u) ?? null;
  const vp = c.prev.total.get(u) ?? null;
  const flow = reportedFlow(c.months, c.roll.byRegion, u);
  const npo = c.orgCur.npo.get(u) ?? null;
  const ig = c.orgCur.ig.get(u) ?? null;
  const g = dimShares(c.cur, u, 'gender', c.genders);
  const pop = c.popOf(u);
  return {
    region: u,
    name: c.name(u),
    comparable: !c.map.notComparable.has(u),
    volunteers: v,
    volunteersShare: share(v, c.volunteersTotal),
    volunteersPrevious: vp,
    volunteersChange: c.changeExcluded.has(u) ? null : change(v, vp),
    gender: g,
    genderPrevailing: prevailing(g.female ?? null, g.male ?? null, ['female', 'male'] as const),
    ageBands: dimShares(c.cur, u, 'age_band', c.bands),
    employment: dimShares(c.cur, u, 'employment', c.employment),
    hours: flow ? flow.hours : null,
    events: flow ? flow.events : null,
    eventVolunteers: flow ? flow.volunteers : null,
    beneficiaries: flow ? flow.beneficiaries : null,
    npo,
    initiativeGroups: ig,
    npoShareInRegion: npo !== null && ig !== null ? share(npo, npo + ig) : null,
    initiativeGroupsShareInRegion: npo !== null && ig !== null ? share(ig, npo + ig) : null,
    npoNationalShare: share(npo, c.npoTotal),
    initiativeGroupsNationalShare: share(ig, c.igTotal),
    orgPrevailing: prevailing(npo, ig, ['npo', 'initiative_group'] as const),
    population: pop,
    volunteersPerPopulation: share(v, pop),
    hoursPerVolunteer: flow && v ? round(flow.hours / v, 2) : null,
  };
}

export const regionRows = (c: AnnualContext): RegionRow[] => c.units.map((u) => regionRow(c, u));

/** The units each national figure leaves out for want of data. */
export function missingRegions(c: AnnualContext): MissingRegions {
  const { units } = c;
  return {
    volunteers: units.filter((u) => !c.cur.total.has(u)),
    hours: units.filter((u) => !c.months.has(u)),
    npo: units.filter((u) => !c.orgCur.npo.has(u)),
    initiativeGroups: units.filter((u) => !c.orgCur.ig.has(u)),
    population: units.filter((u) => c.popOf(u) === null),
  };
}

/** The map the report is drawn on: its units, their tiles and the units each one sums. */
export function mapUnits(c: AnnualContext): MapUnit[] {
  return c.units.map((u) => {
    const t = c.ref.territory.units.find((x) => x.code === u);
    return {
      code: u,
      name: c.name(u),
      kind: t?.kind ?? 'region',
      tileX: t?.tileX ?? 0,
      tileY: t?.tileY ?? 0,
      comparable: !c.map.notComparable.has(u),
      sources: c.map.sources.get(u) ?? [u],
    };
  });
}
