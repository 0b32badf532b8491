// The figures of the seed report (the 2022 analytical report of the National Volunteer Network,
// /work/shared/seeds/001_*.txt) that the demo dataset reproduces, and the illustrative choices made
// where the report gives a chart without numbers. Every constant says which it is.

/** The 17 units of the 2022 map (before the 2022-06-08 split): code, Russian and Kazakh place names. */
export const REGIONS_2022: { code: string; ru: string; kk: string; city: string }[] = [
  { code: 'KZ-11', ru: 'Акмолинская область', kk: 'Ақмола облысы', city: 'Кокшетау' },
  { code: 'KZ-15', ru: 'Актюбинская область', kk: 'Ақтөбе облысы', city: 'Актобе' },
  { code: 'KZ-19', ru: 'Алматинская область', kk: 'Алматы облысы', city: 'Талдыкорган' },
  { code: 'KZ-23', ru: 'Атырауская область', kk: 'Атырау облысы', city: 'Атырау' },
  { code: 'KZ-27', ru: 'Западно-Казахстанская область', kk: 'Батыс Қазақстан облысы', city: 'Уральск' },
  { code: 'KZ-31', ru: 'Жамбылская область', kk: 'Жамбыл облысы', city: 'Тараз' },
  { code: 'KZ-35', ru: 'Карагандинская область', kk: 'Қарағанды облысы', city: 'Караганда' },
  { code: 'KZ-39', ru: 'Костанайская область', kk: 'Қостанай облысы', city: 'Костанай' },
  { code: 'KZ-43', ru: 'Кызылординская область', kk: 'Қызылорда облысы', city: 'Кызылорда' },
  { code: 'KZ-47', ru: 'Мангистауская область', kk: 'Маңғыстау облысы', city: 'Актау' },
  { code: 'KZ-55', ru: 'Павлодарская область', kk: 'Павлодар облысы', city: 'Павлодар' },
  {
    code: 'KZ-59',
    ru: 'Северо-Казахстанская область',
    kk: 'Солтүстік Қазақстан облысы',
    city: 'Петропавловск',
  },
  { code: 'KZ-61', ru: 'Туркестанская область', kk: 'Түркістан облысы', city: 'Туркестан' },
  {
    code: 'KZ-63',
    ru: 'Восточно-Казахстанская область',
    kk: 'Шығыс Қазақстан облысы',
    city: 'Усть-Каменогорск',
  },
  { code: 'KZ-71', ru: 'город Астана', kk: 'Астана қаласы', city: 'Астана' },
  { code: 'KZ-75', ru: 'город Алматы', kk: 'Алматы қаласы', city: 'Алматы' },
  { code: 'KZ-79', ru: 'город Шымкент', kk: 'Шымкент қаласы', city: 'Шымкент' },
];
export const REGION_CODES = REGIONS_2022.map((r) => r.code);

export const AREAS = [
  'other_social',
  'umit',
  'qamqor',
  'taza_alem',
  'culture_art',
  'ayala',
  'sabaqtastyq',
  'saulyq',
  'bilim',
  'asyl_mura',
  'media',
] as const;
export type Area = (typeof AREAS)[number];

/** Report: volunteer hours of 2022 by area (total 1,088,387). */
export const AREA_HOURS: Record<Area, number> = {
  other_social: 417_399,
  umit: 316_158,
  qamqor: 153_850,
  taza_alem: 105_224,
  culture_art: 49_242,
  ayala: 28_453,
  sabaqtastyq: 5_879,
  saulyq: 5_272,
  bilim: 3_925,
  asyl_mura: 2_819,
  media: 166,
};

/**
 * Report: "the largest proportion across the country" of each area's hours, as hours that give the
 * published share when recomputed (round(h / area total × 100, 2)). Media names two regions.
 */
