// Which map a report is drawn on, and how the codes data were reported under land on it.
// `year` map: the units valid on 1 January of the year; units created during the year (the 2022
// split) have their figures added to their predecessor, so the year's map covers the same territory
// all year (the 2022 report's 17 units). `current` map: today's units; where a unit's territory changed
// during or after the year, its figures are shown as reported and flagged "not comparable": history
// cannot be divided after the fact.

export interface UnitInfo {
  code: string;
  validFrom: string | null;
  validTo: string | null;
}
export interface LineageEvent {
  predecessor: string;
  successor: string;
  date: string;
}

export interface TerritoryMap {
  map: 'year' | 'current';
  units: string[]; // codes on the map, in the given order
  /** raw code → code on the map (itself, its predecessor on a year map, its successor on a later map). */
  target: Map<string, string>;
  /** map code → raw codes whose figures it shows. */
  sources: Map<string, string[]>;
  /** map codes whose figures for this year are not comparable with the unit's territory today. */
  notComparable: Set<string>;
  /** raw codes whose figures were added to a predecessor on a year map. */
  merged: string[];
}

const onOrBefore = (a: string | null, b: string) => a === null || a <= b;
const onOrAfter = (a: string | null, b: string) => a === null || a >= b;

export function buildMap(
  units: UnitInfo[],
  lineage: LineageEvent[],
  year: number,
  map: 'year' | 'current',
): TerritoryMap {
  const start = `${year}-01-01`;
  const onMap = units.filter((u) =>
    map === 'year' ? onOrBefore(u.validFrom, start) && onOrAfter(u.validTo, start) : u.validTo === null,
  );
  const codes = onMap.map((u) => u.code);
  const on = new Set(codes);
  const target = new Map<string, string>();
  for (const c of codes) target.set(c, c);
  const merged: string[] = [];
  // Follow lineage until a unit on the map is reached (a few steps at most).
  for (const u of units) {
    if (on.has(u.code)) continue;
    let cur = u.code;
    for (let step = 0; step < 5 && !on.has(cur); step++) {
      const ev =
        map === 'year'
          ? lineage.find((l) => l.successor === cur)
          : lineage.filter((l) => l.predecessor === cur).length === 1
            ? lineage.find((l) => l.predecessor === cur)
            : undefined;
      if (!ev) break;
      cur = map === 'year' ? ev.predecessor : ev.successor;
    }
    if (on.has(cur)) {
      target.set(u.code, cur);
      merged.push(u.code);
    }
  }
  const sources = new Map<string, string[]>(codes.map((c) => [c, [] as string[]]));
  for (const [raw, t] of target) sources.get(t)?.push(raw);
  const notComparable = new Set<string>();
  if (map === 'current') {
    for (const ev of lineage) {
      if (ev.date <= start) continue; // changed before the year: the year is already on today's territory
      const a = target.get(ev.predecessor);
      const b = target.get(ev.successor);
      if (a !== b) {
        if (a) notComparable.add(a);
        if (b) notComparable.add(b);
      }
    }
  }
  return { map, units: codes, target, sources, notComparable, merged };
}

/**
 * Map units whose year-over-year change is not like with like: a lineage event after the start of
 * the previous year that the map does not absorb (both sides shown on one unit), or a unit that did
 * not exist in both years.
 */
export function changeNotComparable(
  m: TerritoryMap,
  units: UnitInfo[],
  lineage: LineageEvent[],
  year: number,
): Set<string> {
  const prevStart = `${year - 1}-01-01`;
  const end = `${year}-12-31`;
  const out = new Set<string>(m.notComparable);
  for (const ev of lineage) {
    if (ev.date <= prevStart || ev.date > end) continue;
    const a = m.target.get(ev.predecessor);
    const b = m.target.get(ev.successor);
    const absorbed = a !== undefined && a === b && ev.date > `${year}-01-01`;
    if (!absorbed) {
      if (a) out.add(a);
      if (b) out.add(b);
    }
  }
  for (const code of m.units) {
    const u = units.find((x) => x.code === code);
    if (u && !onOrBefore(u.validFrom, prevStart)) out.add(code);
  }
  return out;
}
