// Shift times of the platform in Kazakhstan time (UTC+5 all year), whatever the browser's time zone:
// a volunteer in Moscow or a crawler in Europe reads the time the shift has in Almaty.
import type { Lang } from '../../../domain/lang.ts';

const DATE_SEP: Record<Lang, string> = { kk: '.', ru: '.', en: '/' };

/** An instant as its Kazakhstan date and time: ['2030-06-01', '02:00']. */
export function kzParts(iso: string): [string, string] {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return [iso, ''];
  const s = new Date(ms + 5 * 3600_000).toISOString();
  return [s.slice(0, 10), s.slice(11, 16)];
}

export function kzDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? [m[3], m[2], m[1]].join(DATE_SEP[lang]) : date;
}

/** A shift: "01.06.2030, 10:00–14:00", or both ends dated when it ends on another day. */
export function shiftText(start: string, end: string, lang: Lang): string {
  const [d1, t1] = kzParts(start);
  const [d2, t2] = kzParts(end);
  if (d1 === d2) return `${kzDate(d1, lang)}, ${t1}–${t2}`;
  return `${kzDate(d1, lang)}, ${t1} – ${kzDate(d2, lang)}, ${t2}`;
}

/** The shifts not yet ended, soonest first (the API gives them in time order). */
export function upcoming<T extends { end: string }>(shifts: T[], now = Date.now()): T[] {
  return shifts.filter((s) => Date.parse(s.end) >= now);
}

/** "2030-06-01" and "10:00" in Kazakhstan time as an ISO instant with its offset. */
export function kzInstant(date: string, time: string): string {
  return `${date}T${time}:00+05:00`;
}