export const AREA_TOP_HOURS: Record<Area, [region: string, hours: number][]> = {
  other_social: [['KZ-71', 208_282]], // 49.90 %
  umit: [['KZ-39', 147_077]], // 46.52 %
  qamqor: [['KZ-71', 38_816]], // 25.23 %
  taza_alem: [['KZ-35', 20_729]], // 19.70 %
  culture_art: [['KZ-75', 17_575]], // 35.69 %
  ayala: [['KZ-71', 27_050]], // 95.07 %
  sabaqtastyq: [['KZ-75', 2_039]], // 34.68 %
  saulyq: [['KZ-31', 1_993]], // 37.80 %
  bilim: [['KZ-31', 947]], // 24.13 %
  asyl_mura: [['KZ-31', 946]], // 33.56 %: the report's 33.57 % is no whole number of hours (947 h = 33.59 %)
  media: [
    ['KZ-43', 55], // 33 %
    ['KZ-75', 51], // 31 %
  ],
};

/**
 * "Representation of events of different areas in the regions": ● more than 25 % of the region's
 * events, x less than 5 %, blank 5–25 %. Columns in AREAS order. Transcribed from the report's
 * table; the overrides below replace the marks the report's own text contradicts.
 */
// prettier-ignore
const MARK_ROWS: Record<string, string> = {
  //         oth umi qam taz cul aya sab sau bil asy med
  'KZ-71': 'h   -   -   x   x   -   x   x   x   x   x',
  'KZ-75': 'h   -   x   x   -   x   x   x   x   x   x',
  'KZ-79': 'h   -   -   -   -   x   -   x   x   x   x',
  'KZ-11': 'h   x   h   -   x   x   x   x   x   x   x',
  'KZ-15': 'h   -   -   -   x   x   x   x   x   x   x',
  'KZ-19': '-   h   h   -   x   x   x   x   x   x   x',
  'KZ-23': '-   h   -   -   -   x   x   -   x   x   x',
  'KZ-63': '-   h   -   h   x   x   x   x   x   x   x',
  'KZ-31': '-   -   -   -   h   x   x   -   x   x   x',
  'KZ-27': 'h   x   h   -   x   x   x   x   x   x   x',
  'KZ-35': '-   x   h   h   x   x   x   x   x   x   x',
  'KZ-39': '-   h   x   x   x   x   x   x   x   x   x',
  'KZ-43': 'h   x   -   -   -   x   x   x   x   x   x',
  'KZ-47': 'x   x   x   h   x   x   -   x   x   x   x',
  'KZ-55': 'x   x   x   h   x   x   x   x   x   x   -',
  'KZ-59': 'x   x   x   h   x   x   x   x   -   x   x',
  'KZ-61': 'x   x   x   h   x   x   x   x   x   x   x',
};
export type Mark = 'h' | 'm' | 'x';
export const EVENT_MARKS: Record<string, Record<Area, Mark>> = Object.fromEntries(
  Object.entries(MARK_ROWS).map(([region, row]) => {
    const marks = row.split(/\s+/).map((m) => (m === '-' ? 'm' : m) as Mark);
    return [region, Object.fromEntries(AREAS.map((a, i) => [a, marks[i] as Mark])) as Record<Area, Mark>];
  }),
);

/**
 * Report text, "the largest proportion of events in the region" per area: the share (%) of the
 * region's events that are in the area. Where the text and the table disagree the text's figure is
 * kept (it is a number), except where two statements of the text exclude each other:
 * - taza_alem "Astana (63.9 %)" cannot hold beside "other social > 50 % in Astana" and "Ayala 7 % in
 *   Astana" (together over 100 %), and the table marks Astana's Taza Álem x; the 63.9 % is placed in
 *   North Kazakhstan, a region the table marks ● for Taza Álem (assumption).
 * - qamqor "Turkestan, WKO, Almaty region, Kostanay, Pavlodar (32–35 %)": Kostanay is left out (its
 *   Úmit share is 89.5 %); the others get 32–35 %.
 * - media: Pavlodar's blank mark (5–25 %) contradicts "largest: Kyzylorda 1.5 %"; bilim likewise for
 *   North Kazakhstan: the text wins.
 */
