// The volunteer's applications and confirmed hours (issue 11 items 4, 5 and 7): every application,
// the newest shift first, with its opportunity, organiser, shift (Kazakhstan time), status in words
// and the reason of a decline; a place offered from the waitlist is taken here before it expires;
// an open application is withdrawn with a reason (asked first); recorded hours are disputed within
// the window the server gives (disputeUntil), and the dispute's answer is shown; the trail of each
// application is folded under it; after confirmed hours the volunteer may answer a short survey
// once (issue 12 item 5). Texts typed by others are shown as typed (React escapes them).
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { OwnApplication, ownListSchema } from '../../../modules/applications/applications.schemas.ts';
import type { SurveyView } from '../../../modules/impact/impact.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatHours, formatKzDateTime, formatKzRange } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import {
  hoursText,
  parseHours,
  reasonText,
  statusBadge,
  statusText,
  WITHDRAW_REASONS,
} from './applicationText.ts';
import { RateForm } from './assessmentParts.tsx';
import { SurveyForm } from './SurveyForm.tsx';

type OwnList = z.infer<typeof ownListSchema>;
type Withdrawal = (typeof WITHDRAW_REASONS)[number];

export default function MyApplicationsPage() {
  return <RequireRole roles={['volunteer']}>{() => <Mine />}</RequireRole>;
}

