// One award round (issue 13 items 3 and 7), as the reader may see it. A juror: the nominees with
// their justifications, his own scores per criterion (1..scale) and his conflicts of interest —
// never another juror's scores while the round is open. The front office: nominees entered from
// its region while nominations are open. The national admin: the jury (seating jurors), moving
// the round on. Everyone with access, once closed: every nomination's ranking by the stated rule.
import { type FormEvent, useId, useState } from 'react';
import type { RoundStatus, RoundView } from '../../../modules/awards/rounds.schemas.ts';
import type { UserRow } from '../../../modules/users/users.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post, put } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, unitsOfYear, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { RankingTable, ROUND_BADGE } from './roundParts.tsx';

type Nomination = RoundView['nominations'][number];
type Nominee = Nomination['nominees'][number];

const NEXT: Record<RoundStatus, 'scoring' | 'closed' | 'published' | null> = {
  nominating: 'scoring',
  scoring: 'closed',
  closed: 'published',
  published: null,
};

export default function RoundPage({ id }: { id: string }) {
  return (
    <RequireRole roles={['rfo', 'national_admin', 'national_analyst', 'juror']}>
      {(user) => <Round id={id} user={user} />}
    </RequireRole>
  );
}

function Round({ id, user }: { id: string; user: User }) {
  const { t, lang } = useT();
  const round = useApi<RoundView>(`/api/awards/rounds/${encodeURIComponent(id)}`);
  const r = round.data;
  const done = r?.status === 'closed' || r?.status === 'published';
  return (
    <div className="platform-page">
      <p className="links">
        <Link to="/awards/rounds">{t('awards.rounds.back')}</Link>
      </p>
      <ErrorBox error={round.error} />
      {round.loading && !r ? <Loading /> : null}
      {r ? (
        <>
          <PageTitle sub={t('awards.rounds.scaleText', { max: r.scaleMax })}>{r.title}</PageTitle>
          <p>
            <span className={ROUND_BADGE[r.status]} data-testid="round-status">
              {t(`awards.rounds.status.${r.status}`)}
            </span>{' '}
            {r.illustrative ? <span className="badge badge-draft">{t('awards.illustrative')}</span> : null}
          </p>
          {r.juror && r.status === 'scoring' ? (
            <p className="alert alert-info">{t('awards.rounds.jurorHint')}</p>
          ) : null}
          {user.role === 'national_admin' ? <Manage round={r} onChanged={round.reload} /> : null}
          <section className="panel" aria-labelledby="round-jury">
            <h2 id="round-jury">{t('awards.rounds.jury')}</h2>
            {r.jury.length === 0 ? <p className="muted">{t('awards.rounds.noJury')}</p> : null}
            <ul className="plain-list" data-testid="jury">
              {r.jury.map((j) => (
                <li key={j.user}>
                  {j.name}
                  {!done && !r.juror
                    ? ` · ${t('awards.rounds.progress', {
                        scores: formatNumber(j.scores, lang),
                        conflicts: formatNumber(j.conflicts, lang),
                      })}`
                    : null}
                </li>
              ))}
            </ul>
          </section>
          {r.nominations.map((n) => (
            <NominationPanel key={n.id} round={r} nomination={n} onChanged={round.reload} />
          ))}
          {r.status === 'nominating' && (user.role === 'rfo' || user.role === 'national_admin') ? (
            <Nominate round={r} user={user} onChanged={round.reload} />
          ) : null}
          <p className="muted">{t('awards.resultRule')}</p>
        </>
      ) : null}
    </div>
  );
}