export const EVENT_SHARE_FIXED: Record<string, Partial<Record<Area, number>>> = {
  'KZ-39': { umit: 89.5 },
  'KZ-59': { taza_alem: 63.9 },
  'KZ-47': { culture_art: 32.4 },
  'KZ-71': { ayala: 7.0 },
  'KZ-79': { sabaqtastyq: 6.3, bilim: 3.2 },
  'KZ-23': { saulyq: 9.4 },
  'KZ-43': { asyl_mura: 2.8, media: 1.5 },
  'KZ-61': { qamqor: 33.0 },
  'KZ-27': { qamqor: 34.0 },
  'KZ-19': { qamqor: 35.0 },
  'KZ-55': { qamqor: 32.0 },
};

/** The largest event share of each area (every other region stays below it). */
export const EVENT_SHARE_TOP: Record<Area, number> = {
  other_social: 100, // no figure: the regions named over 50 % are OTHER_SOCIAL_OVER_50
  umit: 89.5,
  qamqor: 35.0,
  taza_alem: 63.9,
  culture_art: 32.4,
  ayala: 7.0,
  sabaqtastyq: 6.3,
  saulyq: 9.4,
  bilim: 3.2,
  asyl_mura: 2.8,
  media: 1.5,
};
/** Regions the text names with other social volunteering over 50 % of events; the rest stay at or below 50 %. */
export const OTHER_SOCIAL_OVER_50 = ['KZ-15', 'KZ-11', 'KZ-71', 'KZ-75'];

/**
 * Relative weight of a region in the hours the report does not place (illustrative). The report:
 * "the front offices of Shymkent city, Kyzylorda, Mangystau, Turkestan, Almaty, Aktobe and West
 * Kazakhstan regions have extremely low coverage of volunteer activity" (Almaty city: only the League
 * of Volunteers) — they get less; Atyrau and the large northern and eastern regions more. The
 * weights also keep the replacement-cost value of the hours inside the report's range (at least
 * 2.6 bn KZT with the unaccounted hours, valued at regional wages).
 */
export const HOURS_WEIGHT: Record<string, number> = {
  'KZ-79': 0.6,
  'KZ-43': 0.6,
  'KZ-47': 0.6,
  'KZ-61': 0.6,
  'KZ-19': 0.6,
  'KZ-15': 0.6,
  'KZ-27': 0.6,
  'KZ-75': 0.6,
  'KZ-23': 1.8,
  'KZ-35': 1.3,
  'KZ-63': 1.3,
  'KZ-55': 1.2,
  'KZ-11': 1.1,
  'KZ-59': 1.0,
  'KZ-31': 1.0,
  'KZ-39': 1.0,
  'KZ-71': 1.0,
};

/** Non-excluded activity records per region in 2022 (illustrative: the report gives no event counts). */
export const EVENTS_PER_REGION: Record<string, number> = {
  'KZ-11': 380,
  'KZ-15': 300,
  'KZ-19': 320,
  'KZ-23': 320,
  'KZ-27': 300,
  'KZ-31': 400,
  'KZ-35': 460,
  'KZ-39': 400,
  'KZ-43': 400,
  'KZ-47': 250,
  'KZ-55': 350,
  'KZ-59': 330,
  'KZ-61': 330,
  'KZ-63': 420,
  'KZ-71': 700,
  'KZ-75': 300,
  'KZ-79': 380,
};

/**
 * Report: 259 activities to develop volunteering, 11,283 volunteers, 1,387 hours; most events in
 * Astana (54) and Karagandy (40), fewest in Almaty city (2), Almaty region (3), WKO (3), Zhambyl (5);
 * fewest hours in Almaty region (4), "most hours in Astana (49)". 49 h cannot be the largest of 17
 * regions summing to 1,387 h (17 × 49 = 833): Astana keeps its 49 h and the rest is spread over the
 * other regions (so Astana is not the largest; noted in the report of the demo).
 * [events, hours] per region; the other figures are illustrative.
 */
