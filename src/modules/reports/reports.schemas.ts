// The contract of the reports: the query parameters every report route shares (the JSON routes,
// the documents and the dashboard charts), then the JSON of the reports: the annual analytical report (FORMATS.md "annual report JSON" is a public
// contract: its keys never change meaning; fields are only ever added), the half-year "Volunteers in
// numbers", the monthly monitoring, the data-quality view and the public dashboard.
// Conventions: shares are percentages rounded to 2 decimals; a figure not reported is null (never 0);
// every figure that leaves regions out lists them in `missingRegions`; no NaN or Infinity anywhere
// (z.number() refuses both, and the routes validate their responses with these schemas).
import { z } from 'zod';
import { YEAR_HOURS } from '../../domain/economic.ts';
import { langSchema } from '../../lib/schemas.ts';
import { ImpactSection } from '../impact/impact.schemas.ts';

const count = z.number();
const share = z.number().nullable();
const maybe = z.number().nullable();
const regions = z.array(z.string());

// --- query parameters ----------------------------------------------------------------------------

/** The report's language (the same default everywhere, so one URL gives one language in every format). */
export const langQuery = langSchema.default('en').describe('Language of names and narrative: kk, ru or en');

/** true / 1: include submitted-but-not-accepted data, marked provisional (staff only: 403 otherwise). */
export const provisionalQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1')
  .describe(
    'true: include submitted-but-not-accepted data, marked provisional (national and front-office staff only: 403 otherwise)',
  );

/** The territory: the year's own map (its number, or 'year') or today's ('current'). */
export const mapQuery = z
  .string()
  .regex(/^(\d{4}|year|current)$/)
  .optional()
  .describe("Territory: the year's own map (e.g. 2022: 17 units) or 'current' (20 units)");

export const fteHoursQuery = z.coerce
  .number()
  .min(YEAR_HOURS.min, `at least ${YEAR_HOURS.min} hours`)
  .max(YEAR_HOURS.max, `at most ${YEAR_HOURS.max} hours (a leap year)`)
  .optional()
  .describe(
    `Hours of one full-time-equivalent year, ${YEAR_HOURS.min}–${YEAR_HOURS.max} (default: working_time.fte_hours, else annual_hours)`,
  );

export const regionQuery = z.string().max(20).optional().describe('Only this region (ISO code, e.g. KZ-75)');

export const yearQuery = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .optional()
  .describe('Default: the latest year with data');

/** What every report takes: language, provisional figures, territory. */
export const reportQuerySchema = z.object({ lang: langQuery, provisional: provisionalQuery, map: mapQuery });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export const annualQuerySchema = reportQuerySchema.extend({ fteHours: fteHoursQuery });
export const monthlyQuerySchema = reportQuerySchema.extend({ region: regionQuery });
/** The dashboard's query (GET /api/dashboard and its charts). */
export const dashboardQuerySchema = z.object({
  year: yearQuery,
  region: regionQuery,
  lang: langQuery,
  provisional: provisionalQuery,
});

// --- the reports' JSON ---------------------------------------------------------------------------

/** A remark printed beside a figure: what is missing, what was assumed, what is not comparable. */
export const Note = z.object({
  code: z.string(), // stable key, e.g. zero_denominator, missing_regions, not_comparable, assumption
  figure: z.string().nullable(), // the figure it refers to (e.g. 'totals.initiativeGroups'), null = whole section
  text: z.string(), // in the report's language
  regions: regions.optional(),
});
export type Note = z.infer<typeof Note>;

/** One region's score in a ranking ("the largest growth is recorded in …"). */
export const RegionValue = z.object({ region: z.string(), name: z.string(), value: z.number() });
export type RegionValue = z.infer<typeof RegionValue>;

export const RegionShare = z.object({ region: z.string(), share: z.number() });

