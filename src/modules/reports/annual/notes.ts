// The remarks of the annual report as a whole: what the map merges or cannot compare, what is
// missing, provisional or unknown.
import { say } from '../../../domain/report/narrative.ts';
import type { Note } from '../reports.schemas.ts';
import { type AnnualContext, names } from './context.ts';
import type { MissingRegions } from './regions.ts';

/** The notes on the totals and the map: population, merged and non-comparable units, like with like. */
export function mapNotes(c: AnnualContext, missing: MissingRegions): Note[] {
  const { lang, ref, map, year, units } = c;
  const notes: Note[] = [];
  if (missing.population.length)
    notes.push({
      code: 'missing_population',
      figure: 'totals.populationShare',
      text: say(lang, 'note.noPopulation', { regions: names(ref, missing.population) }),
      regions: missing.population,
    });
  if (map.merged.length && c.opts.map === 'year')
    notes.push({
      code: 'merged_successors',
      figure: null,
      text: say(lang, 'note.mergedSuccessors', { year, successors: names(ref, map.merged) }),
      regions: map.merged,
    });
  if (map.notComparable.size)
    notes.push({
      code: 'not_comparable',
      figure: 'regions',
      text: say(lang, 'note.notComparable', { year, regions: names(ref, [...map.notComparable]) }),
      regions: [...map.notComparable],
    });
  const changeSkipped = units.filter((u) => c.changeExcluded.has(u));
  notes.push({
    code: 'like_with_like',
    figure: 'regions.volunteersChange',
    text: say(lang, 'note.likeWithLike', {
      prevYear: String(year - 1),
      count: units.length - changeSkipped.length,
    }),
  });
  if (changeSkipped.length)
    notes.push({
      code: 'change_not_comparable',
      figure: 'regions.volunteersChange',
      text: say(lang, 'note.changeNotComparable', { regions: names(ref, changeSkipped) }),
      regions: changeSkipped,
    });
  return notes;
}

/** The partitions a provisional report includes that are not yet accepted. */
export function provisionalPartitions(c: AnnualContext) {
  return c.opts.provisional
    ? c.data.subs
        .filter((s) => s.status === 'submitted')
        .map((s) => ({ region: s.region, period: s.period, status: s.status }))
    : [];
}

/** The closing notes: provisional data, no data at all, data of regions the map does not know. */
export function closingNotes(c: AnnualContext, provisionalCount: number): Note[] {
  const { lang, roll } = c;
  const notes: Note[] = [];
  if (provisionalCount)
    notes.push({
      code: 'provisional',
      figure: null,
      text: say(lang, 'note.provisional', { count: provisionalCount }),
    });
  if (c.noData)
    notes.push({ code: 'no_data', figure: null, text: say(lang, 'narrative.noData', { year: c.year }) });
  if (roll.unknownRegions.size)
    notes.push({
      code: 'unknown_regions',
      figure: null,
      text: say(lang, 'note.unknownRegions', { regions: [...roll.unknownRegions].join(', ') }),
      regions: [...roll.unknownRegions],
    });
  return notes;
}