function NominationPanel({
  round,
  nomination,
  onChanged,
}: {
  round: RoundView;
  nomination: Nomination;
  onChanged(): void;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="nomination">
      <h2 id={`${id}-title`}>
        {t(`awards.rounds.scope.${nomination.scope}`)}: {nomination.name}
      </h2>
      <p className="muted">{t('awards.rounds.criteria')}</p>
      <ol>
        {nomination.criteria.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: criteria are named by their position
          <li key={i}>{c}</li>
        ))}
      </ol>
      {nomination.ranking ? (
        <RankingTable
          caption={t('awards.rounds.rankingOf', { name: nomination.name })}
          criteria={nomination.criteria}
          ranking={nomination.ranking}
        />
      ) : null}
      {nomination.nominees.length === 0 ? <p className="muted">{t('awards.rounds.noNominees')}</p> : null}
      <ul className="application-list">
        {nomination.nominees.map((n) => (
          <NomineeCard key={n.id} round={round} nomination={nomination} nominee={n} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function NomineeCard({
  round,
  nomination,
  nominee,
  onChanged,
}: {
  round: RoundView;
  nomination: Nomination;
  nominee: Nominee;
  onChanged(): void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const [scores, setScores] = useState<string[]>(
    nomination.criteria.map((_, i) => String(nominee.myScores?.[i] ?? '')),
  );
  const [declaring, setDeclaring] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = round.status === 'nominating' || round.status === 'scoring';
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await work();
      setDeclaring(false);
      setSaved(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submitScores = (e: FormEvent) => {
    e.preventDefault();
    const given = scores
      .map((s, criterion) => ({ criterion, score: Number(s) }))
      .filter((_, i) => scores[i] !== '');
    if (given.length)
      void run(() => put(`/api/awards/rounds/${round.id}/scores`, { nominee: nominee.id, scores: given }));
  };
  const submitConflict = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      post(`/api/awards/rounds/${round.id}/conflicts`, {
        nominee: nominee.id,
        ...(note.trim() ? { note } : {}),
      }),
    );
  };
  const scale = Array.from({ length: round.scaleMax }, (_, i) => i + 1);
  return (
    <li className="panel" data-testid="nominee" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{nominee.name}</h3>
      <dl className="facts facts-long">
        <dt>{t('awards.region')}</dt>
        <dd>{territoryName(territories, nominee.region, lang)}</dd>
        <dt>{t('awards.justification')}</dt>
        <dd className="opportunity-description">{nominee.justification}</dd>
      </dl>
      {round.juror && nominee.conflict ? (
        <p className="alert alert-warning" data-testid="conflict">
          {t('awards.rounds.conflictDeclared')}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      {round.juror && !nominee.conflict && round.status === 'scoring' ? (
        <form
          className="subpanel"
          onSubmit={submitScores}
          aria-labelledby={`${id}-name`}
          data-testid="score-form"
        >
          {nomination.criteria.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one choice per criterion, in order
            <Field key={i} label={c}>
              {(p) => (
                <select
                  {...p}
                  value={scores[i]}
                  onChange={(e) => setScores(scores.map((s, j) => (j === i ? e.target.value : s)))}
                >
                  <option value="">{t('awards.rounds.notScored')}</option>
                  {scale.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <div className="actions">
            <button type="submit" className="btn" disabled={busy || scores.every((s) => s === '')}>
              {t('awards.rounds.saveScores')}
            </button>
          </div>
        </form>
      ) : null}
      {round.juror && !nominee.conflict && open && !declaring ? (
        <div className="actions">
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-name`}
            onClick={() => setDeclaring(true)}
          >
            {t('awards.rounds.declareConflict')}
          </button>
        </div>
      ) : null}
      {declaring ? (
        <form className="subpanel" onSubmit={submitConflict} aria-labelledby={`${id}-name`}>
          <p>{t('awards.rounds.conflictWarning')}</p>
          <Field label={t('awards.rounds.conflictNote')}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-danger" disabled={busy}>
              {t('awards.rounds.declareConflict')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setDeclaring(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function Manage({ round, onChanged }: { round: RoundView; onChanged(): void }) {
  const { t } = useT();
  const next = NEXT[round.status];
  const users = useApi<UserRow[]>(next === 'published' || next === null ? null : '/api/users');
  const candidates = (users.data ?? []).filter(
    (u) => u.role === 'juror' && !u.disabled && !round.jury.some((j) => j.user === u.id),
  );
  const [juror, setJuror] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setJuror('');
      setName('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const seat = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      post(`/api/awards/rounds/${round.id}/jurors`, {
        user: Number(juror),
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    );
  };
  return (
    <section className="panel" aria-labelledby="round-manage">
      <h2 id="round-manage">{t('awards.rounds.manage')}</h2>
      <ErrorBox error={error} />
      {next ? (
        <div className="actions">
          <button
            type="button"
            className="btn"
            disabled={busy}
            data-testid="round-next"
            onClick={() => void run(() => post(`/api/awards/rounds/${round.id}/status`, { status: next }))}
          >
            {t(`awards.rounds.moveTo.${next}`)}
          </button>
        </div>
      ) : null}
      {round.status === 'nominating' || round.status === 'scoring' ? (
        <form className="form-grid" onSubmit={seat} aria-labelledby="round-seat">
          <h3 id="round-seat">{t('awards.rounds.seat')}</h3>
          <Field label={t('awards.rounds.jurorAccount')} hint={t('awards.rounds.jurorAccountHint')}>
            {(p) => (
              <select
                {...p}
                required
                value={juror}
                onChange={(e) => {
                  setJuror(e.target.value);
                  setName(candidates.find((u) => String(u.id) === e.target.value)?.displayName ?? '');
                }}
              >
                <option value="">{t('form.choose')}</option>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName ? `${u.displayName} (${u.email})` : u.email}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('awards.rounds.jurorName')}>
            {(p) => <input {...p} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div>
            <button type="submit" className="btn btn-secondary" disabled={busy || !juror}>
              {t('awards.rounds.seatButton')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Nominate({ round, user, onChanged }: { round: RoundView; user: User; onChanged(): void }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const [form, setForm] = useState({
    nomination: String(round.nominations[0]?.id ?? ''),
    name: '',
    region: user.role === 'rfo' ? (user.region ?? '') : '',
    justification: '',
  });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await post(`/api/awards/rounds/${round.id}/nominees`, {
        nomination: Number(form.nomination),
        name: form.name,
        region: form.region,
        justification: form.justification,
      });
      setForm({ ...form, name: '', justification: '' });
      setDone(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="round-nominate">
      <h2 id="round-nominate">{t('awards.rounds.nominate')}</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <Field label={t('awards.rounds.nomination')}>
          {(p) => (
            <select {...p} value={form.nomination} onChange={set('nomination')}>
              {round.nominations.map((n) => (
                <option key={n.id} value={n.id}>
                  {t(`awards.rounds.scope.${n.scope}`)}: {n.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('awards.nominee')}>
          {(p) => <input {...p} required maxLength={200} value={form.name} onChange={set('name')} />}
        </Field>
        {user.role === 'rfo' ? null : (
          <Field label={t('awards.region')}>
            {(p) => (
              <select {...p} required value={form.region} onChange={set('region')}>
                <option value="">{t('form.choose')}</option>
                {(territories ? unitsOfYear(territories, round.year) : []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {territoryName(territories, u.code, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('awards.justification')} hint={t('awards.rounds.justificationHint')}>
          {(p) => (
            <textarea
              {...p}
              required
              minLength={10}
              maxLength={4000}
              rows={3}
              value={form.justification}
              onChange={set('justification')}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="btn" disabled={busy}>
            {t('awards.rounds.nominateButton')}
          </button>
        </div>
      </form>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('awards.rounds.nominated')}
        </p>
      ) : null}
      <ErrorBox error={error} />
    </section>
  );
}
