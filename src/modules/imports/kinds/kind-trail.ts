// The audit trail of the smaller kinds' imports (issue 9, defect 2): every row an import inserts or
// changes gets the entries the API writes for the same change (same entity, id, field, old and new
// text, region and period, user), their note naming the batch; an unchanged row gets none. Written
// through the bulk audit writer (db/audit-bulk.ts): a prepared insert on SQLite, one COPY on
// PostgreSQL.
import { type AuditRowWriter, auditRowWriter, auditText, importNote } from '../../../db/audit-bulk.ts';
import type { ImportContext } from '../context.ts';

type Value = Record<string, unknown>;

/** How the API audits a kind's rows. */
export interface KindAudit {
  entity: string;
  /** The row's id in the trail, as the API writes it. */
  entityId(v: Value): string;
  /**
   * A new row's entries: one per figure, as the stocks API writes them (`given`: only the figures
   * that are not blank, as for organisation counts), or one entry holding the row as inserted, as
   * the reference API writes it.
   */
  created: { figures: string[]; given?: boolean } | 'row';
  /**
   * Regional data (stocks): entries carry the row's region and period, so that the region's staff
   * read them. National data (reference statistics, appeals) carries neither, as the API's entries.
   */
  regional?: boolean;
}

/** A changed column: its name, stored value and new value. */
export type Change = [column: string, old: unknown, next: unknown];

export class KindTrail {
  private readonly writer: AuditRowWriter;
  private readonly userId: number | null;
  private readonly note: string;

  constructor(
    ctx: ImportContext,
    private readonly spec: KindAudit,
    private readonly now: string,
  ) {
    this.writer = auditRowWriter(ctx.tx);
    this.userId = ctx.opts.user?.id ?? null;
    this.note = importNote(ctx.importId);
  }

  /** A new row: `row` is what was inserted. */
  created(row: Value): void {
    const c = this.spec.created;
    if (c === 'row') {
      this.add('create', row, null, null, JSON.stringify(row));
      return;
    }
    for (const f of c.figures) {
      if (c.given && (row[f] === null || row[f] === undefined)) continue;
      this.add('create', row, f, null, row[f]);
    }
  }

  /** A changed row: one entry per changed column. */
  changed(row: Value, changes: Change[]): void {
    for (const [column, old, next] of changes) this.add('update', row, column, old, next);
  }

  /** Writes what the PostgreSQL writer buffered (SQLite has written each entry already). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  private add(action: string, row: Value, field: string | null, old: unknown, next: unknown): void {
    const regional = !!this.spec.regional;
    this.writer.add([
      this.now,
      this.userId,
      action,
      this.spec.entity,
      this.spec.entityId(row),
      field,
      auditText(old),
      auditText(next),
      this.note,
      regional ? (row.region ?? null) : null,
      regional ? (row.period ?? null) : null,
    ]);
  }
}
