// §5 of the annual report: non-profit organisations and initiative groups, their shares and where
// one or the other prevails.
import { isNum, share, sumKnown } from '../../../domain/report/maths.ts';
import type { AnnualReport, RegionRow } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';
import type { MissingRegions } from './regions.ts';

/** The regions where `kind` prevails, by its share in the region. */
const prevailingOrgs = (regions: RegionRow[], kind: 'npo' | 'initiative_group' | 'equal') =>
  regions
    .filter((r) => r.orgPrevailing === kind)
    .map((r) => ({
      region: r.region,
      name: r.name,
      value: (kind === 'initiative_group' ? r.initiativeGroupsShareInRegion : r.npoShareInRegion) as number,
    }))
    .sort((a, b) => b.value - a.value);

export function organizationsOf(
  c: AnnualContext,
  regions: RegionRow[],
  missing: MissingRegions,
): AnnualReport['organizations'] {
  const { orgCur } = c;
  // The shares are computed over the regions that reported both counts.
  const basis = c.units.filter((u) => orgCur.npo.has(u) && orgCur.ig.has(u));
  const bNpo = sumKnown(basis.map((u) => orgCur.npo.get(u)));
  const bIg = sumKnown(basis.map((u) => orgCur.ig.get(u)));
  const bAll = isNum(bNpo) && isNum(bIg) ? bNpo + bIg : null;
  return {
    npo: c.npoTotal,
    initiativeGroups: c.igTotal,
    npoShare: share(bNpo, bAll),
    initiativeGroupsShare: share(bIg, bAll),
    shareBasisRegions: basis,
    npoPrevailing: prevailingOrgs(regions, 'npo'),
    initiativeGroupsPrevailing: prevailingOrgs(regions, 'initiative_group'),
    equal: prevailingOrgs(regions, 'equal'),
    missingRegions: { npo: missing.npo, initiativeGroups: missing.initiativeGroups },
  };
}
