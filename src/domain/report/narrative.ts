// The words of the reports: templates from src/i18n/reports.<lang>.json filled with figures
// formatted in the language's conventions (1 088 387 and 38,35 in kk/ru; 1,088,387 and 38.35 in en).
import en from '../../i18n/reports.en.json' with { type: 'json' };
import kk from '../../i18n/reports.kk.json' with { type: 'json' };
import ru from '../../i18n/reports.ru.json' with { type: 'json' };

export type Lang = 'kk' | 'ru' | 'en';
const CATALOGUES: Record<Lang, unknown> = { kk, ru, en };
const LOCALES: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const key = `${lang}:${digits}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    FORMATTERS.set(key, f);
  }
  return f.format(value);
}
// Building a formatter costs far more than using one: keep one per language and precision.
const FORMATTERS = new Map<string, Intl.NumberFormat>();

function lookup(cat: unknown, key: string): string | undefined {
  let cur: unknown = cat;
  for (const part of key.split('.')) {
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof cur === 'string' ? cur : undefined;
}

export type Vars = Record<string, string | number | null | undefined>;

/** The sentence `key` in `lang` (falling back to English), numbers formatted for the language. */
export function say(lang: Lang, key: string, vars: Vars = {}): string {
  const tpl = lookup(CATALOGUES[lang], key) ?? lookup(CATALOGUES.en, key) ?? key;
  return tpl.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = vars[name];
    // Years are labels, not quantities: 2022, never 2,022 or 2 022.
    if (typeof v === 'number' && /year/i.test(name)) return String(v);
    if (typeof v === 'number') return formatNumber(v, lang, Number.isInteger(v) ? 0 : 2);
    return v === null || v === undefined ? '–' : String(v);
  });
}
