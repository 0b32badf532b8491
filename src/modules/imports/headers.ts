// The columns of every exchange format (FORMATS.md), with their titles in kk, ru and en. Defined
// once: imports accept the English code or any of the titles (case and spaces ignored), templates
// and exports write the titles of the language asked for.
import { ACTIVITY_COLUMNS, REQUIRED_ACTIVITY_COLUMNS } from '../../domain/activity-rules.ts';
import type { Lang } from '../../domain/lang.ts';

export const IMPORT_KINDS = [
  'activities',
  'volunteers',
  'organizations',
  'appeals',
  'population',
  'wages',
  'working-time',
  'unaccounted',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Reference statistics: only the national admin changes them. */
export const REFERENCE_KINDS: readonly ImportKind[] = ['population', 'wages', 'working-time', 'unaccounted'];

export interface ColumnDef {
  code: string;
  required: boolean;
  en: string;
  ru: string;
  kk: string;
  /** Earlier titles still read from older files and templates (never written). */
  aliases: string[];
}

// code → [en, ru, kk] titles, shared by the kinds that have the column, then any earlier titles
// still accepted on import (Kazakh said «ерікті» before settling on «волонтер»).
const TITLES: Record<string, [string, string, string, ...string[]]> = {
  region: ['Region', 'Регион', 'Өңір'],
  period: ['Period', 'Период', 'Кезең'],
  organization: ['Organisation', 'Организация', 'Ұйым'],
  organization_type: ['Organisation type', 'Тип организации', 'Ұйым түрі'],
  organization_bin: ['Organisation BIN', 'БИН организации', 'Ұйымның БСН'],
  title: ['Activity', 'Мероприятие', 'Іс-шара'],
  area: ['Area', 'Направление', 'Бағыт'],
  format: ['Format', 'Формат', 'Формат'],
  kind: ['Kind', 'Вид', 'Түрі'],
  start_date: ['Start date', 'Дата начала', 'Басталу күні'],
  end_date: ['End date', 'Дата окончания', 'Аяқталу күні'],
  volunteers: ['Volunteers', 'Волонтёры', 'Волонтерлер', 'Еріктілер'],
  hours: ['Hours', 'Часы', 'Сағат'],
  child: ['Children', 'Дети', 'Балалар'],
  inclusive: ['Inclusive', 'Инклюзивные', 'Инклюзивті'],
  corporate: ['Corporate', 'Корпоративные', 'Корпоративтік'],
  international: ['International', 'Международные', 'Халықаралық'],
  silver: ['Silver', 'Серебряные', 'Күміс'],
  probono: ['Pro bono', 'Pro bono', 'Pro bono'],
  general: ['General', 'Общие', 'Жалпы'],
  rfo_support: ['RFO support', 'Поддержка РФО', 'ӨФО қолдауы'],
  beneficiaries: ['Beneficiaries', 'Благополучатели', 'Игілік алушылар'],
  excluded: ['Excluded', 'Исключено', 'Алынып тасталды'],
  external_id: ['External id', 'Внешний код', 'Сыртқы код'],
  notes: ['Notes', 'Примечания', 'Ескертпелер'],
  dimension: ['Dimension', 'Разрез', 'Бөліну'],
  category: ['Category', 'Категория', 'Санат'],
  npo: ['NPOs', 'НКО', 'ҮЕҰ'],
  initiative_groups: ['Initiative groups', 'Инициативные группы', 'Бастамашыл топтар'],
  received_at: ['Received at', 'Дата обращения', 'Өтініш күні'],
  channel: ['Channel', 'Канал', 'Арна'],
  gender: ['Gender', 'Пол', 'Жынысы'],
  country: ['Country', 'Страна', 'Ел'],
  topic: ['Topic', 'Тема', 'Тақырып'],
  related: ['About volunteering', 'По волонтёрству', 'Волонтерлікке қатысты', 'Еріктілікке қатысты'],
  status: ['Status', 'Статус', 'Мәртебесі'],
  first_response_at: ['First response at', 'Дата первого ответа', 'Алғашқы жауап күні'],
  resolved_at: ['Resolved at', 'Дата решения', 'Шешілген күні'],
  year: ['Year', 'Год', 'Жыл'],
  population: ['Population', 'Население', 'Халық саны'],
  activity: ['Economic activity', 'Вид экономической деятельности', 'Экономикалық қызмет түрі'],
  monthly_wage_kzt: ['Monthly wage, KZT', 'Среднемесячная зарплата, тенге', 'Орташа айлық жалақы, теңге'],
  source: ['Source', 'Источник', 'Дереккөз'],
  monthly_hours: ['Monthly hours', 'Часов в месяц', 'Айына сағат'],
  annual_hours: ['Annual hours', 'Часов в год', 'Жылына сағат'],
  note: ['Note', 'Примечание', 'Ескертпе'],
};

function columns(codes: readonly string[], required: readonly string[]): ColumnDef[] {
  return codes.map((code) => {
    const t = TITLES[code];
    if (!t) throw new Error(`No titles for column ${code}`);
    const [en, ru, kk, ...aliases] = t;
    return { code, required: required.includes(code), en, ru, kk, aliases };
  });
}

export const KIND_COLUMNS: Record<ImportKind, ColumnDef[]> = {
  activities: columns(ACTIVITY_COLUMNS, REQUIRED_ACTIVITY_COLUMNS),
  volunteers: columns(
    ['region', 'period', 'dimension', 'category', 'volunteers'],
    ['region', 'period', 'dimension'],
  ),
  organizations: columns(['region', 'period', 'npo', 'initiative_groups'], ['region', 'period']),
  appeals: columns(
    [
      'received_at',
      'channel',
      'gender',
      'region',
      'country',
      'topic',
      'related',
      'status',
      'first_response_at',
      'resolved_at',
      'external_id',
    ],
    ['received_at', 'channel', 'topic', 'related', 'status'],
  ),
  population: columns(['region', 'year', 'population'], ['region', 'year', 'population']),
  wages: columns(
    ['region', 'activity', 'year', 'monthly_wage_kzt', 'source'],
    ['year', 'monthly_wage_kzt', 'source'],
  ),
  'working-time': columns(
    ['year', 'monthly_hours', 'annual_hours', 'source'],
    ['year', 'monthly_hours', 'annual_hours', 'source'],
  ),
  unaccounted: columns(
    ['year', 'source', 'area', 'volunteers', 'hours', 'note'],
    ['year', 'source', 'hours'],
  ),
};

export const isImportKind = (k: string): k is ImportKind => (IMPORT_KINDS as readonly string[]).includes(k);

/** Header matching ignores case, spaces, underscores' spelling and a trailing BOM. */
export const headerKey = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s_\-.]+/g, '');

