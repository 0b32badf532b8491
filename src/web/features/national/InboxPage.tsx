// The national office's review inbox (issue 10 item 3): the submissions waiting for review, the
// longest waiting first, each with its region, period, latest submission time, what changed since
// the last decision on it (rows added / changed / removed, totals before and after) and the size
// of its conversation; each links to its review. Several are accepted at once, all or none, after
// a confirmation naming them: if one changed since the list was loaded, nothing is accepted and
// the page says which one.
import { useState } from 'react';
import type { InboxItem, InboxTotals } from '../../../modules/submissions/submissions.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, post } from '../../lib/api.ts';
import { formatDateTime, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { usePeriodLabel } from '../rfo/periodLabel.ts';

const METRICS = ['records', 'volunteers', 'hours', 'npo', 'initiativeGroups'] as const;
const keyOf = (i: { region: string; period: string }) => `${i.region}|${i.period}`;

function InboxView() {
  const { t, lang } = useT();
  const territories = useTerritories();
  const label = usePeriodLabel();
  const inbox = useApi<InboxItem[]>('/api/submissions/inbox');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const items = inbox.data ?? [];
  const subject = (i: { region: string; period: string }) =>
    `${territoryName(territories, i.region, lang)}, ${label(i.period)}`;
  const chosen = items.filter((i) => picked.has(keyOf(i)));

  const toggle = (k: string, on: boolean) =>
    setPicked((s) => {
      const n = new Set(s);
      if (on) n.add(k);
      else n.delete(k);
      return n;
    });
  const allOn = items.length > 0 && chosen.length === items.length;

  const figure = (k: (typeof METRICS)[number], v: number | null | undefined) =>
    v === null || v === undefined ? '–' : k === 'hours' ? formatHours(v, lang) : formatNumber(v, lang);
  const totals = (before: InboxTotals | null, after: InboxTotals) =>
    METRICS.filter((k) => after[k] !== null || (before && before[k] !== null)).map((k) => (
      <li key={k}>
        {t(`inbox.metrics.${k}`)}: {before ? `${figure(k, before[k])} → ` : ''}
        {figure(k, after[k])}
      </li>
    ));

  const accept = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const r = await post<{ accepted: unknown[] }>('/api/submissions/accept', {
        items: chosen.map((i) => ({ region: i.region, period: i.period, version: i.version })),
      });
      setMessage({ kind: 'success', text: t('inbox.accepted', { n: r.accepted.length }) });
      setPicked(new Set());
    } catch (err) {
      const d = err instanceof ApiError && err.status === 409 ? (err.details[0] as unknown) : null;
      const named = d as { region?: string; period?: string } | null;
      if (named?.region && named.period)
        setMessage({
          kind: 'warning',
          text: t('inbox.stale', { subject: subject({ region: named.region, period: named.period }) }),
        });
      else setError(err);
    } finally {
      setBusy(false);
      setAsking(false);
    }
    inbox.reload();
  };

  return (
    <div>
      <PageTitle sub={t('inbox.lead')}>{t('inbox.title')}</PageTitle>
      {message ? (
        <p className={`alert alert-${message.kind}`} role="status">
          {message.text}
        </p>
      ) : null}
      <ErrorBox error={error} />
      <ErrorBox error={inbox.error} />
      {inbox.loading && !inbox.data ? <Loading /> : null}
      {inbox.data && items.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      {items.length ? (
        <>
          <div className="actions">
            <button
              type="button"
              className="btn"
              aria-disabled={chosen.length === 0 ? 'true' : undefined}
              onClick={() => {
                if (chosen.length === 0) setMessage({ kind: 'warning', text: t('inbox.noneSelected') });
                else setAsking(true);
              }}
            >
              {t('inbox.acceptSelected', { n: chosen.length })}
            </button>
          </div>
          <TableWrap>
            <table data-testid="inbox">
              <caption>{t('inbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('inbox.selectAll')}
                      checked={allOn}
                      onChange={(e) => setPicked(e.target.checked ? new Set(items.map(keyOf)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('inbox.region')}</th>
                  <th scope="col">{t('inbox.period')}</th>
                  <th scope="col">{t('inbox.submittedAt')}</th>
                  <th scope="col">{t('inbox.changes')}</th>
                  <th scope="col">{t('inbox.totals')}</th>
                  <th scope="col" className="num">
                    {t('inbox.comments')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const k = keyOf(i);
                  const c = i.changes;
                  return (
                    <tr key={k} data-testid="inbox-row" data-key={k}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('inbox.select', { subject: subject(i) })}
                          checked={picked.has(k)}
                          onChange={(e) => toggle(k, e.target.checked)}
                        />
                      </td>
                      <th scope="row">
                        <Link to={`/national/review/${i.region}/${i.period}`}>
                          {territoryName(territories, i.region, lang)}
                        </Link>
                      </th>
                      <td>
                        {label(i.period)} <small className="muted">({t(`inbox.kind.${i.kind}`)})</small>
                      </td>
                      <td>
                        <time dateTime={i.submittedAt ?? undefined}>
                          {formatDateTime(i.submittedAt, lang)}
                        </time>
                        {i.firstSubmittedAt && i.firstSubmittedAt !== i.submittedAt ? (
                          <>
                            <br />
                            <small className="muted">
                              {t('inbox.firstSubmittedAt', {
                                date: formatDateTime(i.firstSubmittedAt, lang),
                              })}
                            </small>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {i.lastReview === null ? (
                          t('inbox.firstSubmission', { n: c.added })
                        ) : (
                          <>
                            <ul className="inbox-changes">
                              {c.added + c.changed + c.removed === 0 ? <li>{t('inbox.unchanged')}</li> : null}
                              {c.added ? <li>{t('inbox.added', { n: c.added })}</li> : null}
                              {c.changed ? <li>{t('inbox.changed', { n: c.changed })}</li> : null}
                              {c.removed ? <li>{t('inbox.removed', { n: c.removed })}</li> : null}
                            </ul>
                            <small className="muted">
                              {t('inbox.lastReview', {
                                action: t(`inbox.actions.${i.lastReview.action as 'accept'}`),
                                date: formatDateTime(i.lastReview.at, lang),
                              })}
                            </small>
                          </>
                        )}
                      </td>
                      <td>
                        <ul className="inbox-changes">{totals(i.totals.before, i.totals.after)}</ul>
                      </td>
                      <td className="num">{formatNumber(i.comments, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={t('inbox.confirmTitle', { n: chosen.length })}
          text={t('inbox.confirmText', { items: chosen.map(subject).join('; ') })}
          confirm={t('inbox.acceptSelected', { n: chosen.length })}
          busy={busy}
          onConfirm={() => void accept()}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </div>
  );
}

export default function InboxPage() {
  return <RequireRole roles={['national_admin', 'national_analyst']}>{() => <InboxView />}</RequireRole>;
}
