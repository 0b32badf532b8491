// A table of rows of one kind: a header of columns, a row per item, and a line for "none". The
// columns say how a cell is written; figures are right-aligned and a naming cell is a row header.
import type { ComponentProps, ReactNode } from 'react';
import { TableWrap } from './TableWrap.tsx';

export interface Column<T> {
  key: string;
  head: ReactNode;
  cell(row: T): ReactNode;
  /** Figures: right-aligned. */
  num?: boolean;
  /** The cell that names the row (a row header). */
  rowHeader?: boolean;
}

export type RowProps = ComponentProps<'tr'> & { [data: `data-${string}`]: string | number | undefined };

export function RowTable<T>({
  caption,
  rows,
  rowKey,
  columns,
  empty = null,
  rowProps,
  testId,
}: {
  caption: ReactNode;
  rows: T[];
  rowKey(row: T): string | number;
  columns: Column<T>[];
  /** Shown in a line of its own when there are no rows (null: nothing). */
  empty?: ReactNode;
  rowProps?: (row: T) => RowProps;
  testId?: string;
}) {
  return (
    <TableWrap>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.num ? 'num' : undefined}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
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
      </table>
    </TableWrap>
  );
}
