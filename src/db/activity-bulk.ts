// The bulk writer of activity rows, one per dialect: raw better-sqlite3 prepared statements on
// SQLite, COPY into a temporary table then one upsert on PostgreSQL (a million rows through Kysely
// one by one would take minutes). Both insert new rows, update changed ones (a new version), leave
// the same ones alone and say which rows moved to another month. Run inside a bulkTransaction.
//
// Two duties besides the rows themselves:
// - A record leaves its month only when the caller agrees (`leaving`): the month it leaves must be
//   open and in the actor's scope just like the month it goes to (a closed month's published
//   figures would change otherwise). Asked before the record is written; false stops the writer.
// - Every record written is audited as the API audits it (db/audit-bulk.ts): a changed record gets
//   one entry per changed field, old and new value, who and when; a new record one compact
//   'create' entry (its values are the record's own, or the old values of its later changes).
//   Both name the batch in their note. New records' entries are made by the database from the
//   rows just inserted (INSERT … SELECT), so a million-row load sends no extra row from here.
import { ACTIVITY_STORED_FIELDS, type ActivityInput } from '../domain/activity-rules.ts';
import { AUDIT_COLUMNS, type AuditRowWriter, auditRowWriter, auditText, importNote } from './audit-bulk.ts';
import { type BulkTx, copyRows } from './bulk.ts';

/** A validated row with its key and organisation. */
export interface BulkActivityRow {
  v: ActivityInput;
  key: string;
  /** 0 until the organisation is looked up or created. */
  orgId: number;
}

/** The counts of one region's month, which the writer adds to. */
export interface PartitionCounts {
  rows: number;
  inserted: number;
  updated: number;
  /** Rows (keyed by an external id) that moved from this period to another one. */
  movedOut: number;
}

export interface PartitionCounter {
  get(region: string, period: string): PartitionCounts;
}

export interface WriteHooks {
  /**
   * Whether records may move out of (region, period) to another period; `key` is the row key of
   * the first one. Asked once or more per partition before any of its records moves; false stops
   * the writer (the caller then rolls the whole transaction back).
   */
  leaving(region: string, period: string, key: string): Promise<boolean>;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  /** The partitions records moved out of (their aggregates change too). */
  moved: { region: string; period: string }[];
  /** True when `leaving` refused: the rows were not all written. */
  stopped: boolean;
}

export interface ActivityWriter {
  /** Writes the rows and adds their counts to `parts` (rows, inserted, updated, moved out). */
  write(rows: BulkActivityRow[], parts: PartitionCounter, hooks: WriteHooks): Promise<WriteResult>;
}

export interface WriterOptions {
  /** The time of the import: the records' created_at / updated_at and the audit entries' time. */
  now: string;
  importId: number;
  /** Who imports (null: the command line), for the audit trail. */
  userId: number | null;
}

/** The columns an import writes (besides the key), compared to tell a changed row. */
const ACTIVITY_DATA = ['period', 'organization_id', ...ACTIVITY_STORED_FIELDS] as const;
const ACTIVITY_INSERT = ['region', 'row_key', ...ACTIVITY_DATA, 'import_id', 'created_at', 'updated_at'];
/** Where ACTIVITY_DATA starts in a row of ACTIVITY_INSERT values. */
const DATA_AT = 2;

export function activityWriter(tx: BulkTx, opts: WriterOptions): ActivityWriter {
  return tx.sqlite ? sqliteActivityWriter(tx, opts) : pgActivityWriter(tx, opts);
}

/** The values in ACTIVITY_INSERT order, written into `out` (on SQLite one array serves every row). */
function fillValues(out: unknown[], r: BulkActivityRow, importId: number, now: string): unknown[] {
  const v = r.v;
  out[0] = v.region;
  out[1] = r.key;
  out[2] = v.period;
  out[3] = r.orgId;
  let i = 4;
  for (const f of ACTIVITY_STORED_FIELDS) out[i++] = v[f];
  out[i++] = importId;
  out[i++] = now;
  out[i] = now;
  return out;
}

/**
 * The fields (indexes into ACTIVITY_DATA) whose text differs between a stored record (`old` from
 * `oldAt`) and a row of the file (`next` from `nextAt`): what the trail compares, so an entry is
 * never written for a value that reads the same.
 */
function changedFields(old: unknown[], oldAt: number, next: unknown[], nextAt: number): number[] {
  const changed: number[] = [];
  for (let i = 0; i < ACTIVITY_DATA.length; i++) {
    const a = old[oldAt + i];
    const b = next[nextAt + i];
    if (a !== b && auditText(a) !== auditText(b)) changed.push(i);
  }
  return changed;
}

