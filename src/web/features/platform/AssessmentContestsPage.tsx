// The front office's queue of contested assessments (issue 12 items 3 and 7), beside the disputes
// of hours: the RFO sees its region's, the national office every region's, by status (open by
// default). Each: the volunteer, the opportunity and its organiser, the three scores and the
// comment, the volunteer's words; settled as upheld (the assessment stops counting) or rejected,
// with a note the volunteer reads. One card each, so that it reads on a phone; texts typed by
// others are shown as typed (React escapes them).
import { type FormEvent, useId, useState } from 'react';
import type { ContestView } from '../../../modules/assessments/assessments.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatKzDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Scores } from './assessmentParts.tsx';

type Status = NonNullable<ContestView['contest']>['status'];
const STATUSES: readonly Status[] = ['open', 'upheld', 'rejected'];
const isStatus = (s: string | null): s is Status => (STATUSES as readonly string[]).includes(s ?? '');

export default function AssessmentContestsPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['rfo', 'national_admin']}>
      {() => (
        <div className="platform-page">
          <PageTitle sub={t('assessments.contestsLead')}>{t('assessments.contestsTitle')}</PageTitle>
          <p className="links">
            <Link to="/platform/disputes">{t('applications.disputesLink')}</Link>
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
  const list = useApi<{ items: ContestView[] }>('/api/platform/assessment-contests', { status });
  const items = list.data?.items ?? [];
  return (
    <>
      <form className="filters" aria-label={t('assessments.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('assessments.status')}>
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => navigate(`/platform/assessment-contests?status=${e.target.value}`)}
            >
              {STATUSES.map((s) => (
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
          <p data-testid="contest-count">{t('assessments.count', { count: items.length })}</p>
          <ul className="platform-orgs">
            {items.map((c) => (
              <ContestCard key={c.id} c={c} onChanged={list.reload} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ContestCard({ c, onChanged }: { c: ContestView; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const [asking, setAsking] = useState<'upheld' | 'rejected' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = c.contest?.status === 'open';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/assessments/${c.id}/settle`, { decision: asking, note });
      setAsking(null);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel" data-testid="contest" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{c.volunteer}</h2>
      <dl className="facts facts-long">
        <dt>{t('assessments.opportunity')}</dt>
        <dd>{c.opportunity}</dd>
        <dt>{t('assessments.organizer')}</dt>
        <dd>{c.organization}</dd>
        <dt>{t('opportunities.region')}</dt>
        <dd>{territoryName(territories, c.region, lang)}</dd>
        <dt>{t('assessments.given')}</dt>
        <dd>{formatKzDateTime(c.createdAt, lang)}</dd>
        <Scores a={c} />
        {c.contest ? (
          <>
            <dt>{t('assessments.volunteerWords')}</dt>
            <dd className="opportunity-description" data-testid="contest-text">
              {c.contest.text}
            </dd>
            {c.contest.status !== 'open' ? (
              <>
                <dt>{t('assessments.status')}</dt>
                <dd>{t(`assessments.statuses.${c.contest.status}`)}</dd>
                <dt>{t('assessments.settlement')}</dt>
                <dd className="opportunity-description">{c.contest.settlement ?? '—'}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      <ErrorBox error={error} />
      {!open ? null : asking ? (
        <form
          onSubmit={(e) => void submit(e)}
          aria-label={t(asking === 'upheld' ? 'assessments.uphold' : 'assessments.reject')}
        >
          <Field label={t('assessments.note')}>
            {(p) => (
              <textarea {...p} required rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button
              type="submit"
              className={asking === 'upheld' ? 'btn' : 'btn btn-danger'}
              disabled={busy || !note.trim()}
            >
              {t(asking === 'upheld' ? 'assessments.uphold' : 'assessments.reject')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="btn"
            aria-describedby={`${id}-title`}
            onClick={() => setAsking('upheld')}
          >
            {t('assessments.uphold')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-title`}
            onClick={() => setAsking('rejected')}
          >
            {t('assessments.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
