// The volunteer's short survey after a confirmed participation (issue 12 item 5): four questions,
// each a 1–5 radio group under its question, answered once. Optional: the volunteer opens it from
// the participation, and the organiser never sees the answers (only means over several).
import { type FormEvent, useId, useState } from 'react';
import { SURVEY_QUESTIONS, type SurveyQuestion } from '../../../domain/impact.ts';
import { ErrorBox } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { ScoreChoice } from './assessmentParts.tsx';

export function SurveyForm({
  application,
  title,
  onCancel,
  onDone,
}: {
  application: number;
  title: string;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useT();
  const id = useId();
  const [answers, setAnswers] = useState<Record<SurveyQuestion, number>>({
    satisfaction: 0,
    skillsGained: 0,
    wouldReturn: 0,
    belonging: 0,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const complete = SURVEY_QUESTIONS.every((q) => answers[q] > 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/applications/${application}/survey`, answers);
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
      data-testid="survey-form"
    >
      <h3 id={`${id}-title`}>{t('impact.survey.title', { title })}</h3>
      <p className="muted">{t('impact.survey.lead')}</p>
      {SURVEY_QUESTIONS.map((q) => (
        <ScoreChoice
          key={q}
          legend={t(`impact.survey.${q}`)}
          value={answers[q]}
          onChange={(v) => setAnswers({ ...answers, [q]: v })}
          testId={`survey-${q}`}
        />
      ))}
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy || !complete}>
          {t('impact.survey.send')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