/** The API's entries for a changed record: one per field, with the record's new region and period. */
function auditChanged(
  audit: AuditRowWriter,
  o: WriterOptions,
  id: unknown,
  fields: number[],
  old: unknown[],
  oldAt: number,
  next: unknown[],
) {
  const region = next[0];
  const period = next[DATA_AT];
  for (const i of fields) {
    audit.add([
      o.now,
      o.userId,
      'update',
      'activity',
      String(id),
      ACTIVITY_DATA[i],
      auditText(old[oldAt + i]),
      auditText(next[DATA_AT + i]),
      importNote(o.importId),
      region,
      period,
    ]);
  }
}

/** Consecutive ids, as ranges: the new records of a chunk, whose 'create' entries are made at once. */
class IdRanges {
  readonly ranges: [number, number][] = [];
  add(id: number) {
    const last = this.ranges[this.ranges.length - 1];
    if (last && last[1] === id - 1) last[1] = id;
    else this.ranges.push([id, id]);
  }
}

function sqliteActivityWriter(tx: BulkTx, o: WriterOptions): ActivityWriter {
  const sqlite = tx.sqlite as NonNullable<BulkTx['sqlite']>;
  const params = ACTIVITY_INSERT.map(() => '?').join(', ');
  // A new row (the common case of a bulk load) costs one plain insert; only a row whose key is
  // already stored is read back, compared and, when it changed, updated by its id.
  const insert = sqlite.prepare(
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) VALUES (${params}) ON CONFLICT (region, row_key) DO NOTHING`,
  );
  const update = sqlite.prepare(
    `UPDATE activity SET ${ACTIVITY_DATA.map((c) => `${c} = ?`).join(', ')}, ` +
      'import_id = ?, version = version + 1, updated_at = ? WHERE id = ?',
  );
  const updateValues: unknown[] = new Array(ACTIVITY_DATA.length + 3);
  const stored = sqlite
    .prepare(`SELECT id, ${ACTIVITY_DATA.join(', ')} FROM activity WHERE region = ? AND row_key = ?`)
    .raw();
  const created = sqlite.prepare(
    `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
      "SELECT ?, ?, 'create', 'activity', CAST(id AS TEXT), NULL, NULL, NULL, ?, region, period " +
      'FROM activity WHERE id BETWEEN ? AND ? ORDER BY id',
  );
  const audit = auditRowWriter(tx);
  const note = importNote(o.importId);
  return {
    async write(rows, parts, hooks) {
      let inserted = 0;
      let updated = 0;
      const moved: { region: string; period: string }[] = [];
      const newIds = new IdRanges();
      const row: unknown[] = new Array(ACTIVITY_INSERT.length);
      const done = (stopped: boolean): WriteResult => {
        for (const [from, to] of newIds.ranges) created.run(o.now, o.userId, note, from, to);
        return { inserted, updated, moved, stopped };
      };
      for (const r of rows) {
        fillValues(row, r, o.importId, o.now);
        const part = parts.get(r.v.region, r.v.period);
        part.rows++;
        const ins = insert.run(row);
        if (ins.changes === 1) {
          inserted++;
          part.inserted++;
          newIds.add(Number(ins.lastInsertRowid));
          continue;
        }
        const old = stored.get(r.v.region, r.key) as unknown[];
        const fields = changedFields(old, 1, row, DATA_AT);
        if (fields.length === 0) continue;
        // Any key can move: an external id, and a content key sent back as external_id by an export.
        const before = old[1] as string;
        if (before !== r.v.period) {
          if (!(await hooks.leaving(r.v.region, before, r.key))) return done(true);
          moved.push({ region: r.v.region, period: before });
          parts.get(r.v.region, before).movedOut++;
        }
        const n = ACTIVITY_DATA.length;
        for (let i = 0; i < n; i++) updateValues[i] = row[DATA_AT + i];
        updateValues[n] = o.importId;
        updateValues[n + 1] = o.now;
        updateValues[n + 2] = old[0];
        update.run(updateValues);
        updated++;
        part.updated++;
        auditChanged(audit, o, old[0], fields, old, 1, row);
      }
      return done(false);
    },
  };
}

