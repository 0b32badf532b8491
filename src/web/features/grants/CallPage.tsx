// A call of the "Zhana Bastama" competition (issue 13 items 5 and 7), for each of its people:
// - the applicant (the coordinator of a verified organisation): the application form while the call
//   is open, then his application's status, score and rank once selected, and — for a winner — the
//   follow-up report on the project's page, flagged when overdue;
// - the regional commission (the front office of the region): its region's applications, each
//   scored 1–10 with a comment while the call is scored;
// - the national office: every application with its scores, closing the applications, then
//   selecting the winners; unreported winners flagged.
// The rules (scale, tie rule, quota and budget) are stated on the page as the server applies them.
import { useId, useState } from 'react';
import type {
  ApplicationBody,
  CompetitionApplication,
  CompetitionCall,
} from '../../../modules/competition/competition.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post, put } from '../../lib/api.ts';
import { formatDate, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { isNationalRole, type User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { GrantLinks, numberOrNull, useSubmit } from './parts.tsx';

export default function CallPage({ id }: { id: string }) {
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo', 'org_coordinator']}>
      {(user) => <Call id={id} user={user} />}
    </RequireRole>
  );
}

function Call({ id, user }: { id: string; user: User }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const c = useApi<CompetitionCall>(`/api/competition/calls/${encodeURIComponent(id)}`);
  const d = c.data;
  return (
    <div className="platform-page">
      <ErrorBox error={c.error} />
      {c.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <PageTitle sub={t(`competition.statuses.${d.status}`)}>{d.title}</PageTitle>
          <GrantLinks />
          <dl className="facts facts-long">
            <dt>{t('competition.grantor')}</dt>
            <dd>{d.grantor}</dd>
            <dt>{t('competition.cap')}</dt>
            <dd>{formatNumber(d.budgetCapKzt, lang)}</dd>
            <dt>{t('competition.reportDue')}</dt>
            <dd>{formatDate(d.reportDue, lang)}</dd>
          </dl>
          <details className="subpanel">
            <summary>{t('competition.rulesTitle')}</summary>
            <ul>
              <li>{t('competition.rules.eligibility', { cap: formatNumber(d.budgetCapKzt, lang) })}</li>
              <li>{t('competition.rules.scale', { min: d.scale.min, max: d.scale.max })}</li>
              <li>{t('competition.rules.selection')}</li>
              <li>{t('competition.rules.ties')}</li>
              <li>{t('competition.rules.reports')}</li>
            </ul>
          </details>
          <TableWrap>
            <table data-testid="quotas">
              <caption>{t('competition.quotasCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('competition.region')}</th>
                  <th scope="col">{t('competition.quota')}</th>
                  <th scope="col">{t('competition.budget')}</th>
                  <th scope="col">{t('competition.applications')}</th>
                  <th scope="col">{t('competition.winners')}</th>
                </tr>
              </thead>
              <tbody>
                {d.quotas.map((q) => (
                  <tr key={q.region}>
                    <th scope="row">{territoryName(territories, q.region, lang)}</th>
                    <td className="num">{formatNumber(q.quota, lang)}</td>
                    <td className="num">{formatNumber(q.budgetKzt, lang)}</td>
                    <td className="num">{formatNumber(q.applications, lang)}</td>
                    <td className="num">{formatNumber(q.winners, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {user.role === 'org_coordinator' ? <Applicant call={d} onDone={c.reload} /> : null}
          {user.role === 'rfo' ? <Commission call={d} onDone={c.reload} /> : null}
          {isNationalRole(user.role) ? <National call={d} onDone={c.reload} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** One application's facts, as every side reads them. */
function Facts({ a }: { a: CompetitionApplication }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  return (
    <dl className="facts facts-long">
      <dt>{t('competition.organization')}</dt>
      <dd>{a.organization.name}</dd>
      <dt>{t('competition.area')}</dt>
      <dd>{codeName(lists, 'area', a.area, lang)}</dd>
      <dt>{t('competition.budgetAsked')}</dt>
      <dd>{formatNumber(a.budgetKzt, lang)}</dd>
      <dt>{t('competition.expected')}</dt>
      <dd>
        {t('competition.expectedValue', {
          volunteers: formatNumber(a.expectedVolunteers, lang),
          beneficiaries: formatNumber(a.expectedBeneficiaries, lang),
        })}
      </dd>
      <dt>{t('competition.applicationStatus')}</dt>
      <dd data-testid="application-status">
        {t(`competition.applicationStatuses.${a.status}`)}
        {a.outcome && a.outcome !== 'selected' ? ` (${t(`competition.outcomes.${a.outcome}`)})` : ''}
      </dd>
      {a.score !== null ? (
        <>
          <dt>{t('competition.meanScore')}</dt>
          <dd data-testid="mean-score">
            {t('competition.scoreValue', { score: formatNumber(a.score, lang, 2), count: a.scores ?? 0 })}
          </dd>
        </>
      ) : null}
      {a.rank !== null ? (
        <>
          <dt>{t('competition.rank')}</dt>
          <dd>{formatNumber(a.rank, lang)}</dd>
        </>
      ) : null}
      {a.reported ? (
        <>
          <dt>{t('competition.followUp')}</dt>
          <dd data-testid="follow-up">
            {a.unreported ? (
              <span className="badge badge-late">{t('competition.unreported')}</span>
            ) : (
              t('competition.reportedValue', {
                volunteers: formatNumber(a.reported.volunteers, lang),
                hours: formatHours(a.reported.hours, lang),
                beneficiaries: formatNumber(a.reported.beneficiaries, lang),
              })
            )}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Applicant({ call, onDone }: { call: CompetitionCall; onDone(): void }) {
  const { t } = useT();
  const mine = call.applications[0];
  if (mine)
    return (
      <section className="panel" aria-labelledby="my-application">
        <h2 id="my-application">{mine.title}</h2>
        <p className="opportunity-description">{mine.description}</p>
        <Facts a={mine} />
        {mine.projectId !== null ? (
          <p>
            <Link className="btn" to={`/grants/projects/${mine.projectId}`}>
              {t('competition.reportLink')}
            </Link>
          </p>
        ) : null}
      </section>
    );
  if (call.status !== 'open')
    return <p className="alert alert-info">{t('competition.closedForApplications')}</p>;
  return <ApplyForm call={call} onDone={onDone} />;
}

function ApplyForm({ call, onDone }: { call: CompetitionCall; onDone(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const lists = useCodeLists();
  const [f, setF] = useState({
    title: '',
    area: 'bilim',
    description: '',
    budgetKzt: '',
    expectedVolunteers: '',
    expectedBeneficiaries: '',
  });
  const s = useSubmit();
  const text = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = s.run(
    () =>
      post(`/api/competition/calls/${call.id}/applications`, {
        title: f.title,
        area: f.area,
        description: f.description,
        budgetKzt: numberOrNull(f.budgetKzt) ?? 0,
        expectedVolunteers: numberOrNull(f.expectedVolunteers) ?? 0,
        expectedBeneficiaries: numberOrNull(f.expectedBeneficiaries) ?? 0,
      } satisfies ApplicationBody),
    onDone,
  );
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('competition.applyTitle')}</h2>
      <div className="form-grid">
        <Field label={t('competition.projectTitle')}>
          {(p) => <input {...p} required value={f.title} onChange={text('title')} />}
        </Field>
        <Field label={t('competition.area')}>
          {(p) => (
            <select {...p} value={f.area} onChange={text('area')}>
              {(lists?.area ?? []).map((a) => (
                <option key={a.code} value={a.code}>
                  {codeName(lists, 'area', a.code, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('competition.budgetAsked')}
          hint={t('competition.capHint', { cap: formatNumber(call.budgetCapKzt, lang) })}
        >
          {(p) => (
            <input {...p} required inputMode="decimal" value={f.budgetKzt} onChange={text('budgetKzt')} />
          )}
        </Field>
        <Field label={t('competition.expectedVolunteers')}>
          {(p) => (
            <input
              {...p}
              required
              inputMode="numeric"
              value={f.expectedVolunteers}
              onChange={text('expectedVolunteers')}
            />
          )}
        </Field>
        <Field label={t('competition.expectedBeneficiaries')}>
          {(p) => (
            <input
              {...p}
              required
              inputMode="numeric"
              value={f.expectedBeneficiaries}
              onChange={text('expectedBeneficiaries')}
            />
          )}
        </Field>
      </div>
      <Field label={t('competition.description')}>
        {(p) => <textarea {...p} required rows={4} value={f.description} onChange={text('description')} />}
      </Field>
      <ErrorBox error={s.error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy}>
          {t('competition.apply')}
        </button>
      </div>
    </form>
  );
}

function Commission({ call, onDone }: { call: CompetitionCall; onDone(): void }) {
  const { t } = useT();
  if (call.applications.length === 0)
    return <p className="alert alert-info">{t('competition.noApplications')}</p>;
  return (
    <section aria-labelledby="commission">
      <h2 id="commission">{t('competition.commissionTitle')}</h2>
      <p className="muted">
        {t(call.status === 'scoring' ? 'competition.commissionLead' : 'competition.notScoring')}
      </p>
      <ul className="plain-list">
        {call.applications.map((a) => (
          <li key={a.id} className="panel" data-testid="application">
            <h3>{a.title}</h3>
            <p className="opportunity-description">{a.description}</p>
            <Facts a={a} />
            {call.status === 'scoring' && a.status === 'submitted' ? (
              <ScoreForm call={call} a={a} onDone={onDone} />
            ) : a.myScore ? (
              <p>{t('competition.myScoreValue', { score: a.myScore.score })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScoreForm({
  call,
  a,
  onDone,
}: {
  call: CompetitionCall;
  a: CompetitionApplication;
  onDone(): void;
}) {
  const { t } = useT();
  const [score, setScore] = useState(a.myScore ? String(a.myScore.score) : '');
  const [comment, setComment] = useState(a.myScore?.comment ?? '');
  const [saved, setSaved] = useState(false);
  const s = useSubmit();
  const submit = s.run(
    () =>
      put(`/api/competition/applications/${a.id}/score`, {
        score: Number(score),
        comment: comment.trim() || null,
      }),
    () => {
      setSaved(true);
      onDone();
    },
  );
  return (
    <form className="subpanel" onSubmit={submit} aria-label={t('competition.scoreOf', { title: a.title })}>
      <div className="form-grid">
        <Field label={t('competition.myScore', { min: call.scale.min, max: call.scale.max })}>
          {(p) => (
            <input
              {...p}
              type="number"
              required
              step={1}
              value={score}
              onChange={(e) => {
                setSaved(false);
                setScore(e.target.value);
              }}
            />
          )}
        </Field>
        <Field label={t('competition.scoreComment')}>
          {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
      </div>
      <ErrorBox error={s.error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('competition.scoreSaved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn btn-small" disabled={s.busy || score === ''}>
          {t('competition.saveScore')}
        </button>
      </div>
    </form>
  );
}

function National({ call, onDone }: { call: CompetitionCall; onDone(): void }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const s = useSubmit();
  const unreported = call.applications.filter((a) => a.unreported).length;
  return (
    <section aria-labelledby="applications">
      <h2 id="applications">{t('competition.applications')}</h2>
      {call.status !== 'selected' ? (
        <div className="actions">
          {call.status === 'open' ? (
            <button
              type="button"
              className="btn"
              disabled={s.busy}
              onClick={s.run(() => post(`/api/competition/calls/${call.id}/close-applications`), onDone)}
            >
              {t('competition.closeApplications')}
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={s.busy}
              onClick={s.run(() => post(`/api/competition/calls/${call.id}/select`), onDone)}
            >
              {t('competition.select')}
            </button>
          )}
        </div>
      ) : null}
      <ErrorBox error={s.error} />
      {unreported ? (
        <p className="alert alert-warning" data-testid="unreported-count">
          {t('competition.unreportedCount', { count: unreported })}
        </p>
      ) : null}
      {call.applications.length === 0 ? (
        <p className="alert alert-info">{t('competition.noApplications')}</p>
      ) : null}
      {call.applications.length ? (
        <TableWrap>
          <table data-testid="applications">
            <caption>{t('competition.applicationsCaption', { count: call.applications.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('competition.projectTitle')}</th>
                <th scope="col">{t('competition.organization')}</th>
                <th scope="col">{t('competition.region')}</th>
                <th scope="col">{t('competition.budgetAsked')}</th>
                <th scope="col">{t('competition.meanScore')}</th>
                <th scope="col">{t('competition.rank')}</th>
                <th scope="col">{t('competition.applicationStatus')}</th>
                <th scope="col">{t('competition.followUp')}</th>
              </tr>
            </thead>
            <tbody>
              {call.applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.projectId !== null ? (
                      <Link to={`/grants/projects/${a.projectId}`}>{a.title}</Link>
                    ) : (
                      a.title
                    )}
                  </th>
                  <td>{a.organization.name}</td>
                  <td>{territoryName(territories, a.region, lang)}</td>
                  <td className="num">{formatNumber(a.budgetKzt, lang)}</td>
                  <td className="num">
                    {a.score === null
                      ? '–'
                      : t('competition.scoreValue', {
                          score: formatNumber(a.score, lang, 2),
                          count: a.scores ?? 0,
                        })}
                  </td>
                  <td className="num">{formatNumber(a.rank, lang)}</td>
                  <td>
                    {t(`competition.applicationStatuses.${a.status}`)}
                    {a.outcome && a.outcome !== 'selected'
                      ? ` (${t(`competition.outcomes.${a.outcome}`)})`
                      : ''}
                  </td>
                  <td>
                    {a.unreported ? (
                      <span className="badge badge-late">{t('competition.unreported')}</span>
                    ) : a.reported ? (
                      formatHours(a.reported.hours, lang)
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
