// The assessments of me (issue 12 items 3 and 7): each organiser's assessment of a participation —
// reliability, skills and teamwork on 1–5 and its comment — read here first (the server marks them
// seen when this list is read: the record book shows them from then on); contested with a text
// while the window the server gives (contestUntil) is open and it is not contested yet; the
// contest's status and the front office's answer. Texts typed by others are shown as typed.
import { type FormEvent, useId, useState } from 'react';
import type { AssessmentView } from '../../../modules/assessments/assessments.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatKzDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Scores } from './assessmentParts.tsx';

export default function MyAssessmentsPage() {
  return <RequireRole roles={['volunteer']}>{() => <Mine />}</RequireRole>;
}

function Mine() {
  const { t } = useT();
  const list = useApi<{ items: AssessmentView[] }>('/api/platform/volunteers/me/assessments');
  const items = list.data?.items ?? [];
  return (
    <div className="platform-page">
      <PageTitle sub={t('assessments.mineLead')}>{t('assessments.mineTitle')}</PageTitle>
      <p className="links">
        <Link to="/platform/volunteers/me/applications">{t('applications.mineLink')}</Link>
        <Link to="/platform/volunteers/me/record-book">{t('recordBook.link')}</Link>
      </p>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        items.length === 0 ? (
          <p className="alert alert-info">{t('assessments.none')}</p>
        ) : (
          <ul className="application-list" aria-label={t('assessments.mineTitle')}>
            {items.map((a) => (
              <AssessmentCard key={a.id} a={a} onChanged={list.reload} />
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function AssessmentCard({ a, onChanged }: { a: AssessmentView; onChanged(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const [contesting, setContesting] = useState(false);
  const [sent, setSent] = useState(false);
  const mayContest = a.contest === null && Date.parse(a.contestUntil) > Date.now();
  return (
    <li className="panel" data-testid="assessment" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="opportunity-title">
        {a.opportunity}
      </h2>
      <dl className="facts facts-long">
        <dt>{t('assessments.organizer')}</dt>
        <dd>{a.organization}</dd>
        <dt>{t('assessments.given')}</dt>
        <dd>{formatKzDateTime(a.createdAt, lang)}</dd>
        <Scores a={a} />
        {a.contest ? (
          <>
            <dt>{t('assessments.contestTitle')}</dt>
            <dd data-testid="contest-status">{t(`assessments.statuses.${a.contest.status}`)}</dd>
            <dt>{t('assessments.yourWords')}</dt>
            <dd className="opportunity-description">{a.contest.text}</dd>
            {a.contest.settlement ? (
              <>
                <dt>{t('assessments.settlement')}</dt>
                <dd className="opportunity-description" data-testid="contest-settlement">
                  {a.contest.settlement}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {sent ? (
        <p className="alert alert-success" role="status">
          {t('assessments.contestSent')}
        </p>
      ) : null}
      {mayContest && !contesting ? (
        <>
          <div className="actions">
            <button
              type="button"
              className="btn btn-secondary"
              aria-describedby={`${id}-title`}
              onClick={() => setContesting(true)}
            >
              {t('assessments.contest')}
            </button>
          </div>
          <p className="muted">
            {t('assessments.contestUntil', { date: formatKzDateTime(a.contestUntil, lang) })}
          </p>
        </>
      ) : null}
      {mayContest && contesting ? (
        <ContestForm
          a={a}
          onCancel={() => setContesting(false)}
          onDone={() => {
            setContesting(false);
            setSent(true);
            onChanged();
          }}
        />
      ) : null}
    </li>
  );
}

function ContestForm({ a, onDone, onCancel }: { a: AssessmentView; onDone(): void; onCancel(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/assessments/${a.id}/contest`, { text });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="subpanel" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('assessments.contest')}</h3>
      <p className="muted">
        {t('assessments.contestUntil', { date: formatKzDateTime(a.contestUntil, lang) })}
      </p>
      <Field label={t('assessments.contestText')}>
        {(p) => <textarea {...p} required rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy || !text.trim()}>
          {t('assessments.contestSend')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
