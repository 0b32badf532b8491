// §14 of the annual report: the data quality of the year, with the regions each figure of the
// report leaves out.
import { computeQuality } from '../quality.service.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

export function dataQualityOf(
  c: AnnualContext,
  r: Pick<AnnualReport, 'totals' | 'portrait' | 'economic'>,
): AnnualReport['dataQuality'] {
  const missing = r.totals.missingRegions;
  const portrait = r.portrait.missingRegions;
  return computeQuality({
    year: c.year,
    ref: c.ref,
    provisional: c.opts.provisional,
    subs: c.data.subs,
    roll: c.roll,
    excluded: c.data.excluded,
    missingByFigure: {
      volunteers: missing.volunteers,
      hours: missing.hours,
      events: missing.hours,
      npo: missing.npo,
      initiativeGroups: missing.initiativeGroups,
      population: missing.population,
      gender: portrait.gender,
      ageBands: portrait.ageBands,
      employment: portrait.employment,
      wage: r.economic.missingRegions.wage,
    },
  });
}
