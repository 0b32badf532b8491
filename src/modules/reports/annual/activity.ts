// §4 and §6–8 of the annual report: what the volunteers did — hours by area and the regions that
// lead each area, events by format and kind, the representation of areas by region, the cohorts
// at events, and the months of the year.
import { monthsOf } from '../../../domain/periods.ts';
import { extreme, share } from '../../../domain/report/maths.ts';
import { areaRows, cohortRows, emptyFlow, formatRows } from '../common.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

export const hoursByAreaOf = (c: AnnualContext): AnnualReport['hoursByArea'] =>
  c.noData ? [] : areaRows(c.roll, c.ref.codes('area'), (x) => c.ref.codeName('area', x));

/** A unit's events in an area as a share of all its events. */
const areaEventShare = (c: AnnualContext, unit: string, area: string) =>
  share(c.roll.byRegionArea.get(`${unit}|${area}`)?.events ?? 0, c.roll.byRegion.get(unit)?.events ?? 0);

/** Each area's leading region: by hours, and by the area's share of the region's events. */
export function areaLeadersOf(
  c: AnnualContext,
  hoursByArea: AnnualReport['hoursByArea'],
): AnnualReport['areas'] {
  if (c.noData) return [];
  const { roll, hasActivity } = c;
  return hoursByArea.map((a) => {
    const byHours = extreme(hasActivity, (u) => roll.byRegionArea.get(`${u}|${a.area}`)?.hours ?? null);
    const byEventShare = extreme(hasActivity, (u) => areaEventShare(c, u, a.area));
    const h = byHours ? (roll.byRegionArea.get(`${byHours}|${a.area}`)?.hours ?? 0) : 0;
    const es = byEventShare ? areaEventShare(c, byEventShare, a.area) : null;
    return {
      area: a.area,
      name: a.name,
      topRegionByHours: byHours && h > 0 ? { region: byHours, share: share(h, a.hours) as number } : null,
      topRegionByEventShare: byEventShare && es ? { region: byEventShare, share: es } : null,
    };
  });
}

export const eventsByFormatOf = (c: AnnualContext): AnnualReport['eventsByFormat'] =>
  c.noData ? [] : formatRows(c.roll, c.ref.codes('format'), (x) => c.ref.codeName('format', x));

export function eventsByKindOf(c: AnnualContext): AnnualReport['eventsByKind'] {
  if (c.noData) return [];
  const { roll, ref } = c;
  return [...new Set([...ref.codes('kind'), ...roll.byKind.keys()])].map((kind) => {
    const f = roll.byKind.get(kind) ?? emptyFlow();
    return {
      kind,
      name: ref.codeName('kind', kind),
      events: f.events,
      share: share(f.events, roll.national.events),
      hours: f.hours,
    };
  });
}

/** Each area's share of each region's events, marked high above 25 % and low under 5 %. */
export function representationOf(c: AnnualContext): AnnualReport['representation'] {
  const out: AnnualReport['representation'] = [];
  const areaCodes = c.ref.codes('area');
  for (const u of c.hasActivity) {
    const ev = c.roll.byRegion.get(u)?.events ?? 0;
    if (!ev) continue;
    for (const a of areaCodes) {
      const e = c.roll.byRegionArea.get(`${u}|${a}`)?.events ?? 0;
      const s = share(e, ev);
      out.push({
        region: u,
        area: a,
        events: e,
        share: s,
        mark: s === null ? null : s > 25 ? 'high' : s < 5 ? 'low' : null,
      });
    }
  }
  return out;
}

export const cohortsOf = (c: AnnualContext): AnnualReport['cohorts'] =>
  c.noData ? [] : cohortRows(c.roll, (x) => c.ref.codeName('cohort', x));

/** The months of the year, with the number of units that reported each (null when none did). */
export function monthlyOf(c: AnnualContext): AnnualReport['monthly'] {
  return monthsOf(c.year).map((period) => {
    const reporting = c.units.filter((u) => c.months.get(u)?.has(period)).length;
    const f = c.roll.byMonth.get(period) ?? emptyFlow();
    return {
      period,
      hours: reporting ? f.hours : null,
      events: reporting ? f.events : null,
      volunteers: reporting ? f.volunteers : null,
      regionsReporting: reporting,
    };
  });
}
