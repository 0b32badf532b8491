// A list of activity records as a table (the month's records, the review's, an organisation's):
// each page picks its columns; the columns they share are written once here, sortable by their
// heading, with the totals of the records shown (records, volunteers, hours) in the footer, and a
// search over titles, organisers, areas and notes.
import { type ComponentProps, useId, useState } from 'react';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import { type Column, RowTable } from '../../components/RowTable.tsx';
import { formatDate, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { PlatformBadge } from './PlatformParts.tsx';

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
    title: {
      key: 'title',
      head: t('fields.title'),
      // A record of the volunteer platform says so (it is read-only for the front office).
      cell: (a) =>
        a.source === 'platform' ? (
          <>
            {a.title} <PlatformBadge />
          </>
        ) : (
          a.title
        ),
      sortKey: (a) => a.title,
      total: (rows) => t('activities.totalRecords', { count: rows.length }),
    },
    organization: {
      key: 'organization',
      head: t('fields.organization'),
      cell: (a) => a.organization,
      sortKey: (a) => a.organization,
    },
    area: {
      key: 'area',
      head: t('fields.area'),
      cell: (a) => codeName(lists, 'area', a.area, lang),
      sortKey: (a) => codeName(lists, 'area', a.area, lang),
    },
    dates: {
      key: 'dates',
      head: t('rfo.dates'),
      cell: (a) => `${formatDate(a.start_date, lang)} – ${formatDate(a.end_date, lang)}`,
      sortKey: (a) => `${a.start_date} ${a.end_date}`,
    },
    volunteers: {
      key: 'volunteers',
      head: t('fields.volunteers'),
      num: true,
      cell: (a) => formatNumber(a.volunteers, lang),
      sortKey: (a) => a.volunteers,
      total: (rows) =>
        formatNumber(
          sum(rows, (a) => a.volunteers),
          lang,
        ),
    },
    hours: {
      key: 'hours',
      head: t('fields.hours'),
      num: true,
      cell: (a) => formatHours(a.hours, lang),
      sortKey: (a) => a.hours,
      total: (rows) =>
        formatHours(
          sum(rows, (a) => a.hours),
          lang,
        ),
    },
    audit: { key: 'audit', head: t('audit.link'), cell: (a) => <ActivityAuditLink a={a} /> },
  } satisfies Record<string, ActivityTableColumn>;
}

const sum = (rows: Activity[], f: (a: Activity) => number) => rows.reduce((s, a) => s + (f(a) || 0), 0);

/** Lower case without the differences a search ignores (ё/е, extra spaces). */
const fold = (s: string) => s.toLocaleLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Activity records, one a row, in the columns a page picks (useActivityColumns has the common ones). */
export function ActivityTable({
  items,
  ...props
}: Omit<ComponentProps<typeof RowTable<Activity>>, 'rows' | 'rowKey'> & { items: Activity[] }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const id = useId();
  const [q, setQ] = useState('');
  const words = fold(q).split(' ').filter(Boolean);
  const shown = words.length
    ? items.filter((a) => {
        const hay = fold(
          [
            a.title,
            a.organization,
            codeName(lists, 'area', a.area, lang),
            a.notes ?? '',
            a.external_id ?? '',
          ].join(' '),
        );
        return words.every((w) => hay.includes(w));
      })
    : items;
  return (
    <>
      {items.length ? (
        <div className="field table-search">
          <label htmlFor={`${id}-q`}>{t('activities.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            autoComplete="off"
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={`${id}-hint ${id}-found`}
          />
          <small id={`${id}-hint`} className="muted">
            {t('activities.searchHint')}
          </small>
          <small id={`${id}-found`} className="muted" role="status">
            {words.length ? t('activities.found', { count: shown.length, total: items.length }) : ''}
          </small>
        </div>
      ) : null}
      <RowTable
        rows={shown}
        rowKey={(a) => a.id}
        totalLabel={t('activities.total')}
        {...props}
        empty={words.length && !shown.length ? t('activities.noMatch') : props.empty}
      />
    </>
  );
}