function pgActivityWriter(tx: BulkTx, o: WriterOptions): ActivityWriter {
  const client = tx.pg as NonNullable<BulkTx['pg']>;
  const audit = auditRowWriter(tx);
  let created = false;
  /** Partitions `leaving` agreed to (and so locked, see ensureOpenSubmission) in this import. */
  const leavable = new Set<string>();
  // The stored values of the records the file changes: [id, region, row_key, ...ACTIVITY_DATA].
  const changedSql =
    `SELECT a.id, a.region, a.row_key, ${ACTIVITY_DATA.map((c) => `a.${c}`).join(', ')} ` +
    'FROM activity a JOIN _import_activity t ON a.region = t.region AND a.row_key = t.row_key ' +
    `WHERE ${ACTIVITY_DATA.map((c) => `a.${c} IS DISTINCT FROM t.${c}`).join(' OR ')}`;
  const OLD_AT = 3;
  // The upsert (a changed row gets a new version, the same one is left alone), the new records'
  // 'create' entries (made from its RETURNING), and the counts by month.
  const upsert =
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) SELECT ${ACTIVITY_INSERT.join(', ')} FROM _import_activity ` +
    `ON CONFLICT (region, row_key) DO UPDATE SET ${ACTIVITY_DATA.map((c) => `${c} = excluded.${c}`).join(', ')}, ` +
    'import_id = excluded.import_id, version = activity.version + 1, updated_at = excluded.updated_at ' +
    `WHERE ${ACTIVITY_DATA.map((c) => `activity.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ')} ` +
    'RETURNING id, version, region, period';
  const upsertAndCount =
    `WITH up AS (${upsert}), ` +
    `created AS (INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) ` +
    "SELECT $1, $2::integer, 'create', 'activity', id::text, NULL, NULL, NULL, $3, region, period FROM up WHERE version = 1) " +
    'SELECT region, period, count(*) FILTER (WHERE version = 1)::int AS inserted, count(*)::int AS changed FROM up GROUP BY region, period';
  return {
    async write(rows, parts, hooks) {
      if (!created) {
        await client.query(
          `CREATE TEMP TABLE _import_activity ON COMMIT DROP AS SELECT ${ACTIVITY_INSERT.join(', ')} FROM activity WITH NO DATA`,
        );
        created = true;
      }
      const values = rows.map((r) => fillValues(new Array(ACTIVITY_INSERT.length), r, o.importId, o.now));
      await copyRows(client, '_import_activity', ACTIVITY_INSERT, values);
      // The file's row of a stored record (indexed only when some record changes: a load of new rows
      // pays nothing for it).
      let byKey: Map<string, unknown[]> | null = null;
      const nextOf = (old: unknown[]) => {
        if (!byKey) {
          byKey = new Map();
          for (const v of values) byKey.set(`${v[0]}\u0001${v[1]}`, v);
        }
        return byKey.get(`${old[1]}\u0001${old[2]}`) as unknown[];
      };
      // The records that move, read again once their old months are locked: a concurrent write
      // may have moved one meanwhile (into a month not yet asked about).
      let changed: unknown[][];
      for (;;) {
        changed = (await client.query<unknown[]>({ text: changedSql, rowMode: 'array' })).rows;
        let asked = false;
        for (const old of changed) {
          const next = nextOf(old);
          const pk = `${old[1]}|${old[OLD_AT]}`;
          if (old[OLD_AT] === next[DATA_AT] || leavable.has(pk)) continue;
          if (!(await hooks.leaving(old[1] as string, old[OLD_AT] as string, old[2] as string))) {
            await client.query('TRUNCATE _import_activity');
            return { inserted: 0, updated: 0, moved: [], stopped: true };
          }
          leavable.add(pk);
          asked = true;
        }
        if (!asked) break;
      }
      const res = await client.query<{ region: string; period: string; inserted: number; changed: number }>(
        upsertAndCount,
        [o.now, o.userId, importNote(o.importId)],
      );
      await client.query('TRUNCATE _import_activity');
      for (const r of rows) parts.get(r.v.region, r.v.period).rows++;
      let inserted = 0;
      let updated = 0;
      for (const r of res.rows) {
        const part = parts.get(r.region, r.period);
        part.inserted += r.inserted;
        part.updated += r.changed - r.inserted;
        inserted += r.inserted;
        updated += r.changed - r.inserted;
      }
      const moved: { region: string; period: string }[] = [];
      for (const old of changed) {
        const next = nextOf(old);
        if (old[OLD_AT] !== next[DATA_AT]) {
          moved.push({ region: old[1] as string, period: old[OLD_AT] as string });
          parts.get(old[1] as string, old[OLD_AT] as string).movedOut++;
        }
        auditChanged(audit, o, old[0], changedFields(old, OLD_AT, next, DATA_AT), old, OLD_AT, next);
      }
      await audit.flush();
      return { inserted, updated, moved, stopped: false };
    },
  };
}
