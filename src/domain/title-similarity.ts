// Whether two activity titles name the same event (DOMAIN.md §7, probable duplicates between a row
// derived from the platform and one the front office entered): the overlap of their words after
// normalising case, ё/е, quotes and punctuation, in Cyrillic (Kazakh and Russian) and Latin alike.
// Short words and the commonest function words are left out, and a word matches another that
// starts with the same five letters, so that «субботник» and «субботника», «акция» and «акции» meet.

/** Words that say nothing about which event a title names. */
const STOP_WORDS = new Set([
  // ru
  'и',
  'в',
  'во',
  'на',
  'по',
  'для',
  'с',
  'со',
  'к',
  'от',
  'до',
  'из',
  'за',
  'о',
  'об',
  'при',
  'the',
  'and',
  'of',
  'for',
  'in',
  'on',
  'at',
  'to',
  'a',
  'an',
  // kk
  'мен',
  'және',
  'бен',
  'пен',
  'үшін',
]);

/** The words of a title that can tell it apart: lower case, ё as е, letters and digits only. */
export function titleWords(title: string): string[] {
  const words = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return [...new Set(words)];
}

/** A word's stem for matching: its first five letters (enough to meet the forms of one word). */
const stem = (w: string) => (w.length > 5 ? w.slice(0, 5) : w);

/**
 * The similarity of two titles, 0 to 1: the words (by stem) they share over the words of the
 * shorter one, so that "Субботник" and "Городской субботник в парке" are alike (1), and two titles
 * with no word in common are not (0). 0 when either has no word that counts.
 */
export function titleSimilarity(a: string, b: string): number {
  const sa = new Set(titleWords(a).map(stem));
  const sb = new Set(titleWords(b).map(stem));
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared++;
  return shared / Math.min(sa.size, sb.size);
}

/** From this similarity on, two titles are taken as naming the same event. */
export const SIMILAR_TITLES = 0.5;

export const similarTitles = (a: string, b: string) => titleSimilarity(a, b) >= SIMILAR_TITLES;

/** Whether two date ranges (YYYY-MM-DD, inclusive) share at least a day. */
export const datesOverlap = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  a.start <= b.end && b.start <= a.end;
