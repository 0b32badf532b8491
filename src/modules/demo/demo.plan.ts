// Builds the demo dataset in memory, without a database: pure and deterministic (seeded), so the
// same rows come out on every machine and the service only has to write them.
import type { Selectable } from 'kysely';
import type { ActivityTable, OrgCountTable, VolunteerStatTable } from '../../db/schema.ts';
import type { AppealInput } from '../../domain/exchange-rules.ts';
import { withCheckDigit } from '../../domain/ids.ts';
import { deadlineOf, type Period, parsePeriod } from '../../domain/periods.ts';
import {
  AGE_BANDS,
  AGE_SHARES,
  APPEAL_COUNTRIES,
  APPEALS_2022,
  AREA_HOURS,
  AREA_TOP_HOURS,
  AREAS,
  type Area,
  DEVELOPMENT,
  DEVELOPMENT_TITLES,
  DEVELOPMENT_VOLUNTEERS,
  EMPLOYMENT,
  EMPLOYMENT_SHARES,
  EVENT_MARKS,
  EVENT_SHARE_FIXED,
  EVENT_SHARE_TOP,
  EVENTS_PER_REGION,
  EXCLUDED_TITLES,
  HOURS_WEIGHT,
  MALE_SHARE,
  ORG_COUNTS_2022,
  ORG_TOTALS_2021,
  OTHER_SOCIAL_OVER_50,
  REGION_CODES,
  REGIONS_2022,
  RFO_SUPPORT_LEVEL,
  TITLES,
  UKRAINE_HQ_ASTANA,
  UNACCOUNTED_2022,
  VOLUNTEERS,
  VOLUNTEERS_TOTAL_2021,
  VOLUNTEERS_TOTAL_2022,
} from './demo.data.ts';
import { apportion, type Random, seededRandom } from './demo.random.ts';

export const DEMO_YEAR = 2022;
export const DEMO_PREFIX = 'demo-';

export interface DemoOrganization {
  key: string; // the plan's own handle; rows refer to it
  name: string;
  type: string;
  region: string;
  bin: string | null;
}

// The rows as the tables hold them (db/schema.ts), less what the load fills in (ids, keys, times).
export type DemoActivity = Omit<
  Selectable<ActivityTable>,
  | 'id'
  | 'organization_id'
  | 'area'
  | 'external_id'
  | 'source'
  | 'grant_project_id'
  | 'row_key'
  | 'import_id'
  | 'version'
  | 'created_at'
  | 'updated_at'
> & { org: string; area: Area; external_id: string };

export type DemoVolunteerStat = Omit<Selectable<VolunteerStatTable>, 'volunteers' | 'updated_at'> & {
  volunteers: number;
};

export type DemoOrgCount = Omit<Selectable<OrgCountTable>, 'updated_at'>;

/** An imported appeal of 2022: the exchange format's columns (the workflow's stay empty). */
export type DemoAppeal = AppealInput & { external_id: string; row_key: string; illustrative: number };

export interface DemoSubmission {
  region: string;
  period: string;
  deadline: string;
  submitted_at: string;
  reviewed_at: string;
  created_at: string;
}