/** Per-section header: title, narrative sentences generated from the figures, availability. */
export const SectionInfo = z.object({
  number: z.number(), // 1..14, DOMAIN.md §5; 15: impact (issue 12 item 5)
  key: z.string(), // totals | portrait | regionalPortrait | cohorts | organizations | hoursByArea | formats | representation | rfoSupport | development | priorityProjects | economic | appeals | dataQuality | impact
  title: z.string(),
  available: z.boolean(),
  reason: z.string().nullable(), // why not available
  narrative: z.array(z.string()),
  notes: z.array(Note),
  missingRegions: regions,
});
export type SectionInfo = z.infer<typeof SectionInfo>;

export const MapUnit = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['region', 'city']),
  tileX: z.number(),
  tileY: z.number(),
  /** On the current map: units whose figures for this year cannot be separated from a predecessor's. */
  comparable: z.boolean(),
  /** The codes whose data this unit shows (itself, or its predecessors on a later map). */
  sources: regions,
});
export type MapUnit = z.infer<typeof MapUnit>;

export const CodeCount = z.object({
  code: z.string(),
  name: z.string(),
  value: maybe,
  share,
});
export type CodeCount = z.infer<typeof CodeCount>;

export const AreaHours = z.object({
  area: z.string(),
  name: z.string(),
  hours: count,
  share,
  events: count,
  volunteers: count, // participations at events (not unique people)
});
export const FormatEvents = z.object({
  format: z.string(),
  name: z.string(),
  events: count,
  share,
  hours: count,
});
export const CohortVolunteers = z.object({
  category: z.string(),
  name: z.string(),
  volunteers: count,
  share,
});

export const ShareMap = z.record(z.string(), share);

export const RegionRow = z.object({
  region: z.string(),
  name: z.string(),
  /** False on the current map for units split off in the year: shown as "not comparable". */
  comparable: z.boolean(),
  volunteers: maybe,
  volunteersShare: share,
  volunteersPrevious: maybe,
  volunteersChange: maybe, // % against the previous year; null where either year is missing or the unit did not exist in both
  gender: ShareMap, // { male, female } shares of the region's reported total
  genderPrevailing: z.enum(['female', 'male', 'equal']).nullable(),
  ageBands: ShareMap,
  employment: ShareMap,
  hours: maybe,
  events: maybe,
  eventVolunteers: maybe,
  beneficiaries: maybe,
  npo: maybe,
  initiativeGroups: maybe,
  npoShareInRegion: share,
  initiativeGroupsShareInRegion: share,
  npoNationalShare: share,
  initiativeGroupsNationalShare: share,
  orgPrevailing: z.enum(['npo', 'initiative_group', 'equal']).nullable(),
  population: maybe,
  volunteersPerPopulation: share, // % of the population
  hoursPerVolunteer: maybe,
});
export type RegionRow = z.infer<typeof RegionRow>;

export const AreaExtremes = z.object({
  area: z.string(),
  name: z.string(),
  topRegionByHours: RegionShare.nullable(), // the region with the largest share of the area's national hours
  topRegionByEventShare: RegionShare.nullable(), // the region where the area takes the largest share of its events
});

export const RepresentationCell = z.object({
  region: z.string(),
  area: z.string(),
  events: count,
  share, // % of the region's events
  mark: z.enum(['high', 'low']).nullable(), // high > 25 %, low < 5 %
});

export const Extremes = z.object({
  category: z.string(),
  name: z.string(),
  highest: z.object({ region: z.string(), name: z.string(), share: z.number() }).nullable(),
  lowest: z.object({ region: z.string(), name: z.string(), share: z.number() }).nullable(),
});

export const Totals = z.object({
  volunteers: maybe,
  volunteersEstimate: maybe, // the national office's own estimate, when recorded (no source in the schema yet: null)
  hours: maybe,
  events: maybe,
  eventVolunteers: maybe,
  beneficiaries: maybe,
  npo: maybe,
  initiativeGroups: maybe,
  population: maybe,
  populationShare: share, // volunteers as % of the population of the reporting regions
  everyNth: maybe, // "every 110th person"
  previousYear: z.object({
    year: z.number(),
    volunteers: maybe,
    npo: maybe,
    initiativeGroups: maybe,
    hours: maybe,
  }),
  volunteersChange: maybe,
  npoChange: maybe,
  initiativeGroupsChange: maybe,
  missingRegions: z.object({
    volunteers: regions,
    hours: regions,
    npo: regions,
    initiativeGroups: regions,
    population: regions,
  }),
});

