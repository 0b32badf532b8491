// The one translator of the reports: templates from src/i18n/reports.<lang>.json filled with figures
// formatted in the language's conventions (1 088 387 and 38,35 in kk/ru; 1,088,387 and 38.35 in en).
// Keys are type-checked against the English catalogue: `ReportKey` is every dotted path to a
// sentence in it, so a key that does not exist fails the type check, not the reader.
import en from '../../i18n/reports.en.json' with { type: 'json' };
import kk from '../../i18n/reports.kk.json' with { type: 'json' };
import ru from '../../i18n/reports.ru.json' with { type: 'json' };
import { type Lang, LOCALES } from '../lang.ts';
import { formatUpTo } from './format.ts';

const CATALOGUES: Record<Lang, unknown> = { kk, ru, en };

/** The dotted paths to the strings of a catalogue's type. */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the reports' catalogue (src/i18n/reports.en.json). */
export type ReportKey = Paths<typeof en>;

/** The keys of one family, e.g. `KeysUnder<'section'>` = the section codes. */
export type KeysUnder<F extends string> = ReportKey extends infer K
  ? K extends `${F}.${infer Rest}`
    ? Rest
    : never
  : never;

function lookup(cat: unknown, key: string): string | undefined {
  let cur: unknown = cat;
  for (const part of key.split('.')) {
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof cur === 'string' ? cur : undefined;
}

export type Vars = Record<string, string | number | null | undefined>;

/**
 * The plural form of a counted sentence, named as i18next names them: `key_one`, `key_few`,
 * `key_many` (Russian), `key_other`, chosen by the language's plural rules for `count`; the sentence
 * without a suffix serves every form the catalogue does not spell out (1 регион / 2 региона / 5
 * регионов: `shareBasis_one` beside `shareBasis`).
 */
function counted(cat: unknown, key: string, lang: Lang, count: unknown): string | undefined {
  if (typeof count !== 'number' || !Number.isFinite(count)) return undefined;
  const form = new Intl.PluralRules(LOCALES[lang]).select(count);
  return lookup(cat, `${key}_${form}`);
}

/** The sentence `key` in `lang` (falling back to English), numbers formatted for the language. */
export function say(lang: Lang, key: ReportKey, vars: Vars = {}): string {
  const tpl =
    counted(CATALOGUES[lang], key, lang, vars.count) ??
    lookup(CATALOGUES[lang], key) ??
    lookup(CATALOGUES.en, key) ??
    key;
  return tpl.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = vars[name];
    // Years are labels, not quantities: 2022, never 2,022 or 2 022.
    if (typeof v === 'number' && /year/i.test(name)) return String(v);
    if (typeof v === 'number') return formatUpTo(v, lang, Number.isInteger(v) ? 0 : 2);
    return v === null || v === undefined ? '–' : String(v);
  });
}

/** `say` bound to one language, for the renderers. */
export type Translate = (key: ReportKey, vars?: Vars) => string;
export const translator =
  (lang: Lang): Translate =>
  (key, vars) =>
    say(lang, key, vars);

/** The key `family.code` when the catalogue has it: for codes that come from data (area, status …). */
export function keyOf<F extends string>(family: F, code: string): ReportKey | null {
  const key = `${family}.${code}`;
  return lookup(CATALOGUES.en, key) === undefined ? null : (key as ReportKey);
}
