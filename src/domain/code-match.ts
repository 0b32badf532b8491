// A code-list cell as officers type it: the code (`offline`), or its kk / ru / en label as the code
// list holds it (`Офлайн`), or a usual variant of either (`онлайн` for "Онлайн (дистанционно, …)",
// `ҮЕҰ` for a volunteer NPO), in any case and spacing (FORMATS.md, common rules). Pure: the
// importer, the API and the browser match the same way.
import type { Lang } from './lang.ts';

/** One entry of a code list with its labels. */
export interface CodeLabel {
  code: string;
  en: string;
  ru: string;
  kk: string;
}

/**
 * The key a cell and a label are compared by: case folded, accents and diaeresis dropped
 * (ё → е, й → и, Á → a; the Kazakh letters ә ғ қ ң ө ұ ү һ і are letters of their own and stay),
 * quotes dropped, dashes, underscores and dots between words as spaces, spaces collapsed.
 */
export function codeKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[«»"'`“”„]/g, '')
    .replace(/[_\-‐‑‒–—―]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Usual ways of naming a code that its labels do not spell out: abbreviations and common words,
 * in the three languages. Only where the meaning is unambiguous within the list.
 */
export const CODE_SYNONYMS: Record<string, Record<string, string[]>> = {
  organization_type: {
    npo: ['НКО', 'НПО', 'ҮЕҰ', 'КЕҰ', 'NGO', 'NPO', 'некоммерческая организация', 'коммерциялық емес ұйым'],
    initiative_group: ['инициативная группа волонтеров', 'бастамашыл топ', 'initiative'],
    company: ['ТОО', 'АО', 'ЖШС', 'АҚ', 'LLP', 'JSC', 'business', 'бизнес'],
    state_institution: [
      'ГУ',
      'КГУ',
      'РГУ',
      'ММ',
      'КММ',
      'госучреждение',
      'государственный орган',
      'government',
    ],
    front_office: ['РФО', 'ФО', 'ӨФО', 'RFO', 'региональный фронт офис', 'өңірлік фронт офис'],
  },
  format: {
    offline: ['оффлайн', 'очно', 'очный', 'in person'],
    online: ['дистанционно', 'дистанционный', 'қашықтан', 'remote'],
    auto: ['авто', 'автоволонтер'],
  },
  kind: {
    event: ['разовое', 'разовое мероприятие', 'бір реттік', 'one time', 'event'],
    ongoing: ['системная программа', 'системное', 'жүйелі', 'жүйелі бағдарлама', 'programme', 'program'],
    development: ['развитие волонтерства', 'волонтерлікті дамыту'],
  },
  gender: {
    male: ['м', 'муж', 'мужской', 'мужчина', 'ер', 'еркек', 'man', 'm'],
    female: ['ж', 'жен', 'женский', 'женщина', 'әйел', 'woman', 'f'],
  },
  appeal_channel: {
    email: ['e mail', 'почта', 'электронная почта', 'электрондық пошта'],
    whatsapp: ['ватсап', 'вотсап'],
    telegram: ['телеграм', 'телеграмм'],
    instagram: ['инстаграм'],
    facebook: ['фейсбук'],
  },
};

/** The variants of one label: as written, without a parenthesised part, without a "Birgemiz:" prefix. */
function labelVariants(label: string): string[] {
  const out = [label];
  const bare = label.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (bare && bare !== label) out.push(bare);
  for (const v of [...out]) {
    const m = /^birgemiz:\s*(.+)$/i.exec(v);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/** A code list's index: key of a code, label or variant → code. */
export type CodeIndex = Map<string, string>;

/**
 * Builds the index of one list. What is given first wins: codes, then the full labels, then
 * derived variants and synonyms; a derived variant that would name two codes names none.
 */
export function buildCodeIndex(list: string, items: readonly CodeLabel[]): CodeIndex {
  const index: CodeIndex = new Map();
  const put = (text: string, code: string) => {
    const k = codeKey(text);
    if (k && !index.has(k)) index.set(k, code);
  };
  for (const i of items) put(i.code, i.code);
  for (const i of items) for (const l of [i.en, i.ru, i.kk]) put(l, i.code);
  const derived = new Map<string, string | null>();
  const suggest = (text: string, code: string) => {
    const k = codeKey(text);
    if (!k || index.has(k)) return;
    const was = derived.get(k);
    derived.set(k, was === undefined || was === code ? code : null);
  };
  const synonyms = CODE_SYNONYMS[list] ?? {};
  for (const i of items) {
    for (const l of [i.en, i.ru, i.kk]) for (const v of labelVariants(l)) suggest(v, i.code);
    for (const s of synonyms[i.code] ?? []) suggest(s, i.code);
  }
  for (const [k, code] of derived) if (code !== null) index.set(k, code);
  return index;
}

/** The allowed values of a list for an error message: each code with its label in `lang`. */
export function allowedValues(items: readonly CodeLabel[], lang: Lang = 'en', max = 30): string {
  const shown = items
    .slice(0, max)
    .map((i) => (i[lang] && i[lang] !== i.code ? `${i.code} (${i[lang]})` : i.code));
  return items.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}
