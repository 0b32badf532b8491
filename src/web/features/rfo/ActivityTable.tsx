// A list of activity records as a table (the month's records, the review's, an organisation's):
// each page picks its columns; the columns they share are written once here.
import type { ComponentProps } from 'react';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import { type Column, RowTable } from '../../components/RowTable.tsx';
import { formatDate, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';

export type ActivityTableColumn = Column<Activity>;

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

/** Activity records, one a row, in the columns a page picks (useActivityColumns has the common ones). */
export function ActivityTable({
  items,
  ...props
}: Omit<ComponentProps<typeof RowTable<Activity>>, 'rows' | 'rowKey'> & { items: Activity[] }) {
  return <RowTable rows={items} rowKey={(a) => a.id} {...props} />;
}
