// A table of rows of one kind: a header of columns, a row per item, and a line for "none". The
// columns say how a cell is written; figures are right-aligned and a naming cell is a row header.
// A column with a sort key sorts the rows by it when its heading is pressed (again: the other way),
// and a column with a total gets a footer line of totals.
import { type ComponentProps, type ReactNode, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { TableWrap } from './TableWrap.tsx';

export interface Column<T> {
  key: string;
  head: ReactNode;
  cell(row: T): ReactNode;
  /** Figures: right-aligned. */
  num?: boolean;
  /** The cell that names the row (a row header). */
  rowHeader?: boolean;
  /** What the rows sort by in this column (its heading then sorts them). */
  sortKey?(row: T): string | number;
  /** The column's total over the rows shown, in the footer. */
  total?(rows: T[]): ReactNode;
}

type Sort = { key: string; dir: 'ascending' | 'descending' } | null;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type RowProps = ComponentProps<'tr'> & { [data: `data-${string}`]: string | number | undefined };

export function RowTable<T>({
  caption,
  rows,
  rowKey,
  columns,
  empty = null,
  rowProps,
  testId,
  totalLabel,
}: {
  caption: ReactNode;
  rows: T[];
  rowKey(row: T): string | number;
  columns: Column<T>[];
  /** Shown in a line of its own when there are no rows (null: nothing). */
  empty?: ReactNode;
  rowProps?: (row: T) => RowProps;
  testId?: string;
  /** The footer's first cell, when a column has a total. */
  totalLabel?: ReactNode;
}) {
  const { t } = useT();
  const [sort, setSort] = useState<Sort>(null);
  const by = sort ? columns.find((c) => c.key === sort.key)?.sortKey : undefined;
  const shown =
    sort && by
      ? [...rows].sort((a, b) => {
          const x = by(a);
          const y = by(b);
          const c =
            typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
          return sort.dir === 'ascending' ? c : -c;
        })
      : rows;
  const totals = columns.some((c) => c.total);
  return (
    <TableWrap>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.num ? 'num' : undefined}
                aria-sort={sort?.key === c.key ? sort.dir : undefined}
              >
                {c.sortKey ? (
                  <button
                    type="button"
                    className="btn-link sort-button"
                    title={t('common.sortBy')}
                    onClick={() =>
                      setSort(
                        sort?.key === c.key && sort.dir === 'ascending'
                          ? { key: c.key, dir: 'descending' }
                          : { key: c.key, dir: 'ascending' },
                      )
                    }
                  >
                    {c.head}
                    <span aria-hidden="true">
                      {sort?.key === c.key ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ' ⇅'}
                    </span>
                  </button>
                ) : (
                  c.head
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
          {!rows.length && empty ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : null}
        </tbody>
        {totals && rows.length ? (
          <tfoot>
            <tr>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row">
                    {c.total ? c.total(rows) : totalLabel}
                  </th>
                ) : (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.total ? c.total(rows) : null}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}
