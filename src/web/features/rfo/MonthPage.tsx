// One region's submission for a period: a month (activity records, file import, and the month's
// volunteers and organisation counts when the region keeps them monthly), a half-year (volunteers)
// or a year (volunteers and organisation counts). The status, the national office's comment when
// returned, and submitting for review (after a confirmation saying what it does).
import { useState } from 'react';
import { parsePeriod } from '../../../domain/periods.ts';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import type { PlatformReview } from '../../../modules/platform-stats/platform-stats.schemas.ts';
import type { Checks, Review, Submission } from '../../../modules/submissions/submissions.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Forbidden, RequireRole } from '../../components/RequireRole.tsx';
import { ReturnStatusBadge, statusOfReturn } from '../../components/ReturnStatus.tsx';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, del, get, post } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Thread } from '../national/Thread.tsx';
import { ActivityForm } from './ActivityForm.tsx';
import { ActivityAuditLink, ActivityTable, useActivityColumns } from './ActivityTable.tsx';
import { conflictCode, useActivities } from './api.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { Duplicates, duplicateIds, PlatformBadge, PlatformNotes, TitleWithBadges } from './PlatformParts.tsx';
import { usePeriodLabel } from './periodLabel.ts';
import { OrgCountsForm, VolunteersForm } from './StocksForms.tsx';
import { SubmitChecks } from './SubmitChecks.tsx';
import type { FileKind } from './Templates.tsx';

type Tab = 'activities' | 'import' | 'volunteers' | 'organizations';
type Kind = 'month' | 'half' | 'year';

/** What a period collects (DOMAIN.md §3): activities are monthly; organisation counts per month or year. */
const TABS: Record<Kind, Tab[]> = {
  month: ['activities', 'import', 'volunteers', 'organizations'],
  half: ['volunteers', 'import'],
  year: ['volunteers', 'organizations', 'import'],
};
const IMPORTS: Record<Kind, FileKind[]> = {
  month: ['activities', 'volunteers', 'organizations'],
  half: ['volunteers'],
  year: ['volunteers', 'organizations'],
};

