// Parts of assessments both ways (issue 12 items 3 and 7): a 1–5 choice as a radio group (a
// fieldset whose legend names it: keyboard and screen readers get it as one group), the
// coordinator's assessment of an attended volunteer, the volunteer's rating of an opportunity,
// an assessment's three scores and comment as facts, and the organiser's rating line. Texts typed
// by others are shown as typed (React escapes them).
import { type FormEvent, useId, useState } from 'react';
import type { AssessmentView } from '../../../modules/assessments/assessments.schemas.ts';
import { ErrorBox, Field } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useApi } from '../../lib/useApi.ts';

/** The three scores and the comment, as a list of facts (shared with the front office's queue). */
export function Scores({ a }: { a: AssessmentView }) {
  const { t } = useT();
  return (
    <>
      <dt>{t('assessments.reliability')}</dt>
      <dd data-testid="score-reliability">{t('assessments.scoreOf', { score: a.reliability })}</dd>
      <dt>{t('assessments.skills')}</dt>
      <dd data-testid="score-skills">{t('assessments.scoreOf', { score: a.skills })}</dd>
      <dt>{t('assessments.teamwork')}</dt>
      <dd data-testid="score-teamwork">{t('assessments.scoreOf', { score: a.teamwork })}</dd>
      {a.comment ? (
        <>
          <dt>{t('assessments.comment')}</dt>
          <dd className="opportunity-description" data-testid="assessment-comment">
            {a.comment}
          </dd>
        </>
      ) : null}
    </>
  );
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** A 1–5 choice: five radio buttons under a legend; 0 while none is chosen. */
export function ScoreChoice({
  legend,
  value,
  onChange,
  testId,
}: {
  legend: string;
  value: number;
  onChange(score: number): void;
  testId?: string;
}) {
  const { t } = useT();
  const name = useId();
  return (
    <fieldset className="score-choice" data-testid={testId}>
      <legend>{legend}</legend>
      {SCORES.map((s) => (
        <label key={s} className="check-line score-option">
          <input
            type="radio"
            name={name}
            value={s}
            required
            checked={value === s}
            onChange={() => onChange(s)}
            aria-label={t('assessments.scoreOf', { score: s })}
          />
          <span aria-hidden="true">{s}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The coordinator assesses the volunteer of an attended participation, once. */
export function AssessForm({
  application,
  name,
  onCancel,
  onDone,
}: {
  application: number;
  name: string;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useT();
  const id = useId();
  const [reliability, setReliability] = useState(0);
  const [skills, setSkills] = useState(0);
  const [teamwork, setTeamwork] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const complete = reliability > 0 && skills > 0 && teamwork > 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/applications/${application}/assessment`, {
        reliability,
        skills,
        teamwork,
        ...(comment.trim() ? { comment } : {}),
      });
      onDone();
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
      data-testid="assess-form"
    >
      <h4 id={`${id}-title`}>{t('assessments.assessTitle', { name })}</h4>
      <p className="muted">{t('assessments.assessLead')}</p>
      <ScoreChoice legend={t('assessments.reliability')} value={reliability} onChange={setReliability} />
      <ScoreChoice legend={t('assessments.skills')} value={skills} onChange={setSkills} />
      <ScoreChoice legend={t('assessments.teamwork')} value={teamwork} onChange={setTeamwork} />
      <Field label={t('assessments.comment')}>
        {(p) => <textarea {...p} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy || !complete}>
          {t('assessments.send')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The volunteer rates the opportunity of an attended participation, once. */
export function RateForm({
  application,
  onCancel,
  onDone,
}: {
  application: number;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useT();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [wentWell, setWentWell] = useState('');
  const [improve, setImprove] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/applications/${application}/rating`, {
        rating,
        ...(wentWell.trim() ? { wentWell } : {}),
        ...(improve.trim() ? { improve } : {}),
      });
      onDone();
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
      data-testid="rate-form"
    >
      <h3 id={`${id}-title`}>{t('assessments.rate')}</h3>
      <ScoreChoice legend={t('assessments.rating')} value={rating} onChange={setRating} />
      <Field label={t('assessments.wentWell')}>
        {(p) => <textarea {...p} rows={2} value={wentWell} onChange={(e) => setWentWell(e.target.value)} />}
      </Field>
      <Field label={t('assessments.improve')}>
        {(p) => <textarea {...p} rows={2} value={improve} onChange={(e) => setImprove(e.target.value)} />}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy || rating === 0}>
          {t('assessments.rateSend')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface OrganizationPublic {
  rating: number | null;
  ratings: number;
  responseHours: number | null;
  answered: number;
}

/** "4.3 ★ (12 ratings) · answers in ~5 h (40 answers)"; the parts without a figure are left out. */
export function OrganizerRating({ organization }: { organization: number }) {
  const { t, lang } = useT();
  const found = useApi<OrganizationPublic>(`/api/platform/organizations/${organization}/public`);
  const o = found.data;
  if (!o) return null;
  const parts: string[] = [];
  if (o.rating !== null && o.ratings > 0)
    parts.push(t('assessments.ratingLine', { rating: formatNumber(o.rating, lang, 1), count: o.ratings }));
  if (o.responseHours !== null && o.answered > 0)
    parts.push(
      o.responseHours < 1
        ? t('assessments.responseFast', { count: o.answered })
        : t('assessments.responseLine', {
            hours: formatNumber(Math.round(o.responseHours), lang),
            count: o.answered,
          }),
    );
  if (parts.length === 0) return null;
  return (
    <>
      <dt>{t('assessments.organizerRating')}</dt>
      <dd data-testid="organizer-rating">{parts.join(' · ')}</dd>
    </>
  );
}
