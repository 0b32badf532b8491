// §1 of the annual report: the national totals, against the year before.
import { change, isNum, share, sumKnown } from '../../../domain/report/maths.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';
import type { MissingRegions } from './regions.ts';

export function totalsOf(c: AnnualContext, missing: MissingRegions): AnnualReport['totals'] {
  const { units, cur, popOf, roll, noData } = c;
  const popBasis = units.filter((u) => cur.total.has(u) && popOf(u) !== null);
  const popSum = sumKnown(popBasis.map(popOf));
  const volOnPop = sumKnown(popBasis.map((u) => cur.total.get(u)));
  const prevVolunteers = sumKnown(units.map((u) => c.prev.total.get(u)));
  const prevNpo = sumKnown(units.map((u) => c.orgPrev.npo.get(u)));
  const prevIg = sumKnown(units.map((u) => c.orgPrev.ig.get(u)));
  const prevHours = c.data.prevHours;
  return {
    volunteers: c.volunteersTotal,
    volunteersEstimate: null,
    hours: noData ? null : roll.national.hours,
    events: noData ? null : roll.national.events,
    eventVolunteers: noData ? null : roll.national.volunteers,
    beneficiaries: noData ? null : roll.national.beneficiaries,
    npo: c.npoTotal,
    initiativeGroups: c.igTotal,
    population: popSum,
    populationShare: share(volOnPop, popSum),
    everyNth:
      isNum(popSum) && popSum > 0 && isNum(volOnPop) && volOnPop > 0 ? Math.round(popSum / volOnPop) : null,
    previousYear: {
      year: c.year - 1,
      volunteers: prevVolunteers,
      npo: prevNpo,
      initiativeGroups: prevIg,
      hours: prevHours.length ? prevHours.reduce((s, r) => s + r.hours, 0) : null,
    },
    volunteersChange: change(c.volunteersTotal, prevVolunteers),
    npoChange: change(c.npoTotal, prevNpo),
    initiativeGroupsChange: change(c.igTotal, prevIg),
    missingRegions: missing,
  };
}
