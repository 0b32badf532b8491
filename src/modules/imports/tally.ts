// What an import counts: the file's totals, and the same by region and period, which the audit
// trail records one entry each (RFO staff read the trail of their own region's data).

export interface Counts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  importId: number;
  /** The same counts by the region and period of the rows: one audit entry each. */
  parts: PartTally;
}

export interface PartCounts {
  region: string | null;
  period: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows (keyed by an external id) that moved from this period to another one. */
  movedOut: number;
}

export const emptyCounts = (importId: number): Counts => ({
  rows: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  importId,
  parts: new PartTally(),
});

/** Counts by (region, period): what the audit trail of an import says for each region's data. */
export class PartTally {
  private readonly map = new Map<string, PartCounts>();
  private last: PartCounts | null = null;
  get(region: string | null, period: string | null): PartCounts {
    const l = this.last;
    if (l && l.region === region && l.period === period) return l;
    const key = `${region ?? ''}|${period ?? ''}`;
    let c = this.map.get(key);
    if (!c) {
      c = { region, period, rows: 0, inserted: 0, updated: 0, unchanged: 0, movedOut: 0 };
      this.map.set(key, c);
    }
    this.last = c;
    return c;
  }
  all(): PartCounts[] {
    for (const c of this.map.values()) c.unchanged = c.rows - c.inserted - c.updated;
    return [...this.map.values()].sort(
      (a, b) =>
        (a.region ?? '').localeCompare(b.region ?? '') || (a.period ?? '').localeCompare(b.period ?? ''),
    );
  }
}
