// A period as people say it: "March 2024", "2024, first half", "Year 2024", in the interface's
// language. Shared by the pages (usePeriodLabel) and the error messages (lib/problemText.ts).
import { parsePeriod } from '../../domain/periods.ts';
import { monthName, type T } from './i18n.ts';

export function periodText(t: T, period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'month') return `${monthName(t, Number(period.slice(5)))} ${p.year}`;
  if (p.kind === 'half') return `${p.year}, ${t(period.endsWith('H1') ? 'reports.h1' : 'reports.h2')}`;
  return t('rfo.yearPeriod', { year: p.year });
}
