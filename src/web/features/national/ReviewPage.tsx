// Reviewing a region's submission: its figures beside the region's earlier months of the year, the
// hours by area, the excluded records by reason, the activity records with outliers and excluded
// rows marked (by words and background, never colour alone), the volunteers and organisation counts
// of the period, and accept or return with a comment; an accepted month is reopened with a reason.
// The comment and the reason are required: the region must know what to fix. Every step asks for
// confirmation in a dialog that says what will happen.
import { type FormEvent, useEffect, useState } from 'react';
import type { OrgCounts, VolunteerStocks } from '../../../modules/stocks/stocks.schemas.ts';
import type { Review } from '../../../modules/submissions/submissions.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ReturnStatusBadge, statusOfReturn } from '../../components/ReturnStatus.tsx';
import { RowTable } from '../../components/RowTable.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { get, post } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatHours, formatNumber } from '../../lib/format.ts';
import { codeLabel, monthName, useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ActivityTable, useActivityColumns } from '../rfo/ActivityTable.tsx';
import { conflictCode, useActivities } from '../rfo/api.ts';
import { Duplicates, duplicateIds, PlatformNotes, SecondSource } from '../rfo/PlatformParts.tsx';
import { usePeriodLabel } from '../rfo/periodLabel.ts';
import { CheckItems } from '../rfo/SubmitChecks.tsx';
import { Thread } from './Thread.tsx';

/** A table of named rows of figures: the first column names, the others are numbers. */
function FigureTable({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: [string, ...string[]];
  rows: { key: string; name: string; figures: string[] }[];
  testId?: string;
}) {
  const [first, ...rest] = head;
  return (
    <RowTable
      testId={testId}
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'name', head: first, rowHeader: true, cell: (r) => r.name },
        ...rest.map((h, i) => ({
          key: String(i),
          head: h,
          num: true,
          cell: (r: (typeof rows)[number]) => r.figures[i],
        })),
      ]}
    />
  );
}

type Step = 'accept' | 'return' | 'reopen';
/** The API's bound on a reopening reason (REOPEN_REASON_MAX of submissions.schemas.ts; the web imports types only). */
const REOPEN_REASON_MAX = 2000;