export const Portrait = z.object({
  gender: z.array(CodeCount),
  ageBands: z.array(CodeCount),
  employment: z.array(CodeCount),
  missingRegions: z.object({ gender: regions, ageBands: regions, employment: regions }),
  change: z.object({
    comparableRegions: regions, // the units present with data in both years
    largestGrowth: RegionValue.nullable(),
    largestDecrease: RegionValue.nullable(),
    growth: z.array(RegionValue), // sorted, most first
    decrease: z.array(RegionValue),
  }),
});

export const RegionalPortrait = z.object({
  femalePrevailing: z.array(RegionValue), // value = female share, highest first
  malePrevailing: z.array(RegionValue), // value = male share, highest first
  equal: z.array(RegionValue),
  ageBandExtremes: z.array(Extremes),
  employmentExtremes: z.array(Extremes),
  volunteersShareTop: z.array(RegionValue),
});

export const Organizations = z.object({
  npo: maybe,
  initiativeGroups: maybe,
  /** Shares of all NPOs + groups over the regions that reported both (FORMATS: "without considering Almaty"). */
  npoShare: share,
  initiativeGroupsShare: share,
  shareBasisRegions: regions,
  npoPrevailing: z.array(RegionValue), // value = NPO share in region
  initiativeGroupsPrevailing: z.array(RegionValue),
  equal: z.array(RegionValue),
  missingRegions: z.object({ npo: regions, initiativeGroups: regions }),
});

export const RfoSupport = z.object({
  types: z.array(z.object({ support: z.string(), name: z.string(), events: count, share })),
  byRegion: z.array(
    z.object({
      region: z.string(),
      name: z.string(),
      events: count, // events mentioning any support
      monthsMentioned: count,
      level: z.enum(['regular', 'some', 'one_time', 'none']),
      types: z.record(z.string(), count),
    }),
  ),
  levels: z.object({
    regular: z.string(), // definition printed with the table
    some: z.string(),
    one_time: z.string(),
    none: z.string(),
  }),
});

export const Development = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  events: maybe,
  volunteers: maybe,
  hours: maybe,
  byRegion: z.array(
    z.object({ region: z.string(), name: z.string(), events: count, volunteers: count, hours: count }),
  ),
  most: RegionValue.nullable(), // by events
  least: RegionValue.nullable(),
});

export const Unavailable = z.object({ available: z.boolean(), reason: z.string().nullable() });

/** §11: one grant project of the year, with its data provision in the year's latest reporting round. */
export const PriorityProject = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(['priority', 'competition']), // a programme's priority project, or a competition's winner
  grantee: z.string(),
  bin: z.string().nullable(),
  grantor: z.string(),
  area: z.string(),
  areaName: z.string(),
  yearFrom: z.number().int(),
  yearTo: z.number().int(),
  regions: regions,
  amountKzt: maybe,
  planned: z.object({ volunteers: maybe, hours: maybe, events: maybe }),
  // what the grantee gave in the round, outside the platform (null: not given)
  reported: z.object({ volunteers: maybe, hours: maybe, events: maybe }),
  // its records of the year (reports through the platform), in the included months: part of §1–§10
  recorded: z.object({ events: count, volunteers: count, hours: count, beneficiaries: count }),
  status: z.enum(['provided', 'duplicated_grantor', 'refused', 'unreachable']).nullable(), // null: not known
  statusName: z.string(),
  comment: z.string().nullable(),
  illustrative: z.boolean(),
});

/** §11 (FORMATS.md keeps `available` and `reason`); the projects when the year has any. */
export const PriorityProjects = Unavailable.extend({
  round: z.object({ id: z.number().int(), title: z.string() }).nullable(), // the year's latest round
  projects: z.array(PriorityProject),
  byStatus: z.array(z.object({ status: z.string(), name: z.string(), projects: count, share })),
  totals: z.object({
    projects: count,
    reportedHours: maybe, // sum of the figures given in the round (null: none given)
    recordedEvents: count,
    recordedVolunteers: count,
    recordedHours: count,
    recordedBeneficiaries: count,
  }),
});
export type PriorityProjects = z.infer<typeof PriorityProjects>;