export const DEVELOPMENT: Record<string, [events: number, hours: number]> = {
  'KZ-71': [54, 49],
  'KZ-35': [40, 120],
  'KZ-75': [2, 9],
  'KZ-19': [3, 4],
  'KZ-27': [3, 12],
  'KZ-31': [5, 18],
  'KZ-11': [18, 96],
  'KZ-15': [12, 88],
  'KZ-23': [10, 74],
  'KZ-39': [22, 131],
  'KZ-43': [9, 70],
  'KZ-47': [8, 62],
  'KZ-55': [12, 142],
  'KZ-59': [12, 115],
  'KZ-61': [11, 83],
  'KZ-63': [26, 160],
  'KZ-79': [12, 154],
};
export const DEVELOPMENT_VOLUNTEERS = 11_283;

/** Report: the humanitarian headquarters for Ukraine — 61,000 h were in Astana's report for March and April. */
export const UKRAINE_HQ_ASTANA: [period: string, hours: number][] = [
  ['2022-03', 29_500],
  ['2022-04', 31_500],
];

/** Report: "RFO support" mentions by region. */
export const RFO_SUPPORT_LEVEL: Record<string, 'regular' | 'references' | 'few' | 'once' | 'none'> = {
  'KZ-71': 'regular',
  'KZ-63': 'regular',
  'KZ-31': 'regular',
  'KZ-35': 'references',
  'KZ-39': 'references',
  'KZ-47': 'references',
  'KZ-55': 'references',
  'KZ-79': 'few',
  'KZ-11': 'few',
  'KZ-19': 'few',
  'KZ-23': 'few',
  'KZ-43': 'few',
  'KZ-59': 'few',
  'KZ-75': 'once',
  'KZ-15': 'once',
  'KZ-27': 'none',
  'KZ-61': 'none',
};

/**
 * Volunteers (stock). National totals from the report: 139,671 (2022), 116,694 (2021). Regional
 * totals are illustrative except the changes the report gives: Mangystau +201 %, North Kazakhstan
 * +193 %, Almaty city −46 %, Kostanay −47 % (the largest growth and decrease).
 * Shymkent takes the remainder of each year.
 */
export const VOLUNTEERS: Record<string, [v2022: number, v2021: number]> = {
  'KZ-11': [7_400, 6_900],
  'KZ-15': [9_300, 5_200],
  'KZ-19': [10_200, 7_300],
  'KZ-23': [4_200, 4_100],
  'KZ-27': [6_100, 5_400],
  'KZ-31': [11_700, 6_800],
  'KZ-35': [10_400, 8_900],
  'KZ-39': [5_300, 10_000], // −47.0 %
  'KZ-43': [4_200, 5_600],
  'KZ-47': [6_020, 2_000], // +201.0 %
  'KZ-55': [7_600, 6_300],
  'KZ-59': [5_860, 2_000], // +193.0 %
  'KZ-61': [5_300, 6_100],
  'KZ-63': [9_800, 8_200],
  'KZ-71': [19_500, 10_400],
  'KZ-75': [8_100, 15_000], // −46.0 %
  'KZ-79': [0, 0], // remainder
};
export const VOLUNTEERS_TOTAL_2022 = 139_671;
export const VOLUNTEERS_TOTAL_2021 = 116_694;

