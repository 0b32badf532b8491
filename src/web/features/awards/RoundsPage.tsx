// The national award rounds (issue 13 items 3 and 7): Volunteer of the Year, for the staff and the
// jurors (a juror sees only the rounds he sits on). The national admin sets a round up here: its
// year, title, scale, and a domestic and an international nomination with their criteria (one a
// line, in the order that decides ties).
import { type FormEvent, useId, useState } from 'react';
import type { z } from 'zod';
import type { roundListSchema } from '../../../modules/awards/rounds.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link, navigate } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ROUND_BADGE } from './roundParts.tsx';

type RoundList = z.infer<typeof roundListSchema>;

export default function RoundsPage() {
  return (
    <RequireRole roles={['rfo', 'national_admin', 'national_analyst', 'juror']}>
      {(user) => <Rounds user={user} />}
    </RequireRole>
  );
}

function Rounds({ user }: { user: User }) {
  const { t, lang } = useT();
  const list = useApi<RoundList>('/api/awards/rounds');
  return (
    <div className="platform-page">
      <PageTitle sub={t(user.role === 'juror' ? 'awards.rounds.jurorLead' : 'awards.rounds.lead')}>
        {t('awards.rounds.title')}
      </PageTitle>
      <p className="links">
        {user.role !== 'juror' ? <Link to="/awards">{t('awards.lettersLink')}</Link> : null}
        <Link to="/awards/results">{t('awards.resultsLink')}</Link>
      </p>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 ? <p className="alert alert-info">{t('awards.rounds.none')}</p> : null}
      <ul className="application-list" data-testid="rounds">
        {(list.data?.items ?? []).map((r) => (
          <li key={r.id} className="panel">
            <h2>
              <Link to={`/awards/rounds/${r.id}`}>{r.title}</Link>
            </h2>
            <p>
              <span className={ROUND_BADGE[r.status]}>{t(`awards.rounds.status.${r.status}`)}</span>{' '}
              {r.illustrative ? <span className="badge badge-draft">{t('awards.illustrative')}</span> : null}
            </p>
            <p className="muted">
              {t('awards.rounds.counts', {
                year: r.year,
                nominees: formatNumber(r.nominees, lang),
                jurors: formatNumber(r.jurors, lang),
              })}
            </p>
          </li>
        ))}
      </ul>
      {user.role === 'national_admin' ? <NewRound /> : null}
    </div>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function NewRound() {
  const { t } = useT();
  const id = useId();
  const [form, setForm] = useState({
    year: String(new Date().getFullYear()),
    title: '',
    scaleMax: '10',
    domestic: '',
    domesticCriteria: '',
    international: '',
    internationalCriteria: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const nominations = [
        { scope: 'domestic', name: form.domestic.trim(), criteria: lines(form.domesticCriteria) },
        {
          scope: 'international',
          name: form.international.trim(),
          criteria: lines(form.internationalCriteria),
        },
      ].filter((n) => n.name || n.criteria.length);
      const made = await post<{ id: number }>('/api/awards/rounds', {
        year: Number(form.year),
        title: form.title,
        scaleMax: Number(form.scaleMax),
        nominations,
      });
      navigate(`/awards/rounds/${made.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('awards.rounds.new')}</h2>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <Field label={t('awards.rounds.year')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={2000}
              max={2100}
              required
              value={form.year}
              onChange={set('year')}
            />
          )}
        </Field>
        <Field label={t('awards.rounds.roundTitle')}>
          {(p) => <input {...p} required maxLength={200} value={form.title} onChange={set('title')} />}
        </Field>
        <Field label={t('awards.rounds.scale')} hint={t('awards.rounds.scaleHint')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={3}
              max={100}
              required
              value={form.scaleMax}
              onChange={set('scaleMax')}
            />
          )}
        </Field>
        <Field label={t('awards.rounds.domesticName')}>
          {(p) => <input {...p} maxLength={200} value={form.domestic} onChange={set('domestic')} />}
        </Field>
        <Field label={t('awards.rounds.domesticCriteria')} hint={t('awards.rounds.criteriaHint')}>
          {(p) => (
            <textarea {...p} rows={3} value={form.domesticCriteria} onChange={set('domesticCriteria')} />
          )}
        </Field>
        <Field label={t('awards.rounds.internationalName')}>
          {(p) => <input {...p} maxLength={200} value={form.international} onChange={set('international')} />}
        </Field>
        <Field label={t('awards.rounds.internationalCriteria')} hint={t('awards.rounds.criteriaHint')}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={form.internationalCriteria}
              onChange={set('internationalCriteria')}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="btn" disabled={busy}>
            {t('awards.rounds.create')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
