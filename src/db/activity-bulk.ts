// The bulk writer of activity rows, one per dialect: raw better-sqlite3 prepared statements on
// SQLite, COPY into a temporary table then one upsert on PostgreSQL (a million rows through Kysely
// one by one would take minutes). Both insert new rows, update changed ones (a new version), leave
// the same ones alone and say which rows moved to another month. Run inside a bulkTransaction.
import { ACTIVITY_STORED_FIELDS, type ActivityInput } from '../domain/activity-rules.ts';
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

export interface ActivityWriter {
  /** Writes the rows and adds their counts to `parts` (rows, inserted, updated, moved out). */
  write(
    rows: BulkActivityRow[],
    parts: PartitionCounter,
  ): Promise<{ inserted: number; updated: number; moved: { region: string; period: string }[] }>;
}

/** The columns an import writes (besides the key), compared to tell a changed row. */
const ACTIVITY_DATA = ['period', 'organization_id', ...ACTIVITY_STORED_FIELDS] as const;
const ACTIVITY_INSERT = ['region', 'row_key', ...ACTIVITY_DATA, 'import_id', 'created_at', 'updated_at'];

export function activityWriter(tx: BulkTx, now: string, importId: number): ActivityWriter {
  return tx.sqlite ? sqliteActivityWriter(tx, now, importId) : pgActivityWriter(tx, now, importId);
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

function upsertSql(dialect: 'sqlite' | 'postgres', source: string): string {
  const distinct = dialect === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
  return (
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) ${source} ` +
    `ON CONFLICT (region, row_key) DO UPDATE SET ${ACTIVITY_DATA.map((c) => `${c} = excluded.${c}`).join(', ')}, ` +
    'import_id = excluded.import_id, version = activity.version + 1, updated_at = excluded.updated_at ' +
    `WHERE ${ACTIVITY_DATA.map((c) => `activity.${c} ${distinct} excluded.${c}`).join(' OR ')} RETURNING version`
  );
}

function sqliteActivityWriter(tx: BulkTx, now: string, importId: number): ActivityWriter {
  const sqlite = tx.sqlite as NonNullable<BulkTx['sqlite']>;
  const params = ACTIVITY_INSERT.map(() => '?').join(', ');
  // A new row (the common case of a bulk load) costs one plain insert; only a row whose key is
  // already stored goes on to the compare-and-update upsert.
  const insert = sqlite.prepare(
    `INSERT INTO activity (${ACTIVITY_INSERT.join(', ')}) VALUES (${params}) ON CONFLICT (region, row_key) DO NOTHING`,
  );
  const upsert = sqlite.prepare(upsertSql('sqlite', `VALUES (${params})`)).pluck();
  const oldPeriod = sqlite.prepare('SELECT period FROM activity WHERE region = ? AND row_key = ?').pluck();
  return {
    async write(rows, parts) {
      let inserted = 0;
      let updated = 0;
      const moved: { region: string; period: string }[] = [];
      const row: unknown[] = new Array(ACTIVITY_INSERT.length);
      for (const r of rows) {
        fillValues(row, r, importId, now);
        const part = parts.get(r.v.region, r.v.period);
        part.rows++;
        if (insert.run(row).changes === 1) {
          inserted++;
          part.inserted++;
          continue;
        }
        // Only rows keyed by an external id can move to another month (a content key includes it).
        if (!r.key.startsWith('h:')) {
          const before = oldPeriod.get(r.v.region, r.key) as string | undefined;
          if (before !== undefined && before !== r.v.period) {
            moved.push({ region: r.v.region, period: before });
            parts.get(r.v.region, before).movedOut++;
          }
        }
        // The upsert returns the new version when the row changed, nothing when it was the same.
        if (upsert.get(row) !== undefined) {
          updated++;
          part.updated++;
        }
      }
      return { inserted, updated, moved };
    },
  };
}

function pgActivityWriter(tx: BulkTx, now: string, importId: number): ActivityWriter {
  const client = tx.pg as NonNullable<BulkTx['pg']>;
  let created = false;
  return {
    async write(rows, parts) {
      if (!created) {
        await client.query(
          `CREATE TEMP TABLE _import_activity ON COMMIT DROP AS SELECT ${ACTIVITY_INSERT.join(', ')} FROM activity WITH NO DATA`,
        );
        created = true;
      }
      await copyRows(
        client,
        '_import_activity',
        ACTIVITY_INSERT,
        rows.map((r) => fillValues(new Array(ACTIVITY_INSERT.length), r, importId, now)),
      );
      const moved = await client.query<{ region: string; period: string; n: number }>(
        'SELECT a.region, a.period, count(*)::int AS n FROM activity a JOIN _import_activity t ON a.region = t.region AND a.row_key = t.row_key WHERE a.period <> t.period GROUP BY a.region, a.period',
      );
      const res = await client.query<{ region: string; period: string; inserted: number; changed: number }>(
        `WITH up AS (${upsertSql('postgres', `SELECT ${ACTIVITY_INSERT.join(', ')} FROM _import_activity`)}, region, period) ` +
          'SELECT region, period, count(*) FILTER (WHERE version = 1)::int AS inserted, count(*)::int AS changed FROM up GROUP BY region, period',
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
      for (const m of moved.rows) parts.get(m.region, m.period).movedOut += m.n;
      return { inserted, updated, moved: moved.rows.map((m) => ({ region: m.region, period: m.period })) };
    },
  };
}