export function headerTitle(col: ColumnDef, lang: Lang): string {
  return lang === 'en' ? col.code : col[lang];
}

/** True when `h` names one of the kind's columns (by code or by a title). */
export function isColumnName(kind: ImportKind, h: string): boolean {
  const key = headerKey(h);
  return (
    key !== '' &&
    KIND_COLUMNS[kind].some((c) => [c.code, c.en, c.ru, c.kk, ...c.aliases].some((t) => headerKey(t) === key))
  );
}

export interface HeaderMap {
  /** For each column of the file, the index of the kind's column (always defined: unknown ones throw). */
  positions: number[];
  /** Kind column code → file column index, or -1 when the file lacks it. */
  indexOf: Record<string, number>;
}

export interface HeaderProblems {
  unknown: string[];
  missing: string[];
  duplicate: string[];
}

/** Maps a file's header row to the kind's columns, or says which columns are unknown, missing or doubled. */
export function mapHeader(
  kind: ImportKind,
  header: string[],
): { map: HeaderMap; problems: null } | { map: null; problems: HeaderProblems } {
  const cols = KIND_COLUMNS[kind];
  const lookup = new Map<string, number>();
  cols.forEach((c, i) => {
    for (const t of [c.code, c.en, c.ru, c.kk, ...c.aliases]) lookup.set(headerKey(t), i);
  });
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const positions: number[] = [];
  const indexOf: Record<string, number> = Object.fromEntries(cols.map((c) => [c.code, -1]));
  header.forEach((h, fileIdx) => {
    const key = headerKey(h);
    if (key === '') {
      positions.push(-1); // a blank trailing header cell (Excel adds them): ignored
      return;
    }
    const i = lookup.get(key);
    if (i === undefined) {
      unknown.push(h);
      positions.push(-1);
      return;
    }
    const code = (cols[i] as ColumnDef).code;
    if ((indexOf[code] as number) >= 0) duplicate.push(h);
    indexOf[code] = fileIdx;
    positions.push(i);
  });
  const missing = cols.filter((c) => c.required && indexOf[c.code] === -1).map((c) => c.code);
  if (unknown.length || missing.length || duplicate.length)
    return { map: null, problems: { unknown, missing, duplicate } };
  return { map: { positions, indexOf }, problems: null };
}
