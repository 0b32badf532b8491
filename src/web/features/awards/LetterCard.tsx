// One letter of thanks or Best Volunteer letter (issue 13 items 2 and 7): whom it is for, the
// reasons as they stood when chosen, the front office's words and the national office's answer;
// the actions the reader may take at its status (approve or return with a comment; withdraw; issue),
// and once issued its code, the PDF in kk, ru and en and the public check.
import { type FormEvent, useId, useState } from 'react';
import { LANGS } from '../../../domain/lang.ts';
import type { LetterView } from '../../../modules/awards/letters.schemas.ts';
import { ErrorBox, Field } from '../../components/ui.tsx';
import { del, post } from '../../lib/api.ts';
import { formatKzDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { periodText } from '../../lib/periodText.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import type { User } from '../../lib/session.tsx';
import { isVolunteerFigures, organizationReasons, volunteerReasons } from './awardText.ts';

const BADGE: Record<LetterView['status'], string> = {
  chosen: 'badge badge-submitted',
  approved: 'badge badge-accepted',
  returned: 'badge badge-returned',
  issued: 'badge badge-accepted',
};

export const mayChoose = (u: User) => u.role === 'rfo' || u.role === 'national_admin';
export const mayDecide = (u: User) => u.role === 'national_admin' || u.role === 'national_analyst';

export function LetterCard({
  letter,
  user,
  onChanged,
  level = 3,
}: {
  letter: LetterView;
  user: User;
  onChanged(): void;
  /** The card's heading level under the section's. */
  level?: 3 | 4;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setReturning(false);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const decide = (decision: 'approve' | 'return') =>
    run(() =>
      post(
        `/api/awards/letters/${letter.id}/decision`,
        decision === 'return' ? { decision, comment } : { decision },
      ),
    );
  const submitReturn = (e: FormEvent) => {
    e.preventDefault();
    void decide('return');
  };
  const reasons = isVolunteerFigures(letter.reasons)
    ? volunteerReasons(t, lang, letter.reasons)
    : organizationReasons(t, lang, letter.reasons);
  const pending = letter.status === 'chosen';
  return (
    <li className="panel" data-testid="letter" data-status={letter.status} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{letter.name}</Heading>
      <p>
        <span className={BADGE[letter.status]} data-testid="letter-status">
          {t(`awards.letterStatus.${letter.status}`)}
        </span>{' '}
        {letter.illustrative ? <span className="badge badge-draft">{t('awards.illustrative')}</span> : null}
      </p>
      <dl className="facts facts-long">
        <dt>{t('awards.kind')}</dt>
        <dd>
          {t(`awards.kinds.${letter.kind}`)} · {periodText(t, letter.period)} ·{' '}
          {territoryName(territories, letter.region, lang)}
        </dd>
        <dt>{t('awards.reasonsTitle')}</dt>
        <dd>{reasons}</dd>
        {letter.justification ? (
          <>
            <dt>{t('awards.justification')}</dt>
            <dd className="opportunity-description">{letter.justification}</dd>
          </>
        ) : null}
        {letter.decisionComment ? (
          <>
            <dt>{t('awards.decisionComment')}</dt>
            <dd className="opportunity-description" data-testid="letter-comment">
              {letter.decisionComment}
            </dd>
          </>
        ) : null}
        {letter.code ? (
          <>
            <dt>{t('awards.code')}</dt>
            <dd>
              <strong data-testid="letter-code">{letter.code}</strong>
              {letter.issuedAt ? ` · ${formatKzDateTime(letter.issuedAt, lang)}` : null}
            </dd>
          </>
        ) : null}
      </dl>
      {letter.pdfUrl ? (
        <p className="actions">
          {LANGS.map((l) => (
            <a
              key={l}
              className="btn btn-secondary btn-small"
              href={`${letter.pdfUrl}?lang=${l}`}
              download
              aria-describedby={`${id}-title`}
              data-testid={`letter-pdf-${l}`}
            >
              {t('awards.pdfIn', { lang: t(`lang.${l}`) })}
            </a>
          ))}
          {letter.verifyUrl ? (
            <a href={letter.verifyUrl} aria-describedby={`${id}-title`}>
              {t('awards.checkCode')}
            </a>
          ) : null}
        </p>
      ) : null}
      <ErrorBox error={error} />
      {pending && mayDecide(user) && !returning ? (
        <div className="actions">
          <button
            type="button"
            className="btn"
            disabled={busy}
            aria-describedby={`${id}-title`}
            onClick={() => void decide('approve')}
          >
            {t('awards.approve')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-title`}
            onClick={() => setReturning(true)}
          >
            {t('awards.return')}
          </button>
        </div>
      ) : null}
      {returning ? (
        <form className="subpanel" onSubmit={submitReturn} aria-labelledby={`${id}-title`}>
          <Field label={t('awards.returnComment')}>
            {(p) => (
              <textarea
                {...p}
                required
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-danger" disabled={busy || !comment.trim()}>
              {t('awards.return')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setReturning(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {mayChoose(user) && (pending || letter.status === 'returned' || letter.status === 'approved') ? (
        <div className="actions">
          {letter.status === 'approved' ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              aria-describedby={`${id}-title`}
              onClick={() => void run(() => post(`/api/awards/letters/${letter.id}/issue`))}
            >
              {t('awards.issue')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              aria-describedby={`${id}-title`}
              onClick={() => void run(() => del(`/api/awards/letters/${letter.id}`))}
            >
              {t('awards.withdraw')}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
