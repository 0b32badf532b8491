// The one number formatter of the server: numbers in the report language's conventions. kk-KZ and ru-RU group thousands with a no-break
// space and use a decimal comma (1 088 387; 38,35 %); the percent sign is set apart by a no-break
// space in kk and ru as the national office writes it (Node's ICU gives "38,35%" for kk-KZ).
// Every formatter turns a missing or non-finite value into an en dash, so "NaN", "Infinity" or
// "null" can never reach a page, a sheet or a document.
import { type Lang, LOCALES } from '../lang.ts';

export const MISSING = '–';

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number, maxDigits = digits): Intl.NumberFormat {
  const key = `${lang}:${digits}:${maxDigits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: digits,
      maximumFractionDigits: maxDigits,
    });
    cache.set(key, f);
  }
  return f;
}

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** 1088387 → "1 088 387" (kk/ru), "1,088,387" (en). */
export function formatInt(value: number | null | undefined, lang: Lang): string {
  return isNumber(value) ? nf(lang, 0).format(Math.round(value)) : MISSING;
}

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  return isNumber(value) ? nf(lang, digits).format(value) : MISSING;
}

/** At most `maxDigits` decimals, none shown when they are zero (the narrative's 38,35 and 1 088 387). */
export function formatUpTo(value: number | null | undefined, lang: Lang, maxDigits = 0): string {
  return isNumber(value) ? nf(lang, 0, maxDigits).format(value) : MISSING;
}

/** value is already a percentage (38.35 → "38,35 %"). */
export function formatPercent(value: number | null | undefined, lang: Lang, digits = 2): string {
  if (!isNumber(value)) return MISSING;
  const n = nf(lang, digits).format(value);
  return lang === 'en' ? `${n}%` : `${n}\u00a0%`;
}

/** A change in percent with its sign: +201 %, −12,5 %. */
export function formatChange(value: number | null | undefined, lang: Lang): string {
  if (!isNumber(value)) return MISSING;
  const n = nf(lang, 0, 1).format(Math.abs(value));
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return lang === 'en' ? `${sign}${n}%` : `${sign}${n}\u00a0%`;
}

export function formatDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long', day: 'numeric' }).format(
    date,
  );
}

export function monthName(month: number, lang: Lang, style: 'long' | 'short' = 'long'): string {
  // Standalone month names ("январь", "қаңтар"), not the genitive of a date.
  return new Intl.DateTimeFormat(LOCALES[lang], { month: style, timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2022, month - 1, 15)))
    .map((p) => p.value)
    .join('');
}

/**
 * A month of a year as a title or a sentence names it: "December 2022", "декабрь 2022", and in
 * Kazakh "2022 жылғы желтоқсан" (the year first, the month in lower case).
 */
export function monthYearLabel(month: number, year: number, lang: Lang): string {
  const name = monthName(month, lang);
  if (lang === 'kk') return `${year} жылғы ${name.toLocaleLowerCase('kk-KZ')}`;
  return `${lang === 'en' ? name : name.toLocaleLowerCase('ru-RU')} ${year}`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every string that comes from data goes through here before it reaches HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}
