// Reporting periods: a month YYYY-MM, a half-year YYYY-H1/H2, or a year YYYY.
export type PeriodKind = 'month' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  text: string;
  year: number;
  /** First and last day, ISO. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parsePeriod(text: string): Period | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12 || y < 2000 || y > 2100) return null;
    return {
      kind: 'month',
      text: t,
      year: y,
      start: `${y}-${pad(mo)}-01`,
      end: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`,
    };
  }
  m = /^(\d{4})-H([12])$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) return null;
    return m[2] === '1'
      ? { kind: 'half', text: t, year: y, start: `${y}-01-01`, end: `${y}-06-30` }
      : { kind: 'half', text: t, year: y, start: `${y}-07-01`, end: `${y}-12-31` };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (y < 2000 || y > 2100) return null;
    return { kind: 'year', text: t, year: y, start: `${y}-01-01`, end: `${y}-12-31` };
  }
  return null;
}

export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
}

/** Months of a half-year or year period; a month is its own list. */
export function monthsIn(p: Period): string[] {
  if (p.kind === 'month') return [p.text];
  const all = monthsOf(p.year);
  if (p.kind === 'year') return all;
  return p.text.endsWith('H1') ? all.slice(0, 6) : all.slice(6);
}

/**
 * Submission deadline: the 5th of the following month for a month; the 10th of the month after a
 * half-year or year ends (stocks need the period closed first). A parameter of the national office
 * in practice; these are the defaults of DOMAIN.md §4.
 */
export function deadlineOf(p: Period): string {
  const [y, m] = p.end.split('-').map(Number) as [number, number];
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${ny}-${pad(nm)}-${p.kind === 'month' ? '05' : '10'}`;
}

export function daysBetweenInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Kazakhstan time (UTC+5, no daylight saving): the offset of its wall clock from UTC. */
export const KZ_OFFSET_MS = 5 * 3_600_000;

/**
 * The instants a period covers in Kazakhstan time, as UTC ISO strings: `from` inclusive, `to`
 * exclusive (the first instant of the next day), to compare with stored UTC instants.
 */
export function kzInstantRange(p: Pick<Period, 'start' | 'end'>): { from: string; to: string } {
  const from = Date.parse(`${p.start}T00:00:00Z`) - KZ_OFFSET_MS;
  const to = Date.parse(`${p.end}T00:00:00Z`) + 86_400_000 - KZ_OFFSET_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