/** Report table "Gender ratio of volunteers by regions": share of men, %. */
export const MALE_SHARE: Record<string, number> = {
  'KZ-47': 42.4,
  'KZ-15': 42.5,
  'KZ-31': 42.7,
  'KZ-71': 44.2,
  'KZ-35': 44.3,
  'KZ-59': 45.3,
  'KZ-79': 46.3,
  'KZ-55': 46.4,
  'KZ-27': 47.0,
  'KZ-39': 47.2,
  'KZ-19': 47.4,
  'KZ-75': 47.5,
  'KZ-11': 47.9,
  'KZ-63': 48.1,
  'KZ-23': 53.2,
  'KZ-61': 55.7,
  'KZ-43': 56.6,
};

export const AGE_BANDS = ['under_18', '18_29', '30_retirement', 'retired'] as const;
/**
 * Age bands, % of the region's volunteers. The report's extremes are kept (under 18: Almaty city 72,
 * Kyzylorda 0.9; 18–29: Kyzylorda 90, Almaty city 26.9; 30 to retirement: Atyrau 22.1, Astana 21.3,
 * Almaty city 0.9; retired: Mangystau 7.7, Zhambyl 0, Almaty region, Pavlodar, Karagandy and Almaty
 * city up to 1); the other values are illustrative.
 */
export const AGE_SHARES: Record<string, [number, number, number, number]> = {
  'KZ-11': [30, 52, 15, 3],
  'KZ-15': [35, 48, 14, 3],
  'KZ-19': [40, 45, 14.2, 0.8],
  'KZ-23': [28, 46, 22.1, 3.9],
  'KZ-27': [38, 45, 14, 3],
  'KZ-31': [42, 45, 13, 0],
  'KZ-35': [36, 50, 13.3, 0.7],
  'KZ-39': [33, 48, 16, 3],
  'KZ-43': [0.9, 90, 7.6, 1.5],
  'KZ-47': [30, 45, 17.3, 7.7],
  'KZ-55': [37, 48, 14.4, 0.6],
  'KZ-59': [34, 46, 17, 3],
  'KZ-61': [30, 58, 10, 2],
  'KZ-63': [32, 47, 17, 4],
  'KZ-71': [20, 55, 21.3, 3.7],
  'KZ-75': [72, 26.9, 0.9, 0.2],
  'KZ-79': [38, 50, 10, 2],
};

export const EMPLOYMENT = ['schoolchild', 'student', 'employed', 'unemployed', 'neet'] as const;
/**
 * Employment, % of the region's volunteers. The report's extremes are kept (schoolchildren: Almaty
 * city 63.2, Kyzylorda 0.6; students: Akmola 67.1, Almaty region 14.8; NEET: Almaty region 33.7,
 * up to 1 in Kyzylorda, Karagandy, Aktobe, Almaty city, Astana; employed: Kyzylorda 41.5, Almaty city
 * 1; unemployed: Almaty region 15.2, up to 1 in North Kazakhstan, Astana, Almaty city). The national
 * composition chart has no numbers in the report: the rest is illustrative.
 */
export const EMPLOYMENT_SHARES: Record<string, [number, number, number, number, number]> = {
  'KZ-11': [15, 67.1, 12, 3, 2.9],
  'KZ-15': [30, 50, 15, 4.2, 0.8],
  'KZ-19': [20, 14.8, 16.3, 15.2, 33.7],
  'KZ-23': [25, 35, 30, 5, 5],
  'KZ-27': [35, 38, 17, 5, 5],
  'KZ-31': [40, 35, 15, 5, 5],
  'KZ-35': [33, 48, 16, 2.3, 0.7],
  'KZ-39': [30, 42, 20, 4, 4],
  'KZ-43': [0.6, 52, 41.5, 5.2, 0.7],
  'KZ-47': [28, 40, 22, 5, 5],
  'KZ-55': [35, 40, 18, 4, 3],
  'KZ-59': [32, 45, 18, 0.8, 4.2],
  'KZ-61': [28, 50, 12, 6, 4],
  'KZ-63': [30, 42, 20, 4, 4],
  'KZ-71': [18, 55, 25.5, 0.7, 0.8],
  'KZ-75': [63.2, 34.5, 1.0, 0.5, 0.8],
  'KZ-79': [36, 45, 12, 4, 3],
};

