// Numbers and dates in the chosen language's conventions, written out here rather than left to the
// browser's ICU data: Debian's Chromium has no Kazakh locale data and falls back to English
// ("1,088,387"), while the national office writes 1 088 387 and 38,35 % in kk and ru. So the digits
// come from the one locale every engine has (en-US, plain ASCII) and the separators from this table:
// kk and ru group thousands with a no-break space and use a decimal comma; the percent sign is set
// apart by a no-break space; dates are dd.mm.yyyy. en (British English) keeps 1,088,387 and 38.35%.
import type { Lang } from '../../domain/lang.ts';

const NBSP = '\u00a0';
const SEPARATORS: Record<Lang, { group: string; decimal: string; percent: string; date: string }> = {
  kk: { group: NBSP, decimal: ',', percent: `${NBSP}%`, date: '.' },
  ru: { group: NBSP, decimal: ',', percent: `${NBSP}%`, date: '.' },
  en: { group: ',', decimal: '.', percent: '%', date: '/' },
};

const cache = new Map<number, Intl.NumberFormat>();
function ascii(digits: number): Intl.NumberFormat {
  let f = cache.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
      signDisplay: 'negative', // -0.001 rounds to "0,0", not "-0,0"
    });
    cache.set(digits, f);
  }
  return f;
}

/** "1,088,387.5" (en-US) → the language's separators, one character at a time. */
function localise(s: string, lang: Lang): string {
  const sep = SEPARATORS[lang];
  let out = '';
  for (const ch of s) out += ch === ',' ? sep.group : ch === '.' ? sep.decimal : ch;
  return out;
}

/** null/undefined (not reported) → an en dash, never 0. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return localise(ascii(digits).format(value), lang);
}

/** Hours: whole hours as they are, a fraction with one decimal (12, 7,5). */
export function formatHours(value: number | null | undefined, lang: Lang): string {
  return formatNumber(value, lang, Number.isInteger(value) ? 0 : 1);
}

/**
 * A percentage as the API gives it (38.35 → "38,35 %"): every share in the API is already ×100
 * (src/modules/reports/reports.schemas.ts, the submissions matrix).
 */
export function formatPercent(percent: number | null | undefined, lang: Lang, digits = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '–';
  return `${formatNumber(percent, lang, digits)}${SEPARATORS[lang].percent}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parse(iso: string): Date | null {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date: 05.04.2022 in kk and ru, 05/04/2022 in en. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const d = parse(iso);
  if (!d) return iso;
  const s = SEPARATORS[lang].date;
  return `${pad(d.getDate())}${s}${pad(d.getMonth() + 1)}${s}${d.getFullYear()}`;
}

/** A moment in the browser's time zone: 05.04.2022, 14:30. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const d = parse(iso);
  if (!d) return iso;
  return `${formatDate(iso, lang)}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instant as its Kazakhstan (UTC+5 all year) date and time, whatever the browser's zone. */
function kzParts(iso: string): { date: string; time: string } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const s = new Date(ms + 5 * 3600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** A moment in Kazakhstan time (the platform's shifts, offers, deadlines): 05.04.2022, 14:30. */
export function formatKzDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '–';
  const p = kzParts(iso);
  return p ? `${formatDate(p.date, lang)}, ${p.time}` : iso;
}

/** A shift in Kazakhstan time: "01.06.2030, 10:00–14:00", both ends dated when it ends another day. */
export function formatKzRange(start: string, end: string, lang: Lang): string {
  const a = kzParts(start);
  const b = kzParts(end);
  if (!a || !b) return `${start} – ${end}`;
  if (a.date === b.date) return `${formatDate(a.date, lang)}, ${a.time}–${b.time}`;
  return `${formatKzDateTime(start, lang)} – ${formatKzDateTime(end, lang)}`;
}