function Mine() {
  const { t, lang } = useT();
  const list = useApi<OwnList>('/api/platform/volunteers/me/applications');
  const surveys = useApi<{ items: SurveyView[] }>('/api/platform/volunteers/me/surveys');
  // Until the answers are known no survey is offered: never a form the server would refuse.
  const surveyed = surveys.data ? new Set(surveys.data.items.map((s) => s.application)) : null;
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => Date.parse(b.shift.start) - Date.parse(a.shift.start) || b.id - a.id,
  );
  return (
    <div className="platform-page">
      <PageTitle sub={t('applications.mineLead')}>{t('applications.mineTitle')}</PageTitle>
      <p>
        <Link to="/platform/volunteers/me/assessments">{t('assessments.link')}</Link>
      </p>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <dl className="key-figures">
            <div className="kf">
              <dt>{t('applications.confirmedHours')}</dt>
              <dd className="kf-value" data-testid="confirmed-hours">
                {hoursText(t, list.data.confirmedHours, lang)}
              </dd>
            </div>
          </dl>
          {items.length === 0 ? (
            <p className="alert alert-info">
              {t('applications.none')} <Link to="/platform/opportunities">{t('applications.find')}</Link>
            </p>
          ) : (
            <ul className="application-list" aria-label={t('applications.list')}>
              {items.map((a) => (
                <ApplicationCard
                  key={a.id}
                  a={a}
                  surveyed={surveyed ? surveyed.has(a.id) : null}
                  onChanged={list.reload}
                />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}

function ApplicationCard({
  a,
  surveyed: surveyedBefore,
  onChanged,
}: {
  a: OwnApplication;
  /** Whether the survey of it is answered (null: not known yet). */
  surveyed: boolean | null;
  onChanged(): void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const now = Date.now();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState<Withdrawal>('not_available');
  const [disputing, setDisputing] = useState(false);
  // Rated before (the list says) or here, just now: no second form.
  const [rating, setRating] = useState(false);
  const [rated, setRated] = useState(a.rated);
  const mayRate = a.status === 'attended' && !a.revoked && !rated;
  const [surveying, setSurveying] = useState(false);
  const [surveyedNow, setSurveyedNow] = useState(false);
  const surveyed = surveyedBefore === true || surveyedNow;
  const maySurvey = a.status === 'attended' && !a.revoked && surveyedBefore === false && !surveyedNow;

  const open = a.status === 'pending' || a.status === 'waitlisted' || a.status === 'accepted';
  const before = Date.parse(a.shift.start) > now;
  const offered =
    a.status === 'waitlisted' && a.offerExpiresAt !== null && Date.parse(a.offerExpiresAt) > now;
  const recorded = a.status === 'attended' || a.status === 'no_show';
  const mayDispute =
    recorded &&
    a.disputeUntil !== null &&
    Date.parse(a.disputeUntil) > now &&
    !a.revoked &&
    a.dispute?.status !== 'open';

  const act = async (path: string, body: object, message: string | null) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await post(`/api/platform/applications/${a.id}/${path}`, body);
      setWithdrawing(false);
      setDone(message);
      onChanged();
    } catch (e) {
      setError(e);
      setWithdrawing(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel" data-testid="application" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="opportunity-title">
        <Link to={`/platform/opportunities/${a.opportunity.id}`}>{a.opportunity.title}</Link>
      </h2>
      <dl className="facts facts-long">
        <dt>{t('applications.organizer')}</dt>
        <dd>{a.opportunity.organization}</dd>
        <dt>{t('applications.shift')}</dt>
        <dd>{formatKzRange(a.shift.start, a.shift.end, lang)}</dd>
        <dt>{t('applications.status')}</dt>
        <dd>
          <span className={statusBadge(a.status)} data-testid="application-status">
            {statusText(t, a.status)}
          </span>
        </dd>
        {(a.status === 'declined' || a.status === 'withdrawn') && a.reason ? (
          <>
            <dt>{t('applications.reason')}</dt>
            <dd data-testid="application-reason">{reasonText(t, a.reason)}</dd>
          </>
        ) : null}
        {a.note && (a.status === 'declined' || a.status === 'withdrawn') ? (
          <>
            <dt>{t('applications.note')}</dt>
            <dd className="opportunity-description">{a.note}</dd>
          </>
        ) : null}
        {a.status === 'attended' ? (
          <>
            <dt>{t('applications.hours')}</dt>
            <dd data-testid="application-hours">
              {hoursText(t, a.hours, lang)}
              {a.revoked ? ` — ${t('applications.revoked')}` : null}
            </dd>
          </>
        ) : null}
        {a.dispute ? (
          <>
            <dt>{t('applications.disputeTitle')}</dt>
            <dd data-testid="dispute-status">
              {t(`applications.disputeStatuses.${a.dispute.status}`)}
              {a.dispute.settlement ? (
                <>
                  <br />
                  {t('applications.settlement')}:{' '}
                  <span className="opportunity-description">{a.dispute.settlement}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {offered ? (
        <p className="alert alert-warning" data-testid="offer">
          {t('applications.offer', { until: formatKzDateTime(a.offerExpiresAt, lang) })}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {done ? (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      ) : null}
      {(offered || (open && before) || mayDispute || mayRate || maySurvey) &&
      !disputing &&
      !rating &&
      !surveying ? (
        <div className="actions">
          {offered ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void act('take-offer', {}, t('applications.offerTaken'))}
            >
              {t('applications.takeOffer')}
            </button>
          ) : null}
          {open && before ? (
            <button type="button" className="btn btn-secondary" onClick={() => setWithdrawing(true)}>
              {t('applications.withdraw')}
            </button>
          ) : null}
          {mayDispute ? (
            <button type="button" className="btn btn-secondary" onClick={() => setDisputing(true)}>
              {t('applications.dispute')}
            </button>
          ) : null}
          {mayRate ? (
            <button
              type="button"
              className="btn btn-secondary"
              aria-describedby={`${id}-title`}
              onClick={() => setRating(true)}
            >
              {t('assessments.rate')}
            </button>
          ) : null}
          {maySurvey ? (
            <button
              type="button"
              className="btn btn-secondary"
              aria-describedby={`${id}-title`}
              onClick={() => setSurveying(true)}
            >
              {t('impact.survey.open')}
            </button>
          ) : null}
        </div>
      ) : null}
      {surveyed && a.status === 'attended' ? (
        <p className="muted" data-testid="surveyed">
          {t('impact.survey.done')}
        </p>
      ) : null}
      {mayDispute && !disputing ? (
        <p className="muted">
          {t('applications.disputeUntil', { date: formatKzDateTime(a.disputeUntil, lang) })}
        </p>
      ) : null}
      {disputing ? (
        <DisputeForm
          a={a}
          onDone={() => {
            setDisputing(false);
            setDone(t('applications.disputeSent'));
            onChanged();
          }}
          onCancel={() => setDisputing(false)}
        />
      ) : null}
      {rating ? (
        <RateForm
          application={a.id}
          onCancel={() => setRating(false)}
          onDone={() => {
            setRating(false);
            setRated(true);
            setDone(t('assessments.rated'));
          }}
        />
      ) : null}
      {surveying ? (
        <SurveyForm
          application={a.id}
          title={a.opportunity.title}
          onCancel={() => setSurveying(false)}
          onDone={() => {
            setSurveying(false);
            setSurveyedNow(true);
            setDone(t('impact.survey.sent'));
          }}
        />
      ) : null}
      {withdrawing ? (
        <ConfirmDialog
          title={t('applications.withdrawTitle', { title: a.opportunity.title })}
          text={t('applications.withdrawText')}
          confirm={t('applications.withdraw')}
          danger
          busy={busy}
          onConfirm={() => void act('withdraw', { reason: withdrawReason }, null)}
          onCancel={() => setWithdrawing(false)}
        >
          <Field label={t('applications.withdrawReason')}>
            {(p) => (
              <select
                {...p}
                value={withdrawReason}
                onChange={(e) => setWithdrawReason(e.target.value as Withdrawal)}
              >
                {WITHDRAW_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {reasonText(t, r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </ConfirmDialog>
      ) : null}
      <Trail a={a} />
    </li>
  );
}

function DisputeForm({ a, onDone, onCancel }: { a: OwnApplication; onDone(): void; onCancel(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [hours, setHours] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const claimed = parseHours(hours);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/applications/${a.id}/dispute`, {
        text,
        ...(Number.isFinite(claimed) ? { claimedHours: claimed } : {}),
      });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="subpanel" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('applications.dispute')}</h3>
      <p className="muted">
        {t('applications.disputeUntil', { date: formatKzDateTime(a.disputeUntil, lang) })}
      </p>
      <Field label={t('applications.disputeText')}>
        {(p) => <textarea {...p} required rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field
        label={t('applications.claimedHours')}
        error={hours.trim() && !Number.isFinite(claimed) ? t('errors.codes.hours_invalid') : null}
      >
        {(p) => (
          <input
            {...p}
            type="text"
            inputMode="decimal"
            size={6}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        )}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button
          type="submit"
          className="btn"
          disabled={busy || !text.trim() || (hours.trim() !== '' && !Number.isFinite(claimed))}
        >
          {t('applications.disputeSend')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The application's transitions, oldest first: when, who, to what, why. */
function Trail({ a }: { a: OwnApplication }) {
  const { t, lang } = useT();
  if (a.events.length === 0) return null;
  return (
    <details className="trail">
      <summary>{t('applications.trail')}</summary>
      <ol className="plain-list">
        {a.events.map((e) => (
          <li key={`${e.at}|${e.from}|${e.to}|${e.reason}|${e.hoursAfter}|${e.note}`}>
            <span className="nowrap">{formatKzDateTime(e.at, lang)}</span> · {statusText(t, e.to)} (
            {t(`applications.by.${e.by}`)}){e.reason ? ` · ${reasonText(t, e.reason)}` : null}
            {e.hoursBefore !== e.hoursAfter && (e.hoursBefore !== null || e.hoursAfter !== null)
              ? ` · ${t('applications.hoursChange', {
                  before: formatHours(e.hoursBefore, lang),
                  after: formatHours(e.hoursAfter, lang),
                })}`
              : null}
            {e.note ? (
              <>
                {' '}
                · <q>{e.note}</q>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