/**
 * Organisations 2022 [NPO, initiative groups]. Report: 660 NPOs, 1,834 groups; Almaty city gave no
 * group count; without Almaty groups are 74.3 %. The per-region counts reproduce every NPO/group
 * ratio of the report's table exactly; with Almaty's 27 NPOs (the table leaves Almaty out; its
 * "share of all NPOs" column sums to 99.8 % over the 16 other regions) the three "share of the
 * national total" cells of Akmola (NPO 5.4 % for 5.2 %, groups 5.0 % for 4.9 %) and Pavlodar (groups
 * 28.3 % for 28.4 %) are 0.1–0.2 pp off: no integer split meets the table, 660 and 74.3 % at once.
 * (An exhaustive search finds the table alone met exactly only with 632 NPOs outside Almaty — Akmola
 * 33/89, Pavlodar 24/521, Aktobe 26/191 — but then groups are 1834 / 2466 = 74.37 %, published as
 * 74.3: the report seems to have truncated. 633–636 NPOs give 74.3 %; 633 is the closest fit, with
 * the three cells above off.)
 */
export const ORG_COUNTS_2022: Record<string, [npo: number, groups: number | null]> = {
  'KZ-43': [28, 7],
  'KZ-79': [65, 25],
  'KZ-19': [100, 45],
  'KZ-71': [18, 12],
  'KZ-61': [81, 54],
  'KZ-23': [90, 128],
  'KZ-35': [30, 77],
  'KZ-11': [34, 92],
  'KZ-39': [23, 63],
  'KZ-27': [65, 234],
  'KZ-63': [26, 111],
  'KZ-15': [26, 190],
  'KZ-59': [5, 55],
  'KZ-31': [13, 154],
  'KZ-47': [5, 68],
  'KZ-55': [24, 519],
  'KZ-75': [27, null],
};
/** Report: 491 NPOs and 1,658 groups in 2021; the regional split is illustrative (Almaty's groups again not reported). */
export const ORG_TOTALS_2021 = { npo: 491, groups: 1_658 };

/**
 * The economic-contribution chapter: volunteer hours outside the RFO reports, one row per source.
 * Sum 258,991 h (the report's +24 %).
 */
