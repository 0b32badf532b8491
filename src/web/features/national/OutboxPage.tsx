// The e-mail outbox (GET /api/outbox), for the national admin: what the system queued, sent or gave
// up on. Without a mail server (SMTP_URL unset) this page is where the messages are read; with one,
// it shows what is waiting for a retry and why the last attempt failed. Newest first, by status.
import { useState } from 'react';
import type { OutboxMessage } from '../../../modules/outbox/outbox.schemas.ts';
import { OUTBOX_STATUSES } from '../../../modules/outbox/outbox.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';

const PAGE = 100;
type Status = (typeof OUTBOX_STATUSES)[number];
const isStatus = (s: string | null): s is Status => (OUTBOX_STATUSES as readonly string[]).includes(s ?? '');

function Message({ id }: { id: number }) {
  const { t, lang } = useT();
  const m = useApi<OutboxMessage>(`/api/outbox/${id}`);
  if (m.loading) return <Loading />;
  if (!m.data) return <ErrorBox error={m.error} />;
  const d = m.data;
  return (
    <article className="panel" data-testid="outbox-message" aria-labelledby="outbox-subject">
      <h2 id="outbox-subject">{d.subject}</h2>
      <dl className="facts">
        <dt>{t('outbox.to')}</dt>
        <dd>{d.to}</dd>
        <dt>{t('outbox.status')}</dt>
        <dd>{t(`outbox.statuses.${d.status}`)}</dd>
        <dt>{t('outbox.created')}</dt>
        <dd>{formatDateTime(d.createdAt, lang)}</dd>
        <dt>{d.sentAt ? t('outbox.sent') : t('outbox.next')}</dt>
        <dd>{formatDateTime(d.sentAt ?? d.nextAttemptAt, lang)}</dd>
        <dt>{t('outbox.attempts')}</dt>
        <dd>{d.attempts}</dd>
        {d.lastError ? (
          <>
            <dt>{t('outbox.lastError')}</dt>
            <dd>
              <code>{d.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {/* The body as written: React escapes it, so markup a user typed stays text. */}
      <pre className="mail-body" lang={d.lang}>
        {d.body}
      </pre>
      <p>
        <Link to="/national/outbox">{t('outbox.back')}</Link>
      </p>
    </article>
  );
}

function List() {
  const { t, lang } = useT();
  const { query } = useLocation();
  const raw = query.get('status');
  const status = isStatus(raw) ? raw : '';
  const [pages, setPages] = useState(1);
  const list = useApi<OutboxMessage[]>('/api/outbox', { status, limit: PAGE * pages });
  const rows = list.data ?? [];
  return (
    <>
      <form className="filters" aria-label={t('outbox.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('outbox.status')}>
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => {
                setPages(1);
                navigate(e.target.value ? `/national/outbox?status=${e.target.value}` : '/national/outbox');
              }}
            >
              <option value="">{t('common.all')}</option>
              {OUTBOX_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`outbox.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <TableWrap>
          <table data-testid="outbox-table">
            <caption>{t('outbox.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.created')}</th>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col" className="num">
                  {t('outbox.attempts')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{formatDateTime(m.createdAt, lang)}</td>
                  <td>
                    <Link to={`/national/outbox?id=${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{m.to}</td>
                  <td>
                    <span className={`badge badge-outbox-${m.status}`}>
                      {t(`outbox.statuses.${m.status}`)}
                    </span>
                    {m.lastError ? (
                      <>
                        <br />
                        <small>{m.lastError}</small>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {rows.length === PAGE * pages ? (
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => setPages(pages + 1)}>
            {t('outbox.more')}
          </button>
        </div>
      ) : null}
    </>
  );
}

export default function OutboxPage() {
  const { t } = useT();
  const { query } = useLocation();
  const id = Number(query.get('id'));
  return (
    <RequireRole roles={['national_admin']}>
      {() => (
        <>
          <PageTitle sub={t('outbox.lead')}>{t('outbox.title')}</PageTitle>
          {Number.isInteger(id) && id > 0 ? <Message id={id} /> : <List />}
        </>
      )}
    </RequireRole>
  );
}
