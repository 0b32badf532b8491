// §15 of the annual report: impact (issue 12 item 5), computed by the impact module from the
// platform's records, the organisations' reports and the volunteers' surveys, placed on the
// report's map and named in its language.
import { type ImpactNames, impactSection } from '../../impact/impact.service.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

/** The report's map and code lists, as the impact figures take them. */
export function impactNames(ref: AnnualContext['ref']): ImpactNames {
  return {
    unitOf: (region) => ref.map.target.get(region) ?? null,
    units: ref.map.units,
    unitName: ref.unitName,
    areas: ref.codes('area'),
    areaName: (area) => ref.codeName('area', area),
    types: ref.codes('beneficiary_type'),
    typeName: (type) => ref.codeName('beneficiary_type', type),
  };
}

export const impactOf = (c: AnnualContext): AnnualReport['impact'] =>
  impactSection(c.data.impact, c.year, impactNames(c.ref));