export const UNACCOUNTED_2022: {
  source: string;
  area: string | null;
  volunteers: number | null;
  hours: number;
  note: string | null;
}[] = [
  {
    source:
      'NVN and UNICEF Kazakhstan joint programmes (BeSafe Kazakhstan, QauipsizInternet, TikTok volunteers, Volunteering for Education, Medical Volunteers)',
    area: null,
    volunteers: 705,
    hours: 3_600,
    note: null,
  },
  {
    source: 'NVN: republican project «Zhenis» for veterans and home-front workers',
    area: 'qamqor',
    volunteers: 170,
    hours: 2_200,
    note: 'the report: "about 2200 hours"',
  },
  {
    source:
      'NVN: coordinators and volunteers of the VII Congress of Leaders of World and Traditional Religions',
    area: 'other_social',
    volunteers: 85,
    hours: 4_936,
    note: null,
  },
  {
    source: 'NVN: volunteers and coordinators at socially oriented and event-related events',
    area: 'other_social',
    volunteers: 1_215,
    hours: 16_155,
    note: 'the report: at least 1215 volunteers, at least 16155 hours',
  },
  {
    source: 'PF «28 loops» (knitting kits for premature babies), 20 cities of Kazakhstan',
    area: 'saulyq',
    volunteers: 537,
    hours: 38_100,
    note: 'the report: at least 38,100 hours',
  },
  {
    source: 'Headquarters of humanitarian support of Ukraine (10 cities)',
    area: 'other_social',
    volunteers: 500,
    hours: 141_818,
    note: "The report adds all 141,818 h to reach its 258,991 h, although it says 61,000 of them were already in Astana's RFO report for March and April 2022; kept as published (the items sum to 258,991 only with them).",
  },
  {
    source: 'CISC grant project «Birgemiz: Saýlyq»',
    area: 'saulyq',
    volunteers: null,
    hours: 4_500,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Birgemiz: Taza Álem»',
    area: 'taza_alem',
    volunteers: null,
    hours: 8_500,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Birgemiz: Ayala»',
    area: 'ayala',
    volunteers: null,
    hours: 4_200,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Birgemiz: Qamqor»',
    area: 'qamqor',
    volunteers: null,
    hours: 4_000,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Birgemiz: Úmit»',
    area: 'umit',
    volunteers: null,
    hours: 8_400,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Birgemiz: Sabaqtastyq»',
    area: 'sabaqtastyq',
    volunteers: null,
    hours: 7_460,
    note: null,
  },
  {
    source: 'CISC grant project «Birgemiz: Asyl Mura»',
    area: 'asyl_mura',
    volunteers: null,
    hours: 4_722,
    note: 'at least',
  },
  {
    source: 'CISC grant project «Silver volunteering»',
    area: null,
    volunteers: null,
    hours: 3_400,
    note: 'The report leaves the figure blank ("at least hours"); 3,400 h is the difference between its grant-project total (45,182 h, 21,235 volunteers, 800+ events) and the seven projects it lists. «Birgemiz: Bilim»: data not provided.',
  },
  {
    source: "NGO «Zhas Ulan» (republican children's and youth organisation), Pavlodar region only",
    area: null,
    volunteers: null,
    hours: 7_000,
    note: 'at least 7,000 hours a year',
  },
];
export const UNACCOUNTED_TOTAL_2022 = 258_991;

/** Report: the information centre received about 2,500 appeals on volunteering and at least 600 others. */
export const APPEALS_2022 = { related: 2_500, unrelated: 600 };
export const APPEAL_COUNTRIES = ['UZ', 'KG', 'TJ', 'UA', 'DE', 'GE', 'NP', 'RU', 'JP'];

export const DEMO_PASSWORD = 'demo-password-2022';
export const DEMO_USERS: {
  email: string;
  role: 'national_admin' | 'national_analyst' | 'rfo' | 'org_coordinator' | 'viewer';
  region: string | null;
  displayName: string;
}[] = [
  {
    email: 'admin@demo.birgemiz.kz',
    role: 'national_admin',
    region: null,
    displayName: 'Demo national admin',
  },
  { email: 'analyst@demo.birgemiz.kz', role: 'national_analyst', region: null, displayName: 'Demo analyst' },
  { email: 'rfo.almaty@demo.birgemiz.kz', role: 'rfo', region: 'KZ-75', displayName: 'Demo RFO Almaty' },
  { email: 'rfo.astana@demo.birgemiz.kz', role: 'rfo', region: 'KZ-71', displayName: 'Demo RFO Astana' },
  {
    email: 'org@demo.birgemiz.kz',
    role: 'org_coordinator',
    region: 'KZ-75',
    displayName: 'Demo organisation coordinator',
  },
  { email: 'viewer@demo.birgemiz.kz', role: 'viewer', region: null, displayName: 'Demo viewer' },
];

