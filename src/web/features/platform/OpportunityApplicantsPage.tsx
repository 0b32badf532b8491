// The coordinator's applicants and attendance of one opportunity (issue 11 items 4, 5 and 7): per
// shift its places taken, the applicants (name, age at the shift, skills, a guardian's consent still
// missing, status) with Accept and Decline (a reason code and an optional note, asked first); once
// the shift has started, the attendance sheet: each accepted volunteer with "came" and hours (the
// shift's length by default, never more), saved for the whole shift at once (all or nothing: a
// refused row is named on its line); recorded attendance is corrected or its hours revoked, with a
// reason. Names and skills are shown as typed (React escapes them).
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { Applicant, applicantListSchema } from '../../../modules/applications/applications.schemas.ts';
import type { Opportunity } from '../../../modules/opportunities/opportunities.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, post } from '../../lib/api.ts';
import { formatHours, formatKzDateTime, formatKzRange } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import {
  DECLINE_REASONS,
  entryProblemText,
  hoursText,
  parseHours,
  reasonText,
  shiftHours,
  statusBadge,
  statusText,
} from './applicationText.ts';
import { AssessForm } from './assessmentParts.tsx';

type ApplicantList = z.infer<typeof applicantListSchema>;
type Shift = ApplicantList['shifts'][number];
type DeclineReason = (typeof DECLINE_REASONS)[number];

export default function OpportunityApplicantsPage({ id }: { id: string }) {
  return <RequireRole roles={['org_coordinator']}>{() => <Applicants id={id} />}</RequireRole>;
}

function Applicants({ id }: { id: string }) {
  const { t } = useT();
  const valid = /^\d+$/.test(id);
  const opp = useApi<Opportunity>(valid ? `/api/platform/opportunities/${id}` : null);
  const list = useApi<ApplicantList>(valid ? `/api/platform/opportunities/${id}/applications` : null);
  return (
    <div className="platform-page">
      <PageTitle sub={t('applications.applicantsLead')}>
        {t('applications.applicantsTitle')}
        {opp.data ? (
          <>
            : <span className="opportunity-title">{opp.data.title}</span>
          </>
        ) : null}
      </PageTitle>
      <p className="links">
        <Link to="/platform/my/opportunities">{t('applications.allMine')}</Link>
        {valid ? <Link to={`/platform/opportunities/${id}`}>{t('applications.opportunityPage')}</Link> : null}
        {opp.data?.status === 'closed' ? (
          <Link to={`/platform/my/opportunities/${id}/impact`}>{t('impact.report.link')}</Link>
        ) : null}
      </p>
      {valid ? null : <p className="alert alert-error">{t('errors.http404')}</p>}
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.shifts.length === 0 ? (
          <p className="alert alert-info">{t('applications.noShifts')}</p>
        ) : (
          list.data.shifts.map((s) => (
            <ShiftPanel
              key={s.id}
              shift={s}
              items={(list.data as ApplicantList).items.filter((a) => a.shiftId === s.id)}
              onChanged={list.reload}
            />
          ))
        )
      ) : null}
    </div>
  );
}

