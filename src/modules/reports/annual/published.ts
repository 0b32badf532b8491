// The published 2022 report's economic figures (DOMAIN.md §6), used only to explain the FTE norm:
// 1,088,387 RFO hours and 258,991 unaccounted hours were published as 742 full-time equivalents
// and a value of 2.2–2.6 billion tenge.
import { impliedNorm } from '../../../domain/economic.ts';
import type { Lang } from '../../../domain/lang.ts';
import { say } from '../../../domain/report/narrative.ts';

export const PUBLISHED_2022 = {
  rfoHours: 1_088_387,
  unaccounted: 258_991,
  fte: 742,
  low: 2.2e9,
  high: 2.6e9,
} as const;

/** The assumption that says which norm the published 2022 FTE figure implies. */
export function publishedNormNote(lang: Lang): string {
  const p = PUBLISHED_2022;
  const hours = p.rfoHours + p.unaccounted;
  return say(lang, 'economic.seedNorm', {
    reportYear: 2022,
    fte: p.fte,
    hours,
    norm: impliedNorm(hours, p.fte),
  });
}