export interface DemoPlan {
  organizations: DemoOrganization[];
  activities: DemoActivity[];
  volunteerStats: DemoVolunteerStat[];
  orgCounts: DemoOrgCount[];
  unaccounted: typeof UNACCOUNTED_2022;
  appeals: DemoAppeal[];
  submissions: DemoSubmission[];
  /** The organisation the demo organisation coordinator works for. */
  coordinatorOrg: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${DEMO_YEAR}-${String(i + 1).padStart(2, '0')}`);
// More activity in spring clean-ups, summer and December (illustrative).
const SEASON = [0.7, 0.75, 0.95, 1.05, 1.1, 1.05, 0.95, 0.95, 1.0, 1.05, 1.0, 1.25];
const r1 = (x: number) => Math.round(x * 10) / 10;

let cached: DemoPlan | null = null;

export function buildDemoPlan(): DemoPlan {
  cached ??= build();
  return cached;
}

function build(): DemoPlan {
  const rnd = seededRandom(20_221_231);
  const organizations = buildOrganizations(rnd);
  const orgsByRegion = new Map<string, DemoOrganization[]>();
  for (const o of organizations) orgsByRegion.set(o.region, [...(orgsByRegion.get(o.region) ?? []), o]);

  const events = new Map(REGION_CODES.map((r) => [r, eventCounts(r, rnd)]));
  const hours = hoursMatrix(events, rnd);
  const devSplit = devVolunteerSplit(rnd);
  const activities: DemoActivity[] = [];
  for (const region of REGION_CODES) {
    activities.push(
      ...regionActivities(
        region,
        events.get(region) as Record<Area, number>,
        hours,
        orgsByRegion.get(region) ?? [],
        devSplit,
        rnd,
      ),
    );
  }
  const almatyNpo = organizations.find((o) => o.region === 'KZ-75' && o.type === 'npo');
  return {
    organizations,
    activities,
    volunteerStats: volunteerStats(rnd),
    orgCounts: orgCounts(rnd),
    unaccounted: UNACCOUNTED_2022,
    appeals: appeals(rnd),
    submissions: submissions(rnd),
    coordinatorOrg: (almatyNpo as DemoOrganization).key,
  };
}

// --- organisations -------------------------------------------------------------------------

const FRONT_OFFICES: Record<string, string> = {
  'KZ-75': 'КФ «Лига волонтеров»',
  'KZ-23': 'КГУ «Гражданский центр» управления внутренней политики Атырауской области',
  'KZ-55': 'ОФ «Birge»',
};
const NPO_NAMES = [
  'ОФ «Волонтеры {city}»',
  'ОО «Поисковый отряд {city}»',
  'КФ «Қамқорлық {city}»',
  'ОФ «Зеленый {city}»',
  'ОО «Ақ ниет»',
  'ОФ «Доброе сердце {city}»',
  'ОО «Жастар әлемі {city}»',
  'ОФ «Приют «Верный друг» {city}»',
];
const GROUP_NAMES = [
  'Инициативная группа «Дос қол» ({city})',
  'Инициативная группа «Полка добра» ({city})',
  'Инициативная группа «Таза қала» ({city})',
  'Инициативная группа «Жылы жүрек» ({city})',
  'Инициативная группа «Волонтеры двора» ({city})',
];
const COMPANY_NAMES = ['ТОО «{city} Энерго Сервис»', 'АО «{city}ТрансКом»'];
const STATE_NAMES = ['КГУ «Школа-гимназия № 12» ({city})', 'Департамент по чрезвычайным ситуациям ({city})'];

function bin(rnd: Random): string {
  for (;;) {
    const yy = String(rnd.int(3, 21)).padStart(2, '0');
    const mm = String(rnd.int(1, 12)).padStart(2, '0');
    const kind = rnd.pick(['4', '4', '4', '5', '6']);
    const serial = String(rnd.int(0, 99_999)).padStart(5, '0');
    const full = withCheckDigit(`${yy}${mm}${kind}0${serial}`);
    if (full) return full;
  }
}

function buildOrganizations(rnd: Random): DemoOrganization[] {
  const out: DemoOrganization[] = [];
  for (const r of REGIONS_2022) {
    const add = (name: string, type: string, withBin: boolean) =>
      out.push({
        key: `${r.code}|${type}|${out.length}`,
        name: name.replace('{city}', r.city),
        type,
        region: r.code,
        bin: withBin ? bin(rnd) : null,
      });
    add(
      FRONT_OFFICES[r.code] ??
        `КГУ «Молодежный ресурсный центр» (${r.city}): региональный фронт-офис волонтеров`,
      'front_office',
      true,
    );
    for (const n of NPO_NAMES) add(n, 'npo', true);
    for (const n of GROUP_NAMES) add(n, 'initiative_group', false);
    for (const n of COMPANY_NAMES) add(n, 'company', true);
    for (const n of STATE_NAMES) add(n, 'state_institution', true);
  }
  return out;
}

// --- event counts by region and area --------------------------------------------------------

/** Counts of the region's events by area that give the report's marks and stated shares. */
export function eventCounts(region: string, rnd: Random): Record<Area, number> {
  const n = EVENTS_PER_REGION[region] as number;
  const share = (c: number) => r1((c / n) * 100);
  const marks = EVENT_MARKS[region] as Record<Area, 'h' | 'm' | 'x'>;
  const fixed = EVENT_SHARE_FIXED[region] ?? {};
  const lastBelow = (p: number) => {
    let c = Math.ceil((p * n) / 100) + 1;
    while (c > 0 && share(c) >= p) c--;
    return c;
  };
  const firstAtLeast = (p: number) => {
    let c = Math.max(0, Math.floor((p * n) / 100) - 1);
    while (share(c) < p) c++;
    return c;
  };
  const dev = DEVELOPMENT[region]?.[0] ?? 0;
  const special = region === 'KZ-71' ? UKRAINE_HQ_ASTANA.length : 0;
  const lo = {} as Record<Area, number>;
  const hi = {} as Record<Area, number>;
  const c = {} as Record<Area, number>;
  const priority = {} as Record<Area, number>;
  for (const a of AREAS) {
    const f = fixed[a];
    if (f !== undefined) {
      const v = firstAtLeast(f);
      if (share(v) !== f) throw new Error(`no count gives ${f} % of ${n} events (${region} ${a})`);
      lo[a] = hi[a] = c[a] = v;
      priority[a] = -1;
      continue;
    }
    const isTop = EVENT_SHARE_TOP[a];
    let mark = marks[a];
    if (mark === 'm' && isTop < 5) mark = 'x'; // the text's largest share wins over the table
    const capTop = lastBelow(isTop);
    if (mark === 'x') {
      lo[a] = 1;
      hi[a] = Math.min(lastBelow(5), capTop);
      c[a] =
        a === 'media' || a === 'bilim' || a === 'asyl_mura'
          ? rnd.int(1, 2)
          : Math.round((n * rnd.between(1, 3.5)) / 100);
      priority[a] = 0;
    } else if (mark === 'm') {
      lo[a] = firstAtLeast(5);
      hi[a] = Math.min(lastBelow(25.05), capTop);
      c[a] = Math.round((n * rnd.between(6, 15)) / 100);
      priority[a] = 1;
    } else {
      lo[a] = lastBelow(25.05) + 1;
      hi[a] = capTop;
      c[a] = lo[a];
      priority[a] = 2;
    }
    if (a === 'other_social') {
      if (OTHER_SOCIAL_OVER_50.includes(region)) lo[a] = Math.max(lo[a], lastBelow(50.05) + 1);
      else hi[a] = Math.min(hi[a], lastBelow(50.05));
      lo[a] = Math.max(lo[a], dev + special + 1);
    }
    if (lo[a] > hi[a]) throw new Error(`${region} ${a}: needs ${lo[a]}–${hi[a]} events of ${n}`);
    c[a] = Math.min(hi[a], Math.max(lo[a], c[a]));
  }
  let sum = AREAS.reduce((s, a) => s + c[a], 0);
  const choose = (ok: (a: Area) => boolean, order: number[]) => {
    for (const p of order) {
      const cands = AREAS.filter((a) => priority[a] === p && ok(a));
      if (cands.length) return rnd.pick(cands);
    }
    throw new Error(`cannot fit the event marks of ${region} into ${n} events`);
  };
  while (sum < n) {
    const a = choose((x) => c[x] < hi[x], [2, 1, 0]);
    c[a]++;
    sum++;
  }
  while (sum > n) {
    const a = choose((x) => c[x] > lo[x], [1, 0, 2]);
    c[a]--;
    sum--;
  }
  return c;
}

// --- hours by region and area ---------------------------------------------------------------

type HoursMatrix = Map<string, Record<Area, number>>;

function hoursMatrix(events: Map<string, Record<Area, number>>, rnd: Random): HoursMatrix {
  const m: HoursMatrix = new Map(REGION_CODES.map((r) => [r, {} as Record<Area, number>]));
  for (const a of AREAS) {
    const tops = AREA_TOP_HOURS[a];
    const topSet = new Set(tops.map(([r]) => r));
    for (const [r, h] of tops) (m.get(r) as Record<Area, number>)[a] = h;
    const others = REGION_CODES.filter((r) => !topSet.has(r));
    const minOf = (r: string) => {
      const count = (events.get(r) as Record<Area, number>)[a];
      if (a !== 'other_social') return count;
      const dev = DEVELOPMENT[r] ?? [0, 0];
      return count - dev[0] + dev[1];
    };
    // No other region may reach the top region's share: cap just below the smallest top.
    const cap = Math.floor(Math.min(...tops.map(([, h]) => h)) * 0.96);
    let rest = AREA_HOURS[a] - tops.reduce((s, [, h]) => s + h, 0);
    const fixedH = new Map<string, number>();
    for (let round = 0; round < 20; round++) {
      const open = others.filter((r) => !fixedH.has(r));
      const weights = open.map(
        (r) => (events.get(r) as Record<Area, number>)[a] * (HOURS_WEIGHT[r] ?? 1) * rnd.between(0.6, 1.5),
      );
      const parts = apportion(rest, weights, open.map(minOf));
      const over = open.filter((_, i) => (parts[i] as number) > cap);
      if (!over.length) {
        open.forEach((r, i) => {
          (m.get(r) as Record<Area, number>)[a] = parts[i] as number;
        });
        break;
      }
      for (const r of over) {
        fixedH.set(r, cap);
        rest -= cap;
      }
    }
    for (const [r, h] of fixedH) (m.get(r) as Record<Area, number>)[a] = h;
    for (const r of others) {
      if ((m.get(r) as Record<Area, number>)[a] === undefined)
        throw new Error(`hours of ${r} ${a} not placed`);
    }
  }
  return m;
}

// --- activity records -----------------------------------------------------------------------

interface RowSeed {
  area: Area;
  hours: number;
  kind: 'event' | 'ongoing' | 'development';
  period?: string;
  title?: string;
  volunteers?: number;
  excluded?: string;
  notes?: string;
}

const lastDay = (period: string) => (parsePeriod(period) as Period).end;
const pad2 = (n: number) => String(n).padStart(2, '0');

function regionActivities(
  region: string,
  counts: Record<Area, number>,
  matrix: HoursMatrix,
  orgs: DemoOrganization[],
  devSplit: Map<string, number[]>,
  rnd: Random,
): DemoActivity[] {
  const hours = matrix.get(region) as Record<Area, number>;
  const seeds: RowSeed[] = [];
  const [devEvents, devHours] = DEVELOPMENT[region] ?? [0, 0];
  for (const a of AREAS) {
    let n = counts[a];
    let h = hours[a];
    if (a === 'other_social') {
      const devSplit = apportion(
        devHours,
        Array.from({ length: devEvents }, () => rnd.between(0.5, 1.5)),
      );
      for (const dh of devSplit) seeds.push({ area: a, hours: dh, kind: 'development' });
      n -= devEvents;
      h -= devHours;
      if (region === 'KZ-71') {
        for (const [period, uh] of UKRAINE_HQ_ASTANA) {
          seeds.push({
            area: a,
            hours: uh,
            kind: 'ongoing',
            period,
            title: 'Штаб гуманитарной поддержки Украины',
            volunteers: 180,
            notes:
              "The report: 61,000 h of the headquarters were in Astana's report for March and April 2022 (split between the months illustrative).",
          });
          n -= 1;
          h -= uh;
        }
      }
    }
    // Hours are uneven: a few long programmes carry most of an area's hours.
    if (n < 1) throw new Error(`${region} ${a}: ${h} h but no events`);
    const split = apportion(
      h,
      Array.from({ length: n }, () => Math.exp(rnd.between(-1.2, 1.2) * 1.3)),
      1,
    );
    for (const sh of split) seeds.push({ area: a, hours: sh, kind: sh >= 240 ? 'ongoing' : 'event' });
  }
  // Rows outside the statistics: a couple per region, kept for the data-quality views.
  const reasons = Object.keys(EXCLUDED_TITLES);
  for (let i = 0; i < 2; i++) {
    const reason = reasons[(REGION_CODES.indexOf(region) * 2 + i) % reasons.length] as string;
    seeds.push({
      area: reason === 'commercial' ? 'culture_art' : 'other_social',
      hours: rnd.int(20, 400),
      kind: 'event',
      title: EXCLUDED_TITLES[reason],
      excluded: reason,
    });
  }
  // Months: a shuffled, season-weighted allocation so every month of the region has records.
  const free = seeds.filter((s) => !s.period);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [free[i], free[j]] = [free[j] as RowSeed, free[i] as RowSeed];
  }
  const perMonth = apportion(free.length, SEASON, 1);
  let k = 0;
  MONTHS.forEach((period, mi) => {
    for (let i = 0; i < (perMonth[mi] as number); i++) (free[k++] as RowSeed).period = period;
  });
  seeds.sort((x, y) => (x.period as string).localeCompare(y.period as string));

  const devVolunteers = devSplit.get(region) ?? [];
  let devIndex = 0;
  const level = RFO_SUPPORT_LEVEL[region];
  const supportRows = new Set<number>();
  const mentions = level === 'once' ? 1 : level === 'few' ? 3 : 0;
  const counted = seeds.flatMap((s, i) => (s.excluded ? [] : [i]));
  while (supportRows.size < mentions) supportRows.add(rnd.pick(counted));
  const supportRate = level === 'regular' ? 0.3 : level === 'references' ? 0.08 : 0;
  const byType = (t: string) => orgs.filter((o) => o.type === t);
  const frontOffice = byType('front_office')[0] as DemoOrganization;
  const [age18] = AGE_SHARES[region] as number[];

  return seeds.map((s, i) => {
    const period = s.period as string;
    const end = lastDay(period);
    const dim = Number(end.slice(8));
    let start: string;
    let stop: string;
    let volunteers: number;
    if (s.kind === 'ongoing') {
      start = `${period}-01`;
      stop = end;
      const minV = Math.ceil(s.hours / (dim * 24));
      volunteers = s.volunteers ?? Math.max(minV, 1, Math.round(s.hours / rnd.between(12, 45)));
    } else {
      const span = s.hours > 150 ? rnd.int(2, 3) : 1;
      const d = rnd.int(1, dim - span + 1);
      start = `${period}-${pad2(d)}`;
      stop = `${period}-${pad2(d + span - 1)}`;
      if (s.kind === 'development') volunteers = devVolunteers[devIndex++] as number;
      else
        volunteers = Math.max(1, Math.ceil(s.hours / (span * 24)), Math.round(s.hours / rnd.between(2.5, 6)));
    }
    const org =
      s.kind === 'development'
        ? frontOffice
        : rnd.weighted<DemoOrganization>([
            ...byType('npo').map((o) => [o, 5] as const),
            ...byType('initiative_group').map((o) => [o, 3] as const),
            ...byType('company').map((o) => [o, 2] as const),
            ...byType('state_institution').map((o) => [o, 2.5] as const),
            // Almaty's front office (the League of Volunteers) collected hardly any other organisation's data.
            [frontOffice, region === 'KZ-75' ? 40 : 2] as const,
          ]);
    const format =
      s.kind === 'development'
        ? rnd.weighted([
            ['offline', 8],
            ['online', 2],
          ] as const)
        : rnd.weighted([
            ['offline', 86],
            ['online', 9],
            ['auto', ['umit', 'qamqor', 'other_social'].includes(s.area) ? 5 : 0],
          ] as const);
    const cohorts = rnd.next() < 0.7 ? cohortSplit(volunteers, (age18 as number) / 100, org.type, rnd) : null;
    const support =
      !s.excluded && (supportRows.has(i) || (supportRate > 0 && rnd.next() < supportRate))
        ? supportCodes(rnd, supportRows.has(i))
        : null;
    const title =
      s.title ?? (s.kind === 'development' ? rnd.pick(DEVELOPMENT_TITLES) : rnd.pick(TITLES[s.area]));
    return {
      region,
      period,
      org: org.key,
      title,
      area: s.area,
      format,
      kind: s.kind,
      start_date: start,
      end_date: stop,
      volunteers,
      hours: s.hours,
      child: cohorts?.[0] ?? null,
      inclusive: cohorts?.[1] ?? null,
      corporate: cohorts?.[2] ?? null,
      international: cohorts?.[3] ?? null,
      silver: cohorts?.[4] ?? null,
      probono: cohorts?.[5] ?? null,
      general: cohorts?.[6] ?? null,
      rfo_support: support,
      beneficiaries: rnd.next() < 0.5 ? Math.round(volunteers * rnd.between(1, 8)) : null,
      excluded: s.excluded ?? null,
      external_id: `${DEMO_PREFIX}${DEMO_YEAR}-${region}-${String(i + 1).padStart(6, '0')}`,
      notes: s.notes ?? null,
      illustrative: 1,
    };
  });
}

/** The 11,283 volunteers of the 259 development activities, split over the regions' events. */
function devVolunteerSplit(rnd: Random): Map<string, number[]> {
  const all = REGION_CODES.flatMap((r) => Array.from({ length: DEVELOPMENT[r]?.[0] ?? 0 }, () => r));
  const split = apportion(
    DEVELOPMENT_VOLUNTEERS,
    all.map(() => rnd.between(0.4, 1.6)),
    5,
  );
  const out = new Map<string, number[]>();
  for (const [i, r] of all.entries()) out.set(r, [...(out.get(r) ?? []), split[i] as number]);
  return out;
}

/** child, inclusive, corporate, international, silver, probono, general: summing to the volunteers. */
function cohortSplit(volunteers: number, childShare: number, orgType: string, rnd: Random): number[] {
  const p = [
    childShare * rnd.between(0.5, 1.2),
    0.02 * rnd.between(0, 2),
    (orgType === 'company' ? 0.6 : 0.03) * rnd.between(0.5, 1.2),
    0.005 * rnd.between(0, 2),
    0.05 * rnd.between(0, 2),
    0.02 * rnd.between(0, 2),
  ];
  const parts = p.map((x) => Math.floor(volunteers * Math.min(x, 0.9)));
  let used = parts.reduce((s, x) => s + x, 0);
  for (let i = 0; used > volunteers; i = (i + 1) % parts.length) {
    if ((parts[i] as number) > 0) {
      parts[i] = (parts[i] as number) - 1;
      used--;
    }
  }
  return [...parts, volunteers - used];
}

const SUPPORT = [
  'recruiting',
  'coverage',
  'organizational',
  'fundraising',
  'vehicles',
  'inventory',
  'printing',
];
/** One or two support types; a single one for the rare mentions, so that they count once. */
function supportCodes(rnd: Random, single: boolean): string {
  const a = rnd.weighted(SUPPORT.map((s, i) => [s, 7 - i] as const));
  const b = !single && rnd.next() < 0.3 ? rnd.pick(SUPPORT) : a;
  return [...new Set([a, b])].join('|');
}

// --- stocks ---------------------------------------------------------------------------------

function volunteerStats(rnd: Random): DemoVolunteerStat[] {
  const out: DemoVolunteerStat[] = [];
  const totals = regionTotals();
  for (const region of REGION_CODES) {
    const [t22, t21] = totals.get(region) as [number, number];
    const row = (period: string, dimension: string, category: string, volunteers: number) => {
      out.push({ region, period, dimension, category, volunteers, illustrative: 1 });
    };
    row('2022', 'total', '', t22);
    const male = Math.round((t22 * (MALE_SHARE[region] as number)) / 100);
    row('2022', 'gender', 'male', male);
    row('2022', 'gender', 'female', t22 - male);
    const ages = apportion(t22, AGE_SHARES[region] as number[]);
    for (const [i, b] of AGE_BANDS.entries()) row('2022', 'age_band', b, ages[i] as number);
    const emp = apportion(t22, EMPLOYMENT_SHARES[region] as number[]);
    for (const [i, e] of EMPLOYMENT.entries()) row('2022', 'employment', e, emp[i] as number);
    // 2021: "the majority of volunteers were men" (report); regional shares illustrative.
    row('2021', 'total', '', t21);
    const male21 = Math.round(t21 * rnd.between(0.5, 0.58));
    row('2021', 'gender', 'male', male21);
    row('2021', 'gender', 'female', t21 - male21);
  }
  return out;
}

export function regionTotals(): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  let s22 = 0;
  let s21 = 0;
  for (const r of REGION_CODES) {
    if (r === 'KZ-79') continue;
    const v = VOLUNTEERS[r] as [number, number];
    m.set(r, v);
    s22 += v[0];
    s21 += v[1];
  }
  m.set('KZ-79', [VOLUNTEERS_TOTAL_2022 - s22, VOLUNTEERS_TOTAL_2021 - s21]);
  return m;
}

function orgCounts(rnd: Random): DemoOrgCount[] {
  const out: DemoOrgCount[] = [];
  for (const r of REGION_CODES) {
    const [npo, groups] = ORG_COUNTS_2022[r] as [number, number | null];
    out.push({ region: r, period: '2022', npo, initiative_groups: groups, illustrative: 0 });
  }
  const npo21 = apportion(
    ORG_TOTALS_2021.npo,
    REGION_CODES.map((r) => (ORG_COUNTS_2022[r] as [number, number | null])[0] * rnd.between(0.6, 0.9)),
    1,
  );
  const groupRegions = REGION_CODES.filter(
    (r) => (ORG_COUNTS_2022[r] as [number, number | null])[1] !== null,
  );
  const g21 = apportion(
    ORG_TOTALS_2021.groups,
    groupRegions.map(
      (r) => ((ORG_COUNTS_2022[r] as [number, number | null])[1] as number) * rnd.between(0.75, 1),
    ),
    1,
  );
  REGION_CODES.forEach((r, i) => {
    const gi = groupRegions.indexOf(r);
    out.push({
      region: r,
      period: '2021',
      npo: npo21[i] as number,
      initiative_groups: gi < 0 ? null : (g21[gi] as number),
      illustrative: 1,
    });
  });
  return out;
}

// --- appeals and submissions ----------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

function appeals(rnd: Random): DemoAppeal[] {
  const out: DemoAppeal[] = [];
  const start = Date.UTC(DEMO_YEAR, 0, 1);
  const total = APPEALS_2022.related + APPEALS_2022.unrelated;
  for (let i = 0; i < total; i++) {
    const related = i < APPEALS_2022.related;
    const received = start + Math.floor(rnd.next() * 365 * DAY * 0.999) + 3 * 3_600_000;
    const abroad = rnd.next() < 0.03;
    const first = received + Math.floor(rnd.between(0.05, 24) * 3_600_000);
    const resolved = first + Math.floor(rnd.between(0.5, 96) * 3_600_000);
    const id = `${DEMO_PREFIX}appeal-${DEMO_YEAR}-${String(i + 1).padStart(5, '0')}`;
    out.push({
      received_at: iso(received),
      channel: rnd.weighted([
        ['whatsapp', 30],
        ['instagram', 22],
        ['phone', 18],
        ['telegram', 12],
        ['email', 8],
        ['website', 5],
        ['facebook', 3],
        ['in_person', 2],
      ] as const),
      gender: rnd.next() < 0.06 ? null : rnd.next() < 0.62 ? 'female' : 'male',
      region: abroad ? null : rnd.pick(REGION_CODES),
      country: abroad ? rnd.pick(APPEAL_COUNTRIES) : null,
      topic: related
        ? rnd.weighted([
            ['become_volunteer', 40],
            ['find_volunteers', 15],
            ['consultation', 18],
            ['legal', 6],
            ['awards', 5],
            ['grants', 6],
            ['humanitarian_aid', 8],
            ['complaint', 2],
          ] as const)
        : 'other',
      related: related ? 1 : 0,
      status: 'resolved',
      first_response_at: iso(first),
      resolved_at: iso(resolved),
      external_id: id,
      row_key: id,
      illustrative: 1,
    });
  }
  return out;
}

function submissions(rnd: Random): DemoSubmission[] {
  const out: DemoSubmission[] = [];
  for (const region of REGION_CODES) {
    for (const period of [...MONTHS, '2022', '2021']) {
      const p = parsePeriod(period) as Period;
      const deadline = deadlineOf(p);
      const due = Date.parse(`${deadline}T18:00:00Z`);
      const late = rnd.next() < 0.07;
      const submitted = late
        ? due + rnd.int(1, 6) * DAY + rnd.int(0, 6) * 3_600_000
        : due - rnd.int(0, 4) * DAY - rnd.int(1, 8) * 3_600_000;
      const reviewed = submitted + rnd.int(1, 4) * DAY + rnd.int(0, 5) * 3_600_000;
      out.push({
        region,
        period,
        deadline,
        submitted_at: iso(submitted),
        reviewed_at: iso(reviewed),
        created_at: `${p.start}T09:00:00.000Z`,
      });
    }
  }
  return out;
}
