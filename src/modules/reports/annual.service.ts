// The annual analytical report (DOMAIN.md §5, FORMATS.md "annual report JSON"), computed from the
// aggregates of included submissions (accepted; with `provisional`, submitted too), the stocks and
// the reference tables. The reads are in annual/load.ts, each section's figures in a file of
// annual/ named after it, the valuation of volunteer time in domain/economic.ts and the sentences
// in annual/narrative.ts; this file puts them together in the order of the public contract.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { say } from '../../domain/report/narrative.ts';
import {
  areaLeadersOf,
  cohortsOf,
  eventsByFormatOf,
  eventsByKindOf,
  hoursByAreaOf,
  monthlyOf,
  representationOf,
} from './annual/activity.ts';
import { appealsSectionOf } from './annual/appeals.ts';
import { annualContext } from './annual/context.ts';
import { economicOf } from './annual/economic.ts';
import { impactOf } from './annual/impact.ts';
import { type AnnualOptions, loadAnnual } from './annual/load.ts';
import { sectionsOf } from './annual/narrative.ts';
import { closingNotes, mapNotes, provisionalPartitions } from './annual/notes.ts';
import { organizationsOf } from './annual/organizations.ts';
import { portraitOf, regionalPortraitOf } from './annual/portrait.ts';
import { priorityProjectsOf } from './annual/priority-projects.ts';
import { dataQualityOf } from './annual/quality.ts';
import { mapUnits, missingRegions, regionRows } from './annual/regions.ts';
import { developmentOf, rfoSupportOf } from './annual/support.ts';
import { totalsOf } from './annual/totals.ts';
import type { AnnualReport } from './reports.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type { AnnualOptions } from './annual/load.ts';

export async function buildAnnualReport(db: Db, year: number, opts: AnnualOptions): Promise<AnnualReport> {
  const c = annualContext(await loadAnnual(db, year, opts), year, opts);
  const { lang } = c;
  const regions = regionRows(c);
  const missing = missingRegions(c);
  const totals = totalsOf(c, missing);
  const portrait = portraitOf(c, regions);
  const hoursByArea = hoursByAreaOf(c);
  const economic = economicOf(c);
  const figures = {
    totals,
    portrait,
    regionalPortrait: regionalPortraitOf(c, regions),
    organizations: organizationsOf(c, regions, missing),
    hoursByArea,
    eventsByFormat: eventsByFormatOf(c),
    cohorts: cohortsOf(c),
    representation: representationOf(c),
    rfoSupport: rfoSupportOf(c),
    development: developmentOf(c),
    priorityProjects: priorityProjectsOf(c.ref, year, c.data.priority),
    economic,
    appeals: appealsSectionOf(c.ref, year, c.data.appeals, c.data.appealTimes),
    dataQuality: dataQualityOf(c, { totals, portrait, economic }),
    impact: impactOf(c),
  };
  const partitions = provisionalPartitions(c);
  return {
    kind: 'annual',
    year,
    territory: opts.map === 'year' ? String(year) : 'current',
    lang,
    provisional: opts.provisional,
    provisionalPartitions: partitions,
    statuses: c.data.statuses,
    generatedAt: new Date().toISOString(),
    title: say(lang, 'title.annual', { year: String(year) }),
    map: mapUnits(c),
    sections: sectionsOf(c, figures),
    totals,
    portrait,
    regions,
    regionalPortrait: figures.regionalPortrait,
    cohorts: figures.cohorts,
    organizations: figures.organizations,
    hoursByArea,
    areas: areaLeadersOf(c, hoursByArea),
    eventsByFormat: figures.eventsByFormat,
    monthly: monthlyOf(c),
    eventsByKind: eventsByKindOf(c),
    representation: figures.representation,
    rfoSupport: figures.rfoSupport,
    development: figures.development,
    priorityProjects: figures.priorityProjects,
    economic,
    appeals: figures.appeals,
    dataQuality: figures.dataQuality,
    impact: figures.impact,
    notes: [...mapNotes(c, missing), ...closingNotes(c, partitions.length)],
  };
}
