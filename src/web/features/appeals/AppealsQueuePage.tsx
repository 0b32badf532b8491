// The staff's appeals queue (issue 13 item 1): the national office sees every appeal, a front office
// its region's; filters by status, region, overdue and "mine", newest first, with the overdue flags
// against the targets. Staff register an appeal taken by phone, e-mail, Telegram, WhatsApp or in
// person here; the appeal's page has its history and steps. One table, scrolled sideways on a phone.
import { type FormEvent, useState } from 'react';
import { isOpen, STAFF_CHANNELS } from '../../../domain/appeal-rules.ts';
import { LANGS, type Lang } from '../../../domain/lang.ts';
import type { AppealList } from '../../../modules/appeals/appeals.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatKzDateTime, formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link, navigate, setQuery, useLocation } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { type AppealDraft, AppealFields, draftBody, emptyDraft } from './AppealFields.tsx';
import { OverdueFlags, Place, STAFF_ROLES, StatusBadge } from './appealParts.tsx';

const STATUSES = ['new', 'in_progress', 'resolved', 'closed'] as const;
const PAGE = 50;

export default function AppealsQueuePage() {
  const { t } = useT();
  return (
    <RequireRole roles={STAFF_ROLES}>
      {(user) => (
        <div>
          <PageTitle sub={t('appeals.queueLead')}>{t('appeals.queueTitle')}</PageTitle>
          <p className="links">
            <Link to="/appeals/monthly">{t('appeals.monthlyLink')}</Link>
          </p>
          <Register user={user} />
          <Queue user={user} />
        </div>
      )}
    </RequireRole>
  );
}

function Queue({ user }: { user: User }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const territories = useTerritories();
  const { query } = useLocation();
  // Open appeals (new and in progress) unless another status, or all, is chosen.
  const status = query.get('status') ?? 'open';
  const region = query.get('region') ?? '';
  const overdue = query.get('overdue') === 'true';
  const mine = query.get('mine') === 'true';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const national = user.role !== 'rfo';
  const list = useApi<AppealList>('/api/appeals', {
    status: status === 'all' ? undefined : status,
    region: national ? region || undefined : undefined,
    overdue: overdue ? 'true' : undefined,
    mine: mine ? 'true' : undefined,
    limit: PAGE,
    offset,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  return (
    <section className="panel" aria-labelledby="appeals-queue">
      <h2 id="appeals-queue">{t('appeals.queue')}</h2>
      <form className="filters" aria-label={t('appeals.filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('appeals.status')}
          <select
            value={status}
            onChange={(e) =>
              setQuery({ status: e.target.value === 'open' ? null : e.target.value, offset: null })
            }
          >
            <option value="open">{t('appeals.open')}</option>
            <option value="all">{t('appeals.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {codeName(lists, 'appeal_status', s, lang)}
              </option>
            ))}
          </select>
        </label>
        {national ? (
          <label>
            {t('appeals.region')}
            <select value={region} onChange={(e) => setQuery({ region: e.target.value, offset: null })}>
              <option value="">{t('appeals.all')}</option>
              {regions.map((u) => (
                <option key={u.code} value={u.code}>
                  {localName(u, lang)}
                </option>
              ))}
              <option value="none">{t('appeals.noRegion')}</option>
            </select>
          </label>
        ) : null}
        <label className="check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setQuery({ overdue: e.target.checked ? 'true' : null, offset: null })}
          />
          {t('appeals.onlyOverdue')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={mine}
            onChange={(e) => setQuery({ mine: e.target.checked ? 'true' : null, offset: null })}
          />
          {t('appeals.onlyMine')}
        </label>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p data-testid="appeal-count">{t('appeals.count', { count: total })}</p>
          {items.length ? (
            <TableWrap>
              <table>
                <caption className="visually-hidden">{t('appeals.queue')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('appeals.number')}</th>
                    <th scope="col">{t('appeals.received')}</th>
                    <th scope="col">{t('appeals.topic')}</th>
                    <th scope="col">{t('appeals.channel')}</th>
                    <th scope="col">{t('appeals.place')}</th>
                    <th scope="col">{t('appeals.status')}</th>
                    <th scope="col">{t('appeals.assignee')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id} data-testid="appeal-row">
                      <th scope="row">
                        <Link to={`/appeals/${a.id}`}>{a.reference}</Link>
                      </th>
                      <td>{formatKzDateTime(a.receivedAt, lang)}</td>
                      <td>{codeName(lists, 'appeal_topic', a.topic, lang)}</td>
                      <td>{codeName(lists, 'appeal_channel', a.channel, lang)}</td>
                      <td>
                        <Place a={a} />
                      </td>
                      <td>
                        <StatusBadge status={a.status} /> <OverdueFlags overdue={a.overdue} />
                      </td>
                      <td>{a.assignee?.name ?? (isOpen(a.status) ? t('appeals.nobody') : '—')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p className="muted">{t('appeals.none')}</p>
          )}
          {total > PAGE ? (
            <nav className="actions" aria-label={t('appeals.pages')}>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset === 0}
                onClick={() => setQuery({ offset: String(Math.max(0, offset - PAGE)) })}
              >
                {t('appeals.previous')}
              </button>
              <span>
                {t('appeals.range', {
                  from: formatNumber(offset + 1, lang),
                  to: formatNumber(Math.min(total, offset + PAGE), lang),
                })}
              </span>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset + PAGE >= total}
                onClick={() => setQuery({ offset: String(offset + PAGE) })}
              >
                {t('appeals.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The staff's registration of an appeal taken by phone, e-mail, a messenger or in person. */
function Register({ user }: { user: User }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<AppealDraft>(() => ({
    ...emptyDraft(),
    region: user.role === 'rfo' ? (user.region ?? '') : '',
  }));
  const [channel, setChannel] = useState<string>('phone');
  const [receivedAt, setReceivedAt] = useState('');
  const [applicantLang, setApplicantLang] = useState<Lang>(lang);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const rfo = user.role === 'rfo';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { id } = await post<{ id: number }>('/api/appeals', {
        ...draftBody(draft),
        channel,
        lang: applicantLang,
        ...(receivedAt ? { receivedAt: new Date(receivedAt).toISOString() } : {}),
      });
      navigate(`/appeals/${id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!open)
    return (
      <p>
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          {t('appeals.register')}
        </button>
      </p>
    );
  return (
    <form className="panel appeal-form" onSubmit={(e) => void submit(e)} aria-labelledby="appeal-register">
      <h2 id="appeal-register">{t('appeals.register')}</h2>
      <Field label={t('appeals.channel')}>
        {(p) => (
          <select {...p} name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            {STAFF_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {codeName(lists, 'appeal_channel', c, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('appeals.receivedAt')} hint={t('appeals.receivedAtHint')}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            name="receivedAt"
            value={receivedAt}
            onChange={(e) => setReceivedAt(e.target.value)}
          />
        )}
      </Field>
      <AppealFields
        draft={draft}
        onChange={setDraft}
        staff
        {...(rfo ? { regions: user.region ? [user.region] : [], abroad: false } : {})}
      />
      <Field label={t('appeals.language')}>
        {(p) => (
          <select
            {...p}
            name="lang"
            value={applicantLang}
            onChange={(e) => setApplicantLang(e.target.value as Lang)}
          >
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('appeals.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
