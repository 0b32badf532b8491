// One appeal for staff (issue 13 item 1): what it is about and from where, the applicant's name and
// contact, the text as typed (React escapes it), the answer and result, the due times and overdue
// flags, and its history; with the steps its status allows: assign (to the national office or the
// region's front office), answer (mailed to the applicant where an address was left), resolve,
// close (duplicate, spam, no contact) and reopen. Every step reloads the appeal.
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import type { AppealView, assigneeListSchema } from '../../../modules/appeals/appeals.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatKzDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { OverdueFlags, Place, STAFF_ROLES, StatusBadge } from './appealParts.tsx';

type Assignees = z.infer<typeof assigneeListSchema>;
const CLOSE_REASONS = ['duplicate', 'spam', 'no_contact'] as const;

export default function AppealPage({ id }: { id: string }) {
  return <RequireRole roles={STAFF_ROLES}>{(user) => <Appeal id={id} user={user} />}</RequireRole>;
}

function Appeal({ id, user }: { id: string; user: User }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const appeal = useApi<AppealView>(`/api/appeals/${encodeURIComponent(id)}`);
  const a = appeal.data;
  if (!a)
    return (
      <div>
        <PageTitle>{t('appeals.appealTitle', { reference: '' })}</PageTitle>
        <ErrorBox error={appeal.error} />
        {appeal.loading ? <Loading /> : null}
      </div>
    );
  const code = (list: string, c: string | null) => (c ? codeName(lists, list, c, lang) : '—');
  return (
    <div className="appeal-page">
      <PageTitle sub={<Link to="/appeals">{t('appeals.backToQueue')}</Link>}>
        {t('appeals.appealTitle', { reference: a.reference })}
      </PageTitle>
      <p>
        <StatusBadge status={a.status} /> <OverdueFlags overdue={a.overdue} />
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="appeal-facts">
          <h2 id="appeal-facts">{t('appeals.facts')}</h2>
          <dl className="facts facts-long">
            <dt>{t('appeals.received')}</dt>
            <dd>{formatKzDateTime(a.receivedAt, lang)}</dd>
            <dt>{t('appeals.channel')}</dt>
            <dd>{code('appeal_channel', a.channel)}</dd>
            <dt>{t('appeals.topic')}</dt>
            <dd>{code('appeal_topic', a.topic)}</dd>
            <dt>{t('appeals.related')}</dt>
            <dd>{a.related ? t('appeals.relatedYes') : t('appeals.relatedNo')}</dd>
            <dt>{t('appeals.gender')}</dt>
            <dd>{a.gender ? code('gender', a.gender) : t('appeals.genderNotSaid')}</dd>
            <dt>{t('appeals.place')}</dt>
            <dd>
              <Place a={a} />
            </dd>
            <dt>{t('appeals.source')}</dt>
            <dd>{t(`appeals.sources.${a.source}`)}</dd>
            <dt>{t('appeals.assignee')}</dt>
            <dd data-testid="appeal-assignee">
              {a.assignee?.name ?? (a.status === 'new' ? t('appeals.nobody') : '—')}
            </dd>
            <dt>{t('appeals.responseDue')}</dt>
            <dd>{formatKzDateTime(a.overdue.responseDue, lang)}</dd>
            <dt>{t('appeals.firstResponse')}</dt>
            <dd>{formatKzDateTime(a.firstResponseAt, lang)}</dd>
            <dt>{t('appeals.resolutionDue')}</dt>
            <dd>{formatKzDateTime(a.overdue.resolutionDue, lang)}</dd>
            <dt>{t('appeals.resolvedAt')}</dt>
            <dd>{formatKzDateTime(a.resolvedAt, lang)}</dd>
            {a.closeReason ? (
              <>
                <dt>{t('appeals.closeReason')}</dt>
                <dd>{code('appeal_close_reason', a.closeReason)}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="appeal-applicant">
          <h2 id="appeal-applicant">{t('appeals.applicant')}</h2>
          <p className="muted">{t('appeals.privateNote')}</p>
          <dl className="facts facts-long">
            <dt>{t('appeals.name')}</dt>
            <dd data-testid="appeal-name">{a.applicant.name ?? '—'}</dd>
            <dt>{t('appeals.email')}</dt>
            <dd>{a.applicant.email ?? '—'}</dd>
            <dt>{t('appeals.phone')}</dt>
            <dd>{a.applicant.phone ?? '—'}</dd>
            <dt>{t('appeals.language')}</dt>
            <dd>{a.lang === 'kk' || a.lang === 'ru' || a.lang === 'en' ? t(`lang.${a.lang}`) : '—'}</dd>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="appeal-text">
        <h2 id="appeal-text">{t('appeals.staffText')}</h2>
        <p className="appeal-text" data-testid="appeal-text">
          {a.text ?? t('appeals.noText')}
        </p>
        {a.answer ? (
          <>
            <h3>{t('appeals.answer')}</h3>
            <p className="appeal-text">{a.answer}</p>
          </>
        ) : null}
        {a.result ? (
          <>
            <h3>{t('appeals.result')}</h3>
            <p className="appeal-text">{a.result}</p>
          </>
        ) : null}
      </section>
      <Steps a={a} user={user} onDone={appeal.reload} />
      <History a={a} />
    </div>
  );
}

/** A step's form: its fields, its error, a submit button. */
function StepForm({
  title,
  submitLabel,
  danger,
  children,
  send,
  onDone,
}: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  children?: ReactNode;
  send(): Promise<unknown>;
  onDone(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send();
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="appeal-step" onSubmit={(e) => void submit(e)} aria-label={title}>
      <h3>{title}</h3>
      {children}
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className={danger ? 'btn btn-secondary' : 'btn'} disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function Steps({ a, user, onDone }: { a: AppealView; user: User; onDone(): void }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const open = a.status === 'new' || a.status === 'in_progress';
  const assignees = useApi<Assignees>(open ? `/api/appeals/${a.id}/assignees` : null);
  const [assignee, setAssignee] = useState('');
  const [answer, setAnswer] = useState('');
  const [final, setFinal] = useState('');
  const [result, setResult] = useState('');
  const [reason, setReason] = useState<(typeof CLOSE_REASONS)[number]>('duplicate');
  const [note, setNote] = useState('');
  const url = (step: string) => `/api/appeals/${a.id}/${step}`;
  const done = () => {
    setAnswer('');
    setFinal('');
    setResult('');
    setNote('');
    onDone();
  };
  return (
    <section className="panel" aria-labelledby="appeal-steps">
      <h2 id="appeal-steps">{t('appeals.steps')}</h2>
      {a.applicant.email ? (
        <p className="muted">{t('appeals.answerMailed', { email: a.applicant.email })}</p>
      ) : open ? (
        <p className="muted">{t('appeals.answerNotMailed')}</p>
      ) : null}
      {open ? (
        <StepForm
          title={t('appeals.assign')}
          submitLabel={t('appeals.assignSubmit')}
          send={() => post(url('assign'), { assignee: Number(assignee || user.id) })}
          onDone={done}
        >
          <ErrorBox error={assignees.error} />
          <Field label={t('appeals.assignTo')}>
            {(p) => (
              <select {...p} name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">{t('appeals.me')}</option>
                {(assignees.data?.items ?? [])
                  .filter((u) => u.id !== user.id)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({codeName(lists, 'role', u.role, lang)})
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </StepForm>
      ) : null}
      {a.status === 'in_progress' ? (
        <StepForm
          title={t('appeals.answerStep')}
          submitLabel={t('appeals.answerSubmit')}
          send={() => post(url('answer'), { text: answer })}
          onDone={done}
        >
          <Field label={t('appeals.answer')}>
            {(p) => (
              <textarea
                {...p}
                name="answer"
                required
                rows={4}
                maxLength={5000}
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
              />
            )}
          </Field>
        </StepForm>
      ) : null}
      {a.status === 'in_progress' ? (
        <StepForm
          title={t('appeals.resolve')}
          submitLabel={t('appeals.resolveSubmit')}
          send={() => post(url('resolve'), { ...(final.trim() ? { answer: final } : {}), result })}
          onDone={done}
        >
          <Field label={t('appeals.finalAnswer')} hint={a.answer ? t('appeals.finalAnswerHint') : undefined}>
            {(p) => (
              <textarea
                {...p}
                name="final"
                required={!a.answer}
                rows={4}
                maxLength={5000}
                value={final}
                onChange={(e) => setFinal(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('appeals.result')}>
            {(p) => (
              <textarea
                {...p}
                name="result"
                required
                rows={3}
                maxLength={5000}
                value={result}
                onChange={(e) => setResult(e.target.value)}
              />
            )}
          </Field>
        </StepForm>
      ) : null}
      {open ? (
        <StepForm
          title={t('appeals.close')}
          submitLabel={t('appeals.closeSubmit')}
          danger
          send={() => post(url('close'), { reason, note: note.trim() || null })}
          onDone={done}
        >
          <Field label={t('appeals.closeReason')}>
            {(p) => (
              <select
                {...p}
                name="reason"
                value={reason}
                onChange={(e) => setReason(e.target.value as (typeof CLOSE_REASONS)[number])}
              >
                {CLOSE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {codeName(lists, 'appeal_close_reason', r, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('appeals.note')}>
            {(p) => (
              <input
                {...p}
                name="note"
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
        </StepForm>
      ) : (
        <StepForm
          title={t('appeals.reopen')}
          submitLabel={t('appeals.reopenSubmit')}
          send={() => post(url('reopen'), { note })}
          onDone={done}
        >
          <Field label={t('appeals.note')}>
            {(p) => (
              <input
                {...p}
                name="note"
                required
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
        </StepForm>
      )}
    </section>
  );
}

function History({ a }: { a: AppealView }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  return (
    <section className="panel" aria-labelledby="appeal-history">
      <h2 id="appeal-history">{t('appeals.history')}</h2>
      <ol className="appeal-history">
        {a.events.map((e) => (
          <li key={e.id} data-testid="appeal-event">
            <strong>{t(`appeals.events.${e.kind}`)}</strong>{' '}
            <span className="muted">
              {formatKzDateTime(e.at, lang)} · {e.by?.name ?? t('appeals.applicantSelf')}
            </span>
            {e.assignee ? <div>{t('appeals.assignedTo', { name: e.assignee.name })}</div> : null}
            {e.kind === 'closed' && e.reason ? (
              <div>{codeName(lists, 'appeal_close_reason', e.reason, lang)}</div>
            ) : null}
            {e.text ? <p className="appeal-text">{e.text}</p> : null}
            {e.kind === 'answered' ? (
              <div className="muted">{e.mailed ? t('appeals.mailed') : t('appeals.notMailed')}</div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
