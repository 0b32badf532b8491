// The front office's queue of disputed hours (issue 11 items 5 and 7): the RFO sees its region's,
// the national office every region's, by status (open by default). Each dispute: the volunteer, the
// opportunity and its organiser, the shift (Kazakhstan time), the hours recorded beside the hours
// claimed and the volunteer's words; settled as upheld (the hours to confirm, prefilled with the
// claimed ones) or rejected, with a note the volunteer reads. One card each, so that it reads on a
// phone; texts typed by others are shown as typed (React escapes them).
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { DisputeView, disputeListSchema } from '../../../modules/applications/applications.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatHours, formatKzDateTime, formatKzRange } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { hoursText, parseHours } from './applicationText.ts';

type DisputeList = z.infer<typeof disputeListSchema>;
type Status = DisputeView['status'];
const DISPUTE_STATUSES: readonly Status[] = ['open', 'upheld', 'rejected'];
const isStatus = (s: string | null): s is Status => (DISPUTE_STATUSES as readonly string[]).includes(s ?? '');

export default function DisputesPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['rfo', 'national_admin']}>
      {() => (
        <div className="platform-page">
          <PageTitle sub={t('applications.disputesLead')}>{t('applications.disputesTitle')}</PageTitle>
          <p className="links">
            <Link to="/platform/assessment-contests">{t('assessments.contestsLink')}</Link>
          </p>
          <Queue />
        </div>
      )}
    </RequireRole>
  );
}

function Queue() {
  const { t } = useT();
  const { query } = useLocation();
  const raw = query.get('status');
  const status: Status = isStatus(raw) ? raw : 'open';
  const list = useApi<DisputeList>('/api/platform/disputes', { status });
  const items = list.data?.items ?? [];
  return (
    <>
      <form className="filters" aria-label={t('applications.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('applications.status')}>
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => navigate(`/platform/disputes?status=${e.target.value}`)}
            >
              {DISPUTE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`applications.filterStatuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p data-testid="dispute-count">{t('applications.count', { count: items.length })}</p>
          <ul className="platform-orgs">
            {items.map((d) => (
              <DisputeCard key={d.id} d={d} onChanged={list.reload} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function DisputeCard({ d, onChanged }: { d: DisputeView; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const [asking, setAsking] = useState<'upheld' | 'rejected' | null>(null);
  const prefill = d.claimedHours ?? d.hours;
  const shown = prefill === null ? '' : formatHours(prefill, lang).replace(/\s/g, '');
  const [hours, setHours] = useState(shown);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = parseHours(hours);
  const hoursWrong = asking === 'upheld' && hours.trim() !== '' && !Number.isFinite(parsed);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/disputes/${d.id}/settle`, {
        decision: asking,
        note,
        // Untouched, the prefilled hours go as they are (two decimals; shown with one).
        ...(asking === 'upheld' && hours === shown && prefill !== null
          ? { hours: prefill }
          : asking === 'upheld' && Number.isFinite(parsed)
            ? { hours: parsed }
            : {}),
      });
      setAsking(null);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel" data-testid="dispute" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{d.volunteer}</h2>
      <dl className="facts facts-long">
        <dt>{t('applications.opportunity')}</dt>
        <dd>
          <Link to={`/platform/opportunities/${d.opportunity.id}`}>{d.opportunity.title}</Link>
        </dd>
        <dt>{t('applications.organizer')}</dt>
        <dd>{d.opportunity.organization}</dd>
        <dt>{t('applications.shift')}</dt>
        <dd>{formatKzRange(d.shift.start, d.shift.end, lang)}</dd>
        <dt>{t('applications.recordedHours')}</dt>
        <dd data-testid="dispute-recorded">
          {d.applicationStatus === 'no_show' || d.hours === null
            ? t('applications.notCame')
            : hoursText(t, d.hours, lang)}
        </dd>
        <dt>{t('applications.claimed')}</dt>
        <dd data-testid="dispute-claimed">
          {d.claimedHours === null ? '—' : hoursText(t, d.claimedHours, lang)}
        </dd>
        <dt>{t('applications.disputeWords')}</dt>
        <dd className="opportunity-description">{d.text}</dd>
        <dt>{t('applications.opened')}</dt>
        <dd>{formatKzDateTime(d.openedAt, lang)}</dd>
        {d.status !== 'open' ? (
          <>
            <dt>{t('applications.status')}</dt>
            <dd>{t(`applications.disputeStatuses.${d.status}`)}</dd>
            <dt>{t('applications.settled')}</dt>
            <dd>{formatKzDateTime(d.settledAt, lang)}</dd>
            <dt>{t('applications.settlement')}</dt>
            <dd className="opportunity-description">{d.settlement ?? '—'}</dd>
          </>
        ) : null}
      </dl>
      <ErrorBox error={error} />
      {d.status !== 'open' ? null : asking ? (
        <form
          onSubmit={(e) => void submit(e)}
          aria-label={t(asking === 'upheld' ? 'applications.uphold' : 'applications.reject')}
        >
          {asking === 'upheld' ? (
            <Field
              label={t('applications.settleHours')}
              error={hoursWrong ? t('errors.codes.hours_invalid') : null}
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
          <Field label={t('applications.settleNote')}>
            {(p) => (
              <textarea {...p} required rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button
              type="submit"
              className={asking === 'upheld' ? 'btn' : 'btn btn-danger'}
              disabled={busy || !note.trim() || hoursWrong}
            >
              {t(asking === 'upheld' ? 'applications.uphold' : 'applications.reject')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="btn" onClick={() => setAsking('upheld')}>
            {t('applications.uphold')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setAsking('rejected')}>
            {t('applications.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
