// Audit rows written in bulk, beside the bulk writers of the data they describe: one prepared insert
// a row on SQLite (inside the running transaction), COPY on PostgreSQL. Also the one text form of an
// audited value, so that an import's entries read exactly like those the API writes.
import { type BulkTx, copyRows } from './bulk.ts';

/** Text form of a value for the trail; undefined and null are both "no value". */
export function auditText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The note of every per-record entry an import writes: its batch, whose own entries say who sent which file. */
export const importNote = (importId: number) => `import_batch ${importId}`;

/** The columns of an audit row, in the order `AuditRowWriter.add` takes them. */
export const AUDIT_COLUMNS = [
  'at',
  'user_id',
  'action',
  'entity',
  'entity_id',
  'field',
  'old_value',
  'new_value',
  'note',
  'region',
  'period',
] as const;

export interface AuditRowWriter {
  /** One row, its values in AUDIT_COLUMNS order (values already in their text form). */
  add(row: unknown[]): void;
  /** Writes what is buffered (PostgreSQL); SQLite has written each row already. */
  flush(): Promise<void>;
}

export function auditRowWriter(tx: BulkTx): AuditRowWriter {
  if (tx.sqlite) {
    const insert = tx.sqlite.prepare(
      `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
    );
    return { add: (row) => void insert.run(row), flush: async () => {} };
  }
  const client = tx.pg as NonNullable<BulkTx['pg']>;
  let rows: unknown[][] = [];
  return {
    add: (row) => void rows.push(row),
    async flush() {
      if (!rows.length) return;
      const batch = rows;
      rows = [];
      await copyRows(client, 'audit_log', [...AUDIT_COLUMNS], batch);
    },
  };
}