/** Titles of activities by area, in Russian and Kazakh (illustrative). */
export const TITLES: Record<Area, string[]> = {
  other_social: [
    'Акция по сдаче донорской крови',
    'Сбор и раздача гуманитарной помощи пострадавшим от пожаров',
    'Установка «Полок добра» в магазинах',
    'Горячие обеды для работников коммунальных служб в непогоду',
    'Сбор книг для воинских частей и школ',
    'Разъяснительная работа о референдуме',
    'Профилактика наркомании среди молодежи',
    'Социальная столовая',
    'Волонтерский кризисный центр',
    'Бесплатное волонтерское такси в праздники',
    'Мероприятие ко Дню защиты детей',
    'Ко Дню домбры: концерт во дворе',
    'Қайырымдылық сөресі: азық-түлік жинау',
    'Мемлекеттік рәміздер күніне арналған акция',
    'Салауатты өмір салтын насихаттау акциясы',
    'Помощь на спортивных соревнованиях',
    'Доставка еды ожидающим на КПП в непогоду',
    'Реставрация поврежденных книг в библиотеке',
  ],
  umit: [
    'Поиск пропавшего человека',
    'Онлайн-поиск пропавших людей',
    'Профилактика пожарной безопасности в школах',
    'Учения с ДЧС: действия при ЧС',
    'Восстановление объектов после паводка',
    'Жоғалған адамды іздеу',
    'Балаларға төтенше жағдайдағы әрекет ережелерін үйрету',
    'Дежурство волонтерского поисково-спасательного отряда',
  ],
  qamqor: [
    'Помощь одиноким пожилым людям',
    'Сбор и раздача продуктовых наборов',
    'Курсы цифровой грамотности для пожилых',
    'Кружок рукоделия для пожилых',
    'Жалғыз басты қарттарға көмек',
    'Гуманитарлық көмек тарату',
    'Доставка лекарств маломобильным гражданам',
  ],
  taza_alem: [
    'Субботник в городском парке',
    'Посадка деревьев',
    'Очистка берега реки',
    'Экоакция по раздельному сбору мусора',
    'Таза аула: аулаларды тазалау',
    'Ағаш отырғызу акциясы',
    'Экологический урок для школьников',
  ],
  culture_art: [
    'Социальный концерт в доме престарелых',
    'Волонтеры на городском фестивале',
    'Театральная постановка для детей',
    'Мәдени іс-шараны ұйымдастыру',
    'Помощь в организации выставки',
  ],
  ayala: [
    'Работа в приюте для животных',
    'Поиск дома для бездомных животных',
    'Сбор корма для приюта',
    'Стерилизация бездомных животных',
    'Жануарлар баспанасына көмек',
  ],
  sabaqtastyq: [
    'Досуг для воспитанников детского дома',
    'Арт-терапия для подростков',
    'Дворовый клуб для детей',
    'Балалар үйіне бару',
  ],
  saulyq: [
    'Информационная акция о здоровье',
    'Досуг для тяжелобольных пациентов',
    'Бесплатный прием терапевта (ProBono)',
    'Денсаулық туралы ақпараттық акция',
  ],
  bilim: [
    'Курсы компьютерной грамотности',
    'Обучение работе с порталом eGov',
    'Курсы казахского языка',
    'Латын әліпбиі бойынша түсіндіру жұмысы',
  ],
  asyl_mura: [
    'Экскурсия по историческим местам',
    'Уборка территории исторического памятника',
    'Турнир по национальным играм',
    'Тарихи ескерткіштерге QR-кодтар орнату',
  ],
  media: [
    'Видеоролик о волонтерах для соцсетей',
    'Медиаконтент о социальных проблемах',
    'Волонтерлер туралы бейнеролик',
  ],
};

export const DEVELOPMENT_TITLES = [
  'Тренинг для волонтеров',
  'Тимбилдинг волонтерских организаций',
  'Мотивационная встреча волонтеров',
  'Награждение лучших волонтеров',
  'Волонтерлерге арналған оқыту семинары',
];

export const EXCLUDED_TITLES: Record<string, string> = {
  compulsory: 'Уборка территории студентами по распоряжению',
  paid: 'Промоутеры на коммерческой выставке',
  political: 'Агитация в интересах партии',
  spectators: 'Зрители на спортивном мероприятии',
  commercial: 'Развлекательное коммерческое шоу',
  charity_only: 'Сбор средств без волонтерского труда',
  religious: 'Мероприятие религиозного объединения',
};