function ShiftPanel({ shift, items, onChanged }: { shift: Shift; items: Applicant[]; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const accepted = items.filter((a) => a.status === 'accepted');
  const recorded = items.filter((a) => a.status === 'attended' || a.status === 'no_show');
  const others = shift.started ? items.filter((a) => !accepted.includes(a) && !recorded.includes(a)) : items;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="shift-panel">
      <h2 id={`${id}-title`}>{formatKzRange(shift.start, shift.end, lang)}</h2>
      <p data-testid="shift-places">
        {t('applications.places', { taken: shift.taken, capacity: shift.capacity })}
      </p>
      {shift.started ? <p className="muted">{t('applications.startedNote')}</p> : null}
      {shift.started ? <AttendanceSheet shift={shift} accepted={accepted} onSaved={onChanged} /> : null}
      {shift.started && recorded.length > 0 ? (
        <div className="subpanel">
          <h3>{t('applications.recordedTitle')}</h3>
          <ul className="applicant-list">
            {recorded.map((a) => (
              <RecordedRow key={a.id} a={a} shift={shift} onChanged={onChanged} />
            ))}
          </ul>
        </div>
      ) : null}
      {others.length > 0 || !shift.started ? (
        <div className={shift.started ? 'subpanel' : undefined}>
          <h3>{t('applications.applicants')}</h3>
          {others.length === 0 ? (
            <p className="muted">{t('applications.noApplicants')}</p>
          ) : (
            <ul className="applicant-list">
              {others.map((a) => (
                <ApplicantRow key={a.id} a={a} onChanged={onChanged} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** Who the applicant is: name, age at the shift, skills, a guardian's consent still missing. */
function Who({ a, headingId }: { a: Applicant; headingId: string }) {
  const { t } = useT();
  return (
    <>
      <p className="applicant-name">
        <strong id={headingId}>{a.volunteer.name}</strong>{' '}
        <span className={statusBadge(a.status)} data-testid="applicant-status">
          {statusText(t, a.status)}
        </span>
      </p>
      <dl className="facts">
        <dt>{t('applications.age')}</dt>
        <dd>{a.volunteer.age ?? '—'}</dd>
        <dt>{t('applications.skills')}</dt>
        <dd>{a.volunteer.skills.length ? a.volunteer.skills.join(', ') : '—'}</dd>
        {a.reason && (a.status === 'declined' || a.status === 'withdrawn') ? (
          <>
            <dt>{t('applications.reason')}</dt>
            <dd>{reasonText(t, a.reason)}</dd>
          </>
        ) : null}
      </dl>
      {a.volunteer.guardianPending ? (
        <p className="alert alert-warning" data-testid="guardian-pending">
          {t('applications.guardianPending')}
        </p>
      ) : null}
    </>
  );
}

function ApplicantRow({ a, onChanged }: { a: Applicant; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const [note, setNote] = useState('');
  const mayAccept = a.status === 'pending' || a.status === 'waitlisted';
  const mayDecline = mayAccept || a.status === 'accepted';

  const act = async (path: 'accept' | 'decline', body: object) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/applications/${a.id}/${path}`, body);
      setDeclining(false);
      onChanged();
    } catch (e) {
      setError(e);
      setDeclining(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li data-testid="applicant" aria-labelledby={`${id}-name`}>
      <Who a={a} headingId={`${id}-name`} />
      {a.status === 'waitlisted' && a.offerExpiresAt ? (
        <p className="muted">
          {t('applications.offerUntil', { until: formatKzDateTime(a.offerExpiresAt, lang) })}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {mayDecline ? (
        <div className="actions">
          {mayAccept ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              aria-describedby={`${id}-name`}
              onClick={() => void act('accept', {})}
            >
              {t('applications.accept')}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-name`}
            onClick={() => setDeclining(true)}
          >
            {t('applications.decline')}
          </button>
        </div>
      ) : null}
      {declining ? (
        <ConfirmDialog
          title={t('applications.declineTitle', { name: a.volunteer.name })}
          text={t('applications.declineText')}
          confirm={t('applications.decline')}
          danger
          busy={busy || reason === ''}
          onConfirm={() => void act('decline', { reason, ...(note.trim() ? { note } : {}) })}
          onCancel={() => setDeclining(false)}
        >
          <Field label={t('applications.reason')}>
            {(p) => (
              <select
                {...p}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value as DeclineReason)}
              >
                <option value="">{t('volunteerWeb.choose')}</option>
                {DECLINE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {reasonText(t, r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('applications.declineNote')}>
            {(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

interface Mark {
  present: boolean;
  /** As typed; null while untouched (the server then records the shift's length exactly). */
  hours: string | null;
}

/** Every accepted volunteer of a started shift: came (and hours) or not; saved all at once. */
function AttendanceSheet({
  shift,
  accepted,
  onSaved,
}: {
  shift: Shift;
  accepted: Applicant[];
  onSaved(): void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const max = shiftHours(shift.start, shift.end);
  const [marks, setMarks] = useState<Record<number, Mark>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const markOf = (a: Applicant): Mark => marks[a.id] ?? { present: true, hours: null };
  const shown = (m: Mark) => m.hours ?? formatHours(max, lang).replace(/\s/g, '');
  const wrongOf = (m: Mark) => m.present && m.hours !== null && !Number.isFinite(parseHours(m.hours));
  const set = (a: Applicant, m: Partial<Mark>) => {
    setMarks((all) => ({ ...all, [a.id]: { ...markOf(a), ...m } }));
    setSaved(null);
  };
  const problems = new Map<number, string>();
  if (error instanceof ApiError && error.code === 'attendance_rejected')
    for (const d of error.details as unknown as Record<string, unknown>[])
      if (typeof d.application === 'number') problems.set(d.application, entryProblemText(t, d, lang));
  const typedWrong = accepted.some((a) => wrongOf(markOf(a)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const r = await post<{ recorded: number; attended: number; hours: number }>(
        `/api/platform/shifts/${shift.id}/attendance`,
        {
          entries: accepted.map((a) => {
            const m = markOf(a);
            if (!m.present) return { application: a.id, attended: false };
            return m.hours === null
              ? { application: a.id, attended: true }
              : { application: a.id, attended: true, hours: parseHours(m.hours) };
          }),
        },
      );
      setMarks({});
      setSaved(
        t('applications.attendanceSaved', { attended: r.attended, hours: formatHours(r.hours, lang) }),
      );
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="subpanel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      data-testid="attendance-sheet"
    >
      <h3 id={`${id}-title`}>{t('applications.attendanceTitle')}</h3>
      {saved ? (
        <p className="alert alert-success" role="status" data-testid="attendance-saved">
          {saved}
        </p>
      ) : null}
      {accepted.length === 0 ? (
        <p className="muted">{t('applications.noAccepted')}</p>
      ) : (
        <>
          <p className="muted">{t('applications.attendanceLead', { max: formatHours(max, lang) })}</p>
          <ul className="applicant-list">
            {accepted.map((a) => {
              const m = markOf(a);
              const problem = problems.get(a.id);
              const wrong = wrongOf(m);
              const rowId = `${id}-${a.id}`;
              return (
                <li key={a.id} className="attendance-row" data-testid="attendance-row">
                  <label className="check-line">
                    <input
                      type="checkbox"
                      checked={m.present}
                      onChange={(e) => set(a, { present: e.target.checked })}
                    />
                    {t('applications.presentOf', { name: a.volunteer.name })}
                  </label>
                  <div className={`field${problem || wrong ? ' field-invalid' : ''}`}>
                    <label htmlFor={`${rowId}-hours`}>
                      {t('applications.hoursOf', { name: a.volunteer.name })}
                    </label>
                    <input
                      id={`${rowId}-hours`}
                      type="text"
                      inputMode="decimal"
                      size={6}
                      disabled={!m.present}
                      value={m.present ? shown(m) : ''}
                      aria-invalid={problem || wrong ? true : undefined}
                      aria-describedby={problem || wrong ? `${rowId}-err` : undefined}
                      onChange={(e) => set(a, { hours: e.target.value })}
                    />
                    {problem || wrong ? (
                      <small id={`${rowId}-err`} className="field-error" data-testid="row-problem">
                        {problem ?? t('errors.codes.hours_invalid')}
                      </small>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          <ErrorBox error={error} />
          <div className="actions">
            <button type="submit" className="btn" disabled={busy || typedWrong}>
              {t('applications.saveAttendance')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

/** Recorded attendance: hours (or "did not come"), corrected or revoked with a reason. */
function RecordedRow({ a, shift, onChanged }: { a: Applicant; shift: Shift; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const max = shiftHours(shift.start, shift.end);
  const [asking, setAsking] = useState<'correct' | 'revoke' | null>(null);
  const [attended, setAttended] = useState(a.status === 'attended');
  const prefill = formatHours(a.hours ?? max, lang).replace(/\s/g, '');
  const [hours, setHours] = useState(prefill);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = parseHours(hours);
  // Assessed before (the list says) or here, just now: no second form.
  const [assessing, setAssessing] = useState(false);
  const [assessed, setAssessed] = useState(a.assessed);
  const mayAssess = a.status === 'attended' && !a.revoked && !assessed;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (asking === 'revoke') await post(`/api/platform/applications/${a.id}/revoke`, { reason });
      else
        await post(`/api/platform/applications/${a.id}/correction`, {
          attended,
          ...(attended ? { hours: hours === prefill ? (a.hours ?? max) : parsed } : {}),
          reason,
        });
      setAsking(null);
      setReason('');
      onChanged();
    } catch (e) {
      setError(e);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li data-testid="recorded" aria-labelledby={`${id}-name`}>
      <Who a={a} headingId={`${id}-name`} />
      {a.status === 'attended' ? (
        <p data-testid="recorded-hours">
          {t('applications.hours')}: {hoursText(t, a.hours, lang)}
          {a.revoked ? ` — ${t('applications.revoked')}` : null}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {a.revoked ? null : (
        <div className="actions">
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-name`}
            onClick={() => setAsking('correct')}
          >
            {t('applications.correct')}
          </button>
          {a.status === 'attended' ? (
            <button
              type="button"
              className="btn btn-secondary"
              aria-describedby={`${id}-name`}
              onClick={() => setAsking('revoke')}
            >
              {t('applications.revoke')}
            </button>
          ) : null}
          {mayAssess && !assessing ? (
            <button
              type="button"
              className="btn"
              aria-describedby={`${id}-name`}
              onClick={() => setAssessing(true)}
            >
              {t('assessments.assess')}
            </button>
          ) : null}
        </div>
      )}
      {mayAssess && assessing ? (
        <AssessForm
          application={a.id}
          name={a.volunteer.name}
          onCancel={() => setAssessing(false)}
          onDone={() => {
            setAssessing(false);
            setAssessed(true);
          }}
        />
      ) : null}
      {assessed ? (
        <p className="alert alert-success" role="status" data-testid="assessed">
          {t('assessments.assessed')}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={t(asking === 'revoke' ? 'applications.revokeTitle' : 'applications.correctTitle', {
            name: a.volunteer.name,
          })}
          text={t(asking === 'revoke' ? 'applications.revokeText' : 'applications.correctText')}
          confirm={t(asking === 'revoke' ? 'applications.revoke' : 'applications.correct')}
          danger={asking === 'revoke'}
          busy={busy || !reason.trim() || (asking === 'correct' && attended && !Number.isFinite(parsed))}
          onConfirm={() => void run()}
          onCancel={() => setAsking(null)}
        >
          {asking === 'correct' ? (
            <>
              <fieldset>
                <legend>{t('applications.status')}</legend>
                <label className="check-line">
                  <input
                    type="radio"
                    name={`${id}-att`}
                    checked={attended}
                    onChange={() => setAttended(true)}
                  />
                  {statusText(t, 'attended')}
                </label>
                <label className="check-line">
                  <input
                    type="radio"
                    name={`${id}-att`}
                    checked={!attended}
                    onChange={() => setAttended(false)}
                  />
                  {statusText(t, 'no_show')}
                </label>
              </fieldset>
              {attended ? (
                <Field
                  label={t('applications.hours')}
                  hint={t('errors.codes.hours_beyond_shift', { max: formatHours(max, lang) })}
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
              ) : null}
            </>
          ) : null}
          <Field label={t(asking === 'revoke' ? 'applications.revokeReason' : 'applications.changeReason')}>
            {(p) => (
              <textarea {...p} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
