// What a period holds, as the review inbox compares it: each row's key with a hash of its content,
// and the period's totals. The national office's every decision (accept, return, reopen) stores it
// (submission_review, migration 011); the inbox compares the rows of now with that "before": rows
// added, changed, removed, and the totals before and after. A period never decided on has no
// "before": every row is added.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { round } from '../../domain/report/maths.ts';
import { activityRowsOf, orgCountOf, volunteerRowsOf } from './submissions.repository.ts';
import type { InboxTotals } from './submissions.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface PeriodState {
  /** key (`activity:<id>`, `volunteers:<dimension>:<category>`, `org_count`) → content hash */
  rows: Record<string, string>;
  totals: InboxTotals;
}

/** Bookkeeping columns of a record: a row whose content is the same is unchanged whatever they say. */
const NOT_CONTENT = new Set(['id', 'version', 'created_at', 'updated_at', 'import_id']);

const hash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

/** A value as the hash sees it: numbers and numeric strings alike (drivers differ), the rest as text. */
const norm = (v: unknown) =>
  v === null || v === undefined
    ? null
    : typeof v === 'number'
      ? v
      : typeof v === 'bigint'
        ? Number(v)
        : String(v);

export async function periodState(db: Db, region: string, period: string): Promise<PeriodState> {
  const kind = parsePeriod(period)?.kind ?? 'month';
  const rows: Record<string, string> = {};
  const totals: InboxTotals = {
    records: null,
    volunteers: null,
    hours: null,
    npo: null,
    initiativeGroups: null,
  };
  if (kind === 'month') {
    let volunteers = 0;
    let hours = 0;
    const acts = await activityRowsOf(db, region, period);
    for (const a of acts) {
      const content = Object.entries(a)
        .filter(([k]) => !NOT_CONTENT.has(k))
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, norm(v)]);
      rows[`activity:${a.id}`] = hash(content);
      if (a.excluded === null) {
        volunteers += Number(a.volunteers);
        hours += Number(a.hours);
      }
    }
    totals.records = acts.length;
    totals.volunteers = volunteers;
    totals.hours = round(hours, 2);
  } else {
    for (const v of await volunteerRowsOf(db, region, period)) {
      rows[`volunteers:${v.dimension}:${v.category}`] = hash(norm(v.volunteers));
      if (v.dimension === 'total') totals.volunteers = v.volunteers === null ? null : Number(v.volunteers);
    }
    const org = await orgCountOf(db, region, period);
    if (org) {
      rows.org_count = hash([norm(org.npo), norm(org.initiative_groups)]);
      totals.npo = org.npo === null ? null : Number(org.npo);
      totals.initiativeGroups = org.initiative_groups === null ? null : Number(org.initiative_groups);
    }
  }
  return { rows, totals };
}

/** Rows added, changed and removed from `before` (none: everything is added) to `after`. */
export function diffStates(before: PeriodState | null, after: PeriodState) {
  const old = before?.rows ?? {};
  let added = 0;
  let changed = 0;
  for (const [k, h] of Object.entries(after.rows)) {
    if (!(k in old)) added++;
    else if (old[k] !== h) changed++;
  }
  const removed = Object.keys(old).filter((k) => !(k in after.rows)).length;
  return { added, changed, removed };
}

/** A stored snapshot, or null when it cannot be read (then the inbox shows every row as added). */
export function parseSnapshot(text: string | null | undefined): PeriodState | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as PeriodState;
    return v && typeof v.rows === 'object' && typeof v.totals === 'object' ? v : null;
  } catch {
    return null;
  }
}
