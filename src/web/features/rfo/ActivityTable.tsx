// A list of activity records as a table (the month's records, the review's, an organisation's):
// each page picks its columns; the columns they share are written once here.
import type { ComponentProps, ReactNode } from 'react';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatDate, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';

export interface ActivityTableColumn {
  key: string;
  head: ReactNode;
  cell(a: Activity): ReactNode;
  /** Figures: right-aligned. */
  num?: boolean;
  /** The cell that names the row (a row header). */
  rowHeader?: boolean;
}

type RowProps = ComponentProps<'tr'> & { [data: `data-${string}`]: string | number | undefined };

/** The link to a record's history. */
export function ActivityAuditLink({ a }: { a: Activity }) {
  const { t } = useT();
  return (
    <Link to={`/audit?entity=activity&entityId=${a.id}`} aria-label={`${t('audit.link')}: ${a.title}`}>
      {t('audit.link')}
    </Link>
  );
}

/** The columns the lists share, in the reader's language. */
export function useActivityColumns() {
  const { t, lang } = useT();
  const lists = useCodeLists();
  return {
    title: { key: 'title', head: t('fields.title'), cell: (a) => a.title },
    organization: { key: 'organization', head: t('fields.organization'), cell: (a) => a.organization },
    area: { key: 'area', head: t('fields.area'), cell: (a) => codeName(lists, 'area', a.area, lang) },
    dates: {
      key: 'dates',
      head: t('rfo.dates'),
      cell: (a) => `${formatDate(a.start_date, lang)} – ${formatDate(a.end_date, lang)}`,
    },
    volunteers: {
      key: 'volunteers',
      head: t('fields.volunteers'),
      num: true,
      cell: (a) => formatNumber(a.volunteers, lang),
    },
    hours: { key: 'hours', head: t('fields.hours'), num: true, cell: (a) => formatHours(a.hours, lang) },
    audit: { key: 'audit', head: t('audit.link'), cell: (a) => <ActivityAuditLink a={a} /> },
  } satisfies Record<string, ActivityTableColumn>;
}

export function ActivityTable({
  caption,
  items,
  columns,
  empty,
  rowProps,
  testId,
}: {
  caption: ReactNode;
  items: Activity[];
  columns: ActivityTableColumn[];
  /** Shown in a row of its own when there are no records (null: nothing). */
  empty: ReactNode;
  rowProps?: (a: Activity) => RowProps;
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
          {items.map((a) => (
            <tr key={a.id} {...rowProps?.(a)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row">
                    {c.cell(a)}
                  </th>
                ) : (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.cell(a)}
                  </td>
                ),
              )}
            </tr>
          ))}
          {!items.length && empty ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableWrap>
  );
}