function Decision({
  review,
  region,
  period,
  subject,
  onChange,
}: {
  review: Review;
  region: string;
  period: string;
  /** The region and period in words ("Almaty city, March 2023"): what the dialogs ask about. */
  subject: string;
  onChange(): void;
}) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [asking, setAsking] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const s = review.submission;

  /** Opens the confirmation; a return needs its comment first (the region must know what to fix). */
  const ask = (step: Step, e?: FormEvent) => {
    e?.preventDefault();
    if (step === 'return' && !comment.trim()) {
      setCommentError(t('review.commentRequired'));
      document.querySelector<HTMLElement>('textarea[name=comment]')?.focus();
      return;
    }
    setCommentError(null);
    setReasonError(null);
    setAsking(step);
  };

  const decide = async (step: Step) => {
    if (step === 'reopen' && !reason.trim()) {
      setReasonError(t('review.reasonRequired'));
      document.querySelector<HTMLElement>('textarea[name=reason]')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await post(`/api/submissions/${region}/${period}/${step}`, {
        version: s.version,
        ...(step === 'return' ? { comment: comment.trim() } : {}),
        ...(step === 'reopen' ? { reason: reason.trim() } : {}),
      });
      setDone(
        t(step === 'accept' ? 'review.accepted' : step === 'return' ? 'review.returned' : 'review.reopened'),
      );
      setComment('');
      setReason('');
    } catch (err) {
      // Another reviewer acted first, or the region changed it: show the current state and say so.
      if (conflictCode(err)) setDone(t('rfo.changedMeanwhile'));
      else setError(err);
    } finally {
      setBusy(false);
      setAsking(null);
    }
    onChange();
  };

  return (
    <>
      {done ? (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {s.status === 'submitted' ? (
        <form onSubmit={(e) => ask('return', e)} className="decide">
          <Field label={t('review.comment')} error={commentError} hint={t('review.commentHint')}>
            {(p) => (
              <textarea
                {...p}
                name="comment"
                maxLength={4000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="button" className="btn" onClick={() => ask('accept')}>
              {t('review.accept')}
            </button>
            <button type="submit" className="btn btn-danger">
              {t('review.return')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="muted">{t(`review.state.${s.status}`)}</p>
          {s.status === 'accepted' ? (
            <div className="actions">
              <button type="button" className="btn btn-danger" onClick={() => ask('reopen')}>
                {t('review.reopen')}
              </button>
            </div>
          ) : null}
        </>
      )}
      {asking ? (
        <ConfirmDialog
          title={t(`review.confirm.${asking}.title`, { subject })}
          text={t(`review.confirm.${asking}.text`)}
          confirm={t(
            asking === 'accept' ? 'review.accept' : asking === 'return' ? 'review.return' : 'review.reopen',
          )}
          danger={asking !== 'accept'}
          busy={busy}
          onConfirm={() => void decide(asking)}
          onCancel={() => setAsking(null)}
        >
          {asking === 'reopen' ? (
            <Field label={t('review.reason')} error={reasonError} hint={t('review.reasonHint')}>
              {(p) => (
                <textarea
                  {...p}
                  name="reason"
                  aria-required="true"
                  maxLength={REOPEN_REASON_MAX}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** The period's stocks, read-only: what the region reported for volunteers and organisations. */
function Stocks({ region, period }: { region: string; period: string }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const [vol, setVol] = useState<VolunteerStocks | null>(null);
  const [org, setOrg] = useState<OrgCounts | null>(null);
  useEffect(() => {
    get<VolunteerStocks>(`/api/volunteers/${region}/${period}`)
      .then(setVol)
      .catch(() => setVol(null));
    if (/^\d{4}(-\d{2})?$/.test(period))
      get<OrgCounts>(`/api/org-counts/${region}/${period}`)
        .then(setOrg)
        .catch(() => setOrg(null));
  }, [region, period]);
  const rows = vol?.rows ?? [];
  if (!rows.length && org?.npo == null && org?.initiativeGroups == null) return null;
  const label = (d: string, c: string) =>
    d === 'total'
      ? t('volunteers.total')
      : `${codeLabel(t, 'volunteers.dim', d)}: ${codeName(lists, d, c, lang)}`;
  return (
    <section className="panel" aria-labelledby="rev-stocks">
      <h2 id="rev-stocks">{t('review.stocks')}</h2>
      <TableWrap>
        <table>
          <caption>{t('review.stocksCaption')}</caption>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.dimension}|${r.category}`}>
                <th scope="row">{label(r.dimension, r.category)}</th>
                <td className="num">{formatNumber(r.volunteers, lang)}</td>
              </tr>
            ))}
            {org ? (
              <>
                <tr>
                  <th scope="row">{t('orgCounts.npo')}</th>
                  <td className="num">{formatNumber(org.npo, lang)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('orgCounts.initiativeGroups')}</th>
                  <td className="num">{formatNumber(org.initiativeGroups, lang)}</td>
                </tr>
              </>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function ReviewView({ region, period }: { region: string; period: string }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const label = usePeriodLabel();
  const rev = useApi<Review>(`/api/submissions/${region}/${period}`);
  const acts = useActivities(region, period);
  const cols = useActivityColumns();
  const r = rev.data;
  const s = r?.submission;
  const list = acts.data ?? [];
  const outliers = new Map((r?.outliers ?? []).map((o) => [o.id, o]));
  const monthly = /^\d{4}-\d{2}$/.test(period);
  const dups = duplicateIds(r?.platform);
  // The earlier months: a month without a submission has nothing reported ("–"), not zero.
  const columns = r
    ? [
        ...r.previous.map((p) => ({ ...p, reported: p.status !== null })),
        { period, status: r.submission.status, reported: true, ...r.totals },
      ]
    : [];
  const metric = (k: 'events' | 'volunteers' | 'hours') => (c: (typeof columns)[number]) => {
    const v = c[k];
    return c.reported && v !== null ? (k === 'hours' ? formatHours(v, lang) : formatNumber(v, lang)) : '–';
  };

  return (
    <div>
      <PageTitle>
        {t('review.title')}: {territoryName(territories, region, lang)} · {label(period)}
      </PageTitle>
      <p>
        <Link to={`/national?year=${period.slice(0, 4)}`}>← {t('review.backToMatrix')}</Link>
      </p>
      <ErrorBox error={rev.error} />
      {rev.loading && !r ? <Loading /> : null}
      {r && s ? (
        <section className="panel" aria-labelledby="rev-status">
          <h2 id="rev-status">{t('rfo.submission')}</h2>
          <p>
            <ReturnStatusBadge status={statusOfReturn(s.period, s)} /> · {t('rfo.deadline')}:{' '}
            {formatDate(s.deadline, lang)}
            {s.lastSubmittedAt
              ? ` · ${t('rfo.submittedAt')}: ${formatDateTime(s.lastSubmittedAt, lang)}`
              : ''}
            {s.submittedAt && s.lastSubmittedAt && s.submittedAt !== s.lastSubmittedAt
              ? ` (${t('inbox.firstSubmittedAt', { date: formatDateTime(s.submittedAt, lang) })})`
              : ''}
            {s.reviewedAt ? ` · ${t('review.reviewedAt')}: ${formatDateTime(s.reviewedAt, lang)}` : ''}
          </p>
          <PlatformNotes p={r.platform} />
          {s.status === 'returned' && s.returnComment ? (
            <p className="alert alert-warning">
              <strong>{t('rfo.returnComment')}:</strong> {s.returnComment}
            </p>
          ) : null}
          {s.status !== 'draft' && r.submitted.nothingToReport ? (
            <p className="alert alert-info" data-testid="nothing-to-report">
              {t('checks.nothingToReportShown')}
            </p>
          ) : null}
          {s.status !== 'draft' && r.submitted.confirmedWarnings.length > 0 ? (
            <div className="alert alert-warning">
              <strong>{t('checks.confirmedWarnings')}</strong>
              <CheckItems items={r.submitted.confirmedWarnings} testId="confirmed-warnings" />
            </div>
          ) : null}
          <ul className="links">
            {s.id !== null ? (
              <li>
                <Link to={`/audit?entity=submission&entityId=${s.id}`}>{t('audit.submissionLink')}</Link>
              </li>
            ) : null}
            <li>
              <Link to={`/audit?region=${region}&period=${period}`}>{t('audit.regionPeriodLink')}</Link>
            </li>
          </ul>
          <Decision
            review={r}
            region={region}
            period={period}
            subject={`${territoryName(territories, region, lang)}, ${label(period)}`}
            onChange={rev.reload}
          />
        </section>
      ) : null}
      {s ? <Thread region={region} period={period} refresh={s.version} /> : null}
      {r && monthly ? (
        <section className="panel" aria-labelledby="rev-figures">
          <h2 id="rev-figures">{t('review.figures')}</h2>
          <TableWrap>
            <table data-testid="review-figures">
              <caption>{t('review.figuresCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.metric')}</th>
                  {columns.map((c) => (
                    <th
                      key={c.period}
                      scope="col"
                      className="num"
                      aria-current={c.period === period ? 'true' : undefined}
                    >
                      {c.period === period ? (
                        <strong>{monthName(t, Number(c.period.slice(5)), 'short')}</strong>
                      ) : (
                        monthName(t, Number(c.period.slice(5)), 'short')
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(['events', 'volunteers', 'hours'] as const).map((k) => (
                  <tr key={k}>
                    <th scope="row">{t(`review.metrics.${k}`)}</th>
                    {columns.map((c) => (
                      <td key={c.period} className="num">
                        {metric(k)(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {r.totals.byArea.length ? (
            <FigureTable
              caption={t('review.byArea')}
              head={[
                t('fields.area'),
                t('review.metrics.events'),
                t('review.metrics.volunteers'),
                t('review.metrics.hours'),
              ]}
              rows={r.totals.byArea.map((a) => ({
                key: a.area,
                name: codeName(lists, 'area', a.area, lang),
                figures: [
                  formatNumber(a.events, lang),
                  formatNumber(a.volunteers, lang),
                  formatHours(a.hours, lang),
                ],
              }))}
            />
          ) : null}
          {r.excluded.length ? (
            <FigureTable
              testId="review-excluded"
              caption={t('review.excludedCaption')}
              head={[
                t('fields.excluded'),
                t('review.records'),
                t('review.metrics.volunteers'),
                t('review.metrics.hours'),
              ]}
              rows={r.excluded.map((x) => ({
                key: x.reason,
                name: codeName(lists, 'exclusion_reason', x.reason, lang),
                figures: [
                  formatNumber(x.records, lang),
                  formatNumber(x.volunteers, lang),
                  formatHours(x.hours, lang),
                ],
              }))}
            />
          ) : null}
        </section>
      ) : null}
      <Stocks region={region} period={period} />
      {r && monthly ? <SecondSource p={r.platform} /> : null}
      {r && monthly ? <Duplicates p={r.platform} canResolve={false} onChange={rev.reload} /> : null}
      {monthly ? (
        <section className="panel" aria-labelledby="rev-rows">
          <h2 id="rev-rows">{t('review.rows')}</h2>
          <p className="muted">{t('review.rowsLegend')}</p>
          {outliers.size ? (
            <p className="alert alert-warning" data-testid="outlier-count">
              {t('review.outlierCount', { count: outliers.size })}
            </p>
          ) : null}
          <ErrorBox error={acts.error} />
          {acts.loading && !acts.data ? <Loading /> : null}
          <ActivityTable
            testId="review-rows"
            caption={`${t('activity.listCaption')} (${formatNumber(list.length, lang)})`}
            // Flagged rows first: they are what the reviewer has to look at.
            items={[...list].sort(
              (a, b) =>
                Number(outliers.has(b.id)) - Number(outliers.has(a.id)) ||
                Number(!!b.excluded) - Number(!!a.excluded),
            )}
            rowProps={(a) => {
              const flag = a.excluded ? 'excluded' : outliers.has(a.id) ? 'outlier' : undefined;
              return { className: flag ? `row-${flag}` : undefined, 'data-flag': flag };
            }}
            empty={acts.loading ? null : t('activity.none')}
            columns={[
              {
                key: 'flag',
                head: t('review.flag'),
                cell: (a) => {
                  const o = outliers.get(a.id);
                  return a.excluded
                    ? `${t('review.excluded')}: ${codeName(lists, 'exclusion_reason', a.excluded, lang)}`
                    : o
                      ? `${t('review.outlier')}: ${t('review.outlierWhy', {
                          z: formatNumber(Math.max(Math.abs(o.zMonth ?? 0), Math.abs(o.zYear ?? 0)), lang, 1),
                        })}`
                      : dups.has(a.id)
                        ? t('platformStats.duplicates.flag')
                        : '';
                },
              },
              cols.title,
              cols.organization,
              cols.area,
              cols.volunteers,
              cols.hours,
              {
                key: 'perVolunteer',
                head: t('review.hoursPerVolunteer'),
                num: true,
                cell: (a) => (a.volunteers ? formatNumber(a.hours / a.volunteers, lang, 1) : '–'),
              },
              cols.audit,
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

export default function ReviewPage({ region, period }: { region: string; period: string }) {
  return (
    <RequireRole roles={['national_admin', 'national_analyst']}>
      {() => <ReviewView key={`${region}/${period}`} region={region} period={period} />}
    </RequireRole>
  );
}