export const WageRow = z.object({
  region: z.string(), // '' = national
  activity: z.string(), // '' = all activities
  monthlyWageKzt: z.number(),
  hourlyWageKzt: z.number(),
  source: z.string(),
  usedFor: z.array(z.string()), // regions or areas valued with it
});

export const Economic = z.object({
  // FORMATS.md keys
  hours: maybe,
  unaccountedHours: maybe,
  totalHours: maybe,
  valueKzt: maybe, // replacement cost of all hours (RFO + uplift) at regional wages
  valueRangeKzt: z.tuple([z.number(), z.number()]).nullable(), // low–high over the valuations that exist
  annualHoursNorm: maybe,
  fte: maybe,
  // more
  valueRangeBnKzt: z.tuple([z.number(), z.number()]).nullable().optional(), // the range in bn KZT to 1 decimal, as the report prints it
  fteNote: z.string().optional(), // which norm the FTE used and why
  method: z.string(),
  workingTime: z.object({
    year: z.number(),
    monthlyHours: maybe,
    annualHours: maybe,
    source: z.string().nullable(),
    fteHours: maybe,
    fteSource: z.string().nullable(),
  }),
  valuations: z.array(
    z.object({
      key: z.enum(['regional', 'activity', 'national']),
      label: z.string(),
      rfoValueKzt: maybe, // RFO hours only
      upliftValueKzt: maybe, // unaccounted hours
      totalValueKzt: maybe,
      byRegion: z.array(
        z.object({
          region: z.string(),
          hours: count,
          hourlyWageKzt: maybe,
          valueKzt: maybe,
          wageFrom: z.string(), // 'region' | 'national'
        }),
      ),
      byArea: z.array(
        z.object({
          area: z.string(),
          activity: z.string().nullable(),
          hours: count,
          hourlyWageKzt: maybe,
          valueKzt: maybe,
        }),
      ),
    }),
  ),
  rfoValueKzt: maybe,
  upliftValueKzt: maybe,
  upliftShare: share, // unaccounted hours as % of RFO hours
  unaccounted: z.array(
    z.object({
      source: z.string(),
      area: z.string().nullable(),
      volunteers: maybe,
      hours: z.number(),
      note: z.string().nullable(),
      hourlyWageKzt: maybe,
      valueKzt: maybe,
    }),
  ),
  wageTable: z.array(WageRow),
  assumptions: z.array(z.string()),
  reportRange: z.string(), // how the seed report's published range is reproduced (or why not)
  missingRegions: z.object({ wage: regions, hours: regions }),
});
export type Economic = z.infer<typeof Economic>;

export const Appeals = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  total: maybe,
  related: maybe, // related to volunteering
  byGender: z.array(CodeCount),
  byChannel: z.array(CodeCount),
  byTopic: z.array(CodeCount),
  byStatus: z.array(CodeCount),
  byRegion: z.array(CodeCount),
  byCountry: z.array(CodeCount),
  medianHoursToFirstResponse: maybe,
  medianDaysToResolution: maybe,
});

export const RegionQuality = z.object({
  region: z.string(),
  name: z.string(),
  expectedMonths: count,
  submittedMonths: count, // submitted or accepted (ever sent)
  acceptedMonths: count,
  completeness: share, // submitted ÷ expected, %
  onTimeMonths: count,
  timeliness: share, // on time ÷ submitted, %
  stocksReported: z.boolean(), // annual volunteers reported
  orgCountsReported: z.boolean(),
  coverage: share, // organisations that reported activity ÷ known organisations (registry), %
  organizationsKnown: maybe,
  organizationsReporting: maybe,
  // months submitted or accepted whose figures the volunteer platform changed afterwards (restated)
  restatedMonths: count,
});

export const Outlier = z.object({
  region: z.string(),
  period: z.string(),
  hours: z.number(),
  volunteers: z.number(),
  hoursPerVolunteer: z.number(),
  modifiedZ: z.number(),
});