function SubmissionBar({
  sub,
  region,
  period,
  subject,
  nothingToReport,
  onChange,
}: {
  sub: Submission;
  /** Handed in as "nothing to report" at its last submit. */
  nothingToReport: boolean;
  region: string;
  period: string;
  /** The region and period in words: what the confirmation asks about. */
  subject: string;
  onChange(): void;
}) {
  const { t, lang } = useT();
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  // The checks before submitting: read when the officer asks to submit, shown in the confirmation.
  const [checks, setChecks] = useState<Checks | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [nothing, setNothing] = useState(false);
  const canSubmit = sub.status === 'draft' || sub.status === 'returned';
  const loadChecks = async () => {
    setCheckError(null);
    try {
      setChecks(await get<Checks>(`/api/submissions/${region}/${period}/checks`));
    } catch (e) {
      setCheckError(e);
    }
  };
  const ask = () => {
    setChecks(null);
    setConfirmed(false);
    setNothing(false);
    setAsking(true);
    void loadChecks();
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    let keepOpen = false;
    try {
      await post(`/api/submissions/${region}/${period}/submit`, {
        version: sub.version,
        ...(checks?.warnings.some((w) => w.rule !== 'empty_month' && w.rule !== 'empty_stocks') && confirmed
          ? { confirmWarnings: true }
          : {}),
        ...(checks?.empty && nothing ? { nothingToReport: true } : {}),
      });
      setNote(t('rfo.submitted'));
      onChange();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : null;
      if (
        code === 'checks_failed' ||
        code === 'warnings_unconfirmed' ||
        code === 'nothing_to_report_required' ||
        code === 'nothing_to_report_not_empty'
      ) {
        // The data changed since the checks were read: show the new list, ask again.
        keepOpen = true;
        setCheckError(e);
        setConfirmed(false);
        setNothing(false);
        await loadChecks();
      } else if (conflictCode(e)) {
        // Someone acted on the submission meanwhile: show its current state and say so.
        setNote(t('rfo.changedMeanwhile'));
        onChange();
      } else setError(e);
    } finally {
      setBusy(false);
      if (!keepOpen) setAsking(false);
    }
  };
  return (
    <section className="panel submission-bar" aria-labelledby="sub-title">
      <h2 id="sub-title">{t('rfo.submission')}</h2>
      <p>
        <ReturnStatusBadge status={statusOfReturn(period, sub)} /> · {t('rfo.deadline')}:{' '}
        {formatDate(sub.deadline, lang)}
        {sub.submittedAt ? ` · ${t('rfo.submittedAt')}: ${formatDateTime(sub.submittedAt, lang)}` : ''}
      </p>
      {sub.status !== 'draft' && nothingToReport ? (
        <p className="muted" data-testid="nothing-to-report">
          {t('checks.nothingToReportShown')}
        </p>
      ) : null}
      {sub.status === 'returned' && sub.returnComment ? (
        <div className="alert alert-warning" data-testid="return-comment">
          <strong>{t('rfo.returnComment')}:</strong> {sub.returnComment}
        </div>
      ) : null}
      <ErrorBox error={error} />
      {note ? (
        <p className="alert alert-info" role="status">
          {note}
        </p>
      ) : null}
      {canSubmit ? (
        <button type="button" className="btn" onClick={ask} disabled={busy}>
          {sub.status === 'returned' ? t('rfo.resubmit') : t('rfo.submit')}
        </button>
      ) : (
        <p className="muted">{t(`rfo.locked.${sub.status}`)}</p>
      )}
      {asking ? (
        <ConfirmDialog
          title={t('rfo.confirmSubmit.title', { subject })}
          text={t('rfo.confirmSubmit.text')}
          confirm={sub.status === 'returned' ? t('rfo.resubmit') : t('rfo.submit')}
          busy={busy || !checks || checks.blocking.length > 0}
          onConfirm={() => void submit()}
          onCancel={() => setAsking(false)}
        >
          {checkError ? <CheckErrorText error={checkError} /> : null}
          {checks ? (
            <SubmitChecks
              checks={checks}
              monthly={parsePeriod(period)?.kind === 'month'}
              confirmed={confirmed}
              nothing={nothing}
              onConfirmed={setConfirmed}
              onNothing={setNothing}
            />
          ) : (
            <p className="muted">{t('checks.loading')}</p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** A refused submit or an unreadable check list, in the interface's language when its code is known. */
function CheckErrorText({ error }: { error: unknown }) {
  const { t } = useT();
  if (error instanceof ApiError && error.code) {
    const text = t(`errors.codes.${error.code}`, { defaultValue: '' });
    if (text)
      return (
        <p className="alert alert-error" role="alert">
          {text}
        </p>
      );
  }
  return <ErrorBox error={error} />;
}

function ActivitiesTab({
  region,
  period,
  readOnly,
  platform,
  onChange,
}: {
  region: string;
  period: string;
  readOnly: boolean;
  /** The volunteer platform's part of the month (its records, probable duplicates). */
  platform: PlatformReview | undefined;
  onChange(): void;
}) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const acts = useActivities(region, period);
  const cols = useActivityColumns();
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [delError, setDelError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (a: Activity | 'new') => {
    setSaved(null);
    setEditing(a);
  };
  const list = acts.data ?? [];
  const duplicates = duplicateIds(platform);
  const reload = () => {
    acts.reload();
    onChange();
  };
  const remove = async (a: Activity) => {
    if (!window.confirm(t('activity.confirmDelete', { title: a.title }))) return;
    setDelError(null);
    try {
      await del(`/api/activities/${a.id}`, { version: a.version });
      setSaved(t('activities.deleted', { title: a.title }));
    } catch (e) {
      setDelError(e);
    }
    reload();
  };
  return (
    <>
      {editing && territories && lists ? (
        <ActivityForm
          key={editing === 'new' ? 'new' : editing.id}
          region={region}
          period={period}
          editing={editing === 'new' ? null : editing}
          readOnly={readOnly || (editing !== 'new' && editing.source === 'platform')}
          territories={territories}
          lists={lists}
          onSaved={() => {
            setSaved(t('activities.saved'));
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : !readOnly ? (
        <button type="button" className="btn" data-testid="add-activity" onClick={() => open('new')}>
          {t('activity.add')}
        </button>
      ) : null}
      {saved ? (
        <p className="alert alert-success" role="status" data-testid="activity-saved">
          {saved}
        </p>
      ) : null}
      <ErrorBox error={acts.error ?? delError} />
      {acts.loading && !acts.data ? <Loading /> : null}
      {platform ? (
        <Duplicates
          p={platform}
          canResolve
          canDelete={!readOnly}
          onChange={() => {
            reload();
          }}
        />
      ) : null}
      {list.some((a) => a.source === 'platform') ? (
        <p className="muted" data-testid="platform-readonly">
          <PlatformBadge /> {t('platformStats.readOnly')}
        </p>
      ) : null}
      <ActivityTable
        testId="activity-table"
        caption={`${t('activity.listCaption')} (${formatNumber(list.length, lang)})`}
        items={list}
        rowProps={(a) => ({
          className: a.excluded ? 'row-excluded' : undefined,
          'data-activity': a.id,
          'data-source': a.source,
        })}
        empty={acts.loading ? null : t('activity.none')}
        columns={[
          {
            ...cols.title,
            cell: (a) => (
              <TitleWithBadges
                a={a}
                duplicate={duplicates.has(a.id)}
                text={
                  a.excluded
                    ? `${a.title} (${t('review.excluded')}: ${codeName(lists, 'exclusion_reason', a.excluded, lang)})`
                    : a.title
                }
              />
            ),
          },
          cols.organization,
          cols.area,
          cols.dates,
          cols.volunteers,
          cols.hours,
          {
            key: 'actions',
            head: t('common.actions'),
            cell: (a) => (
              <>
                {readOnly || a.source === 'platform' ? (
                  <>
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => open(a)}
                      aria-label={`${t('activities.view')}: ${a.title}`}
                    >
                      {t('activities.view')}
                    </button>{' '}
                  </>
                ) : (
                  <>
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => open(a)}
                      aria-label={`${t('common.edit')}: ${a.title}`}
                    >
                      {t('common.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => void remove(a)}
                      aria-label={`${t('common.delete')}: ${a.title}`}
                    >
                      {t('common.delete')}
                    </button>{' '}
                  </>
                )}
                <ActivityAuditLink a={a} />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function PeriodView({ region, period, kind }: { region: string; period: string; kind: Kind }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const label = usePeriodLabel();
  const tabs = TABS[kind];
  const [tab, setTab] = useState<Tab>(tabs[0] as Tab);
  const review = useApi<Review>(`/api/submissions/${region}/${period}`);
  const sub = review.data?.submission ?? null;
  const readOnly = sub?.status === 'submitted' || sub?.status === 'accepted';
  const year = period.slice(0, 4);

  return (
    <div>
      <PageTitle>
        {territoryName(territories, region, lang)} · {label(period)}
      </PageTitle>
      <p>
        <Link to={`/rfo?year=${year}&region=${region}`}>← {t('rfo.backToYear')}</Link>
      </p>
      <ErrorBox error={review.error} />
      {sub ? (
        <SubmissionBar
          sub={sub}
          region={region}
          period={period}
          subject={`${territoryName(territories, region, lang)}, ${label(period)}`}
          nothingToReport={review.data?.submitted.nothingToReport ?? false}
          onChange={review.reload}
        />
      ) : review.loading ? (
        <Loading />
      ) : null}
      {review.data ? <PlatformNotes p={review.data.platform} /> : null}
      <div role="tablist" className="tabs" aria-label={t('rfo.sections')}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}
            onKeyDown={(e) => {
              const i = tabs.indexOf(tab);
              const next =
                e.key === 'ArrowRight'
                  ? tabs[(i + 1) % tabs.length]
                  : e.key === 'ArrowLeft'
                    ? tabs[(i + tabs.length - 1) % tabs.length]
                    : e.key === 'Home'
                      ? tabs[0]
                      : e.key === 'End'
                        ? tabs[tabs.length - 1]
                        : undefined;
              if (next) {
                e.preventDefault();
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
          >
            {t(`rfo.tab.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'activities' ? (
          <ActivitiesTab
            region={region}
            period={period}
            readOnly={readOnly}
            platform={review.data?.platform}
            onChange={review.reload}
          />
        ) : null}
        {tab === 'import' ? (
          readOnly && sub ? (
            <p className="muted">{t(`rfo.locked.${sub.status}`)}</p>
          ) : (
            IMPORTS[kind].map((k) => (
              <ImportPanel
                key={k}
                kind={k}
                period={kind === 'month' ? period : undefined}
                onSaved={review.reload}
              />
            ))
          )
        ) : null}
        {tab === 'volunteers' ? (
          lists && territories ? (
            <VolunteersForm
              region={region}
              period={period}
              lists={lists}
              territories={territories}
              readOnly={readOnly}
            />
          ) : (
            <Loading />
          )
        ) : null}
        {tab === 'organizations' ? (
          <OrgCountsForm region={region} period={period} readOnly={readOnly} />
        ) : null}
      </div>
      <Thread region={region} period={period} refresh={sub?.version} />
    </div>
  );
}

export default function MonthPage({ region, period }: { region: string; period: string }) {
  const p = parsePeriod(period);
  return (
    <RequireRole roles={['rfo', 'national_admin']}>
      {(user) =>
        !p || p.text !== period || !/^[A-Z]{2}-\d{1,3}$/.test(region) ? (
          <NotFound />
        ) : user.role === 'rfo' && user.region !== region ? (
          <Forbidden />
        ) : (
          <PeriodView key={`${region}/${period}`} region={region} period={period} kind={p.kind} />
        )
      }
    </RequireRole>
  );
}

function NotFound() {
  const { t } = useT();
  return (
    <div>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/rfo">{t('rfo.backToYear')}</Link>
      </p>
    </div>
  );
}