export const DataQuality = z.object({
  year: z.number(),
  provisional: z.boolean(),
  regions: z.array(RegionQuality),
  national: z.object({
    expectedMonths: count,
    submittedMonths: count,
    acceptedMonths: count,
    completeness: share,
    timeliness: share,
    coverage: share,
    restatedMonths: count,
  }),
  excluded: z.array(
    z.object({ reason: z.string(), name: z.string(), records: count, volunteers: count, hours: count }),
  ),
  excludedByRegion: z.array(
    z.object({ region: z.string(), reason: z.string(), records: count, volunteers: count, hours: count }),
  ),
  outliers: z.array(Outlier),
  outlierRule: z.string(),
  /** For every figure of the report, the regions it leaves out for missing data. */
  missingByFigure: z.record(z.string(), regions),
  notes: z.array(Note),
});
export type DataQuality = z.infer<typeof DataQuality>;

export const ProvisionalPartition = z.object({ region: z.string(), period: z.string(), status: z.string() });

export const AnnualReport = z.object({
  kind: z.literal('annual'),
  year: z.number(),
  territory: z.string(), // '2022' = the units valid in the year; 'current' = today's units
  lang: langSchema,
  provisional: z.boolean(),
  provisionalPartitions: z.array(ProvisionalPartition),
  statuses: z.array(z.string()), // submission statuses included
  generatedAt: z.string(),
  title: z.string(),
  map: z.array(MapUnit),
  sections: z.array(SectionInfo), // 15, in order
  totals: Totals, // §1
  portrait: Portrait, // §2
  regions: z.array(RegionRow), // §2–3, §5
  regionalPortrait: RegionalPortrait, // §3
  cohorts: z.array(CohortVolunteers), // §4
  organizations: Organizations, // §5
  hoursByArea: z.array(AreaHours), // §6
  areas: z.array(AreaExtremes), // §6
  eventsByFormat: z.array(FormatEvents), // §7
  /** Month by month (§1, the dynamics chart): null for a month no region has included data for. */
  monthly: z.array(
    z.object({
      period: z.string(),
      hours: maybe,
      events: maybe,
      volunteers: maybe,
      regionsReporting: count,
    }),
  ),
  eventsByKind: z.array(FormatEvents.omit({ format: true }).extend({ kind: z.string() })),
  representation: z.array(RepresentationCell), // §8
  rfoSupport: RfoSupport, // §9
  development: Development, // §10
  priorityProjects: PriorityProjects, // §11
  economic: Economic, // §12
  appeals: Appeals, // §13
  dataQuality: DataQuality, // §14
  impact: ImpactSection, // §15 (issue 12 item 5): a key added beside FORMATS.md's, none of them changed
  notes: z.array(Note),
});
export type AnnualReport = z.infer<typeof AnnualReport>;

// --- half-year "Volunteers in numbers" ---------------------------------------------------------

export const HalfYearReport = z.object({
  kind: z.literal('half-year'),
  period: z.string(), // YYYY-H1 | YYYY-H2
  year: z.number(),
  lang: langSchema,
  provisional: z.boolean(),
  provisionalPartitions: z.array(ProvisionalPartition),
  territory: z.string(),
  generatedAt: z.string(),
  title: z.string(),
  months: z.array(z.string()),
  monthsWithData: z.array(z.string()),
  missingMonths: z.array(z.string()),
  /** Volunteers and organisations are stocks of the half-year period itself (never summed from months). */
  stockPeriod: z.string(),
  totals: z.object({
    volunteers: maybe,
    hours: maybe,
    events: maybe,
    eventVolunteers: maybe,
    beneficiaries: maybe,
    npo: maybe,
    initiativeGroups: maybe,
    missingRegions: z.object({
      volunteers: regions,
      hours: regions,
      npo: regions,
      initiativeGroups: regions,
    }),
  }),
  hoursByArea: z.array(AreaHours),
  eventsByFormat: z.array(FormatEvents),
  cohorts: z.array(CohortVolunteers),
  gender: z.array(CodeCount),
  ageBands: z.array(CodeCount),
  employment: z.array(CodeCount),
  regions: z.array(
    z.object({
      region: z.string(),
      name: z.string(),
      volunteers: maybe,
      hours: maybe,
      events: maybe,
      monthsWithData: count,
    }),
  ),
  monthly: z.array(z.object({ period: z.string(), hours: maybe, events: maybe })),
  narrative: z.array(z.string()),
  notes: z.array(Note),
});
export type HalfYearReport = z.infer<typeof HalfYearReport>;

// --- monthly monitoring ------------------------------------------------------------------------

export const MonthFigures = z.object({
  events: maybe,
  eventVolunteers: maybe,
  hours: maybe,
  beneficiaries: maybe,
});
export type MonthFigures = z.infer<typeof MonthFigures>;

export const MonthlyReport = z.object({
  kind: z.literal('monthly'),
  period: z.string(), // YYYY-MM
  year: z.number(),
  month: z.number(),
  region: z.string().nullable(), // null = national
  lang: langSchema,
  provisional: z.boolean(),
  provisionalPartitions: z.array(ProvisionalPartition),
  generatedAt: z.string(),
  title: z.string(),
  national: z.object({ month: MonthFigures, ytd: MonthFigures }),
  regions: z.array(
    z.object({
      region: z.string(),
      name: z.string(),
      status: z.string().nullable(), // the month's submission status
      month: MonthFigures,
      ytd: MonthFigures,
      monthsWithData: count,
    }),
  ),
  hoursByArea: z.array(AreaHours),
  ytdHoursByArea: z.array(AreaHours),
  dynamics: z.array(z.object({ period: z.string(), hours: maybe, events: maybe, eventVolunteers: maybe })),
  missingRegions: z.object({ month: regions, ytd: regions }),
  narrative: z.array(z.string()),
  notes: z.array(Note),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

// --- public dashboard --------------------------------------------------------------------------

/** A category of the volunteers (gender, age band): its reported total and share. */
const DashboardCategory = z.object({ category: z.string(), name: z.string(), volunteers: maybe, share });

export const Dashboard = z.object({
  year: z.number(),
  region: z.string().nullable(),
  years: z.array(z.number()), // years with data, newest first
  /** The year shown without one asked: the latest complete enough (COMPLETE_ENOUGH), else the latest with data. */
  defaultYear: z.number(),
  /** Each year of `years`: the share (%) of its region-months with data, and whether that is enough. */
  yearStatus: z.array(
    z.object({
      year: z.number(),
      completeness: z.number(), // % of the year's region-months (units on its map × 12) with data
      state: z.enum(['complete', 'in_progress', 'incomplete']), // in_progress: not enough yet, newer than the default
    }),
  ),
  /**
   * A region asked for a year before it existed (Abai, Zhetysu, Ulytau before 2023): the figures are
   * its predecessor's, whose territory it was part of (`region` is then the predecessor's code).
   */
  predecessor: z
    .object({ asked: z.string(), askedName: z.string(), region: z.string(), name: z.string() })
    .nullable(),
  provisional: z.boolean(),
  lang: langSchema,
  key: z.object({
    volunteers: maybe,
    hours: maybe,
    activities: maybe, // events
    npo: maybe,
    initiativeGroups: maybe,
    beneficiaries: maybe,
    femaleShare: share, // %
    hoursPerVolunteer: maybe,
  }),
  hoursByArea: z.array(AreaHours.pick({ area: true, name: true, hours: true, share: true })),
  byRegion: z.array(
    z.object({ region: z.string(), name: z.string(), volunteers: maybe, hours: maybe, activities: maybe }),
  ),
  monthly: z.array(z.object({ period: z.string(), month: z.number(), hours: maybe, activities: maybe })),
  gender: z.array(DashboardCategory),
  ageBands: z.array(DashboardCategory),
  missingRegions: z.object({ volunteers: regions, hours: regions }),
  impact: ImpactSection.describe(
    'The platform’s impact figures of the year (as the annual report’s key impact), for the country or the region asked: `national` is then the region’s',
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
