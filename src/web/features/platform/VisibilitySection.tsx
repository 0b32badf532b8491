// The volunteer's privacy towards organisations (issue 12 items 4 and 7): being findable (off by
// default, withdrawn at once), what organisations may see, when he is available, and which
// organisations viewed him in their searches or invited him.
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import { SHOWABLE, type Showable, type visibilitySchema } from '../../../modules/finding/finding.schemas.ts';
import { ErrorBox, Field } from '../../components/ui.tsx';
import { put } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';

type Visibility = z.infer<typeof visibilitySchema>;

export function VisibilitySection() {
  const { t, lang } = useT();
  const id = useId();
  const loaded = useApi<Visibility>('/api/platform/volunteers/me/visibility');
  const [state, setState] = useState<Visibility | null>(null);
  const [findable, setFindable] = useState(false);
  const [show, setShow] = useState<Showable[]>([...SHOWABLE]);
  const [availability, setAvailability] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!loaded.data) return;
    setState(loaded.data);
    setFindable(loaded.data.findable);
    setShow(loaded.data.show);
    setAvailability(loaded.data.availability ?? '');
  }, [loaded.data]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setState(
        await put<Visibility>('/api/platform/volunteers/me/visibility', { findable, show, availability }),
      );
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const v = state;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="visibility">
      <h2 id={`${id}-title`}>{t('finding.title')}</h2>
      <p className="muted">{t('finding.lead')}</p>
      <ErrorBox error={loaded.error ?? error} />
      <form onSubmit={(e) => void save(e)}>
        <label className="check-line">
          <input type="checkbox" checked={findable} onChange={(e) => setFindable(e.target.checked)} />{' '}
          {t('finding.findable')}
        </label>
        <fieldset className="plain-fieldset" disabled={!findable}>
          <legend>{t('finding.show')}</legend>
          {SHOWABLE.map((s) => (
            <label key={s} className="check-line">
              <input
                type="checkbox"
                checked={show.includes(s)}
                onChange={(e) => setShow(e.target.checked ? [...show, s] : show.filter((x) => x !== s))}
              />{' '}
              {t(`finding.fields.${s}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('finding.availability')} hint={t('finding.availabilityHint')}>
          {(p) => (
            <input
              {...p}
              maxLength={300}
              value={availability}
              onChange={(e) => setAvailability(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn" disabled={busy}>
          {t('finding.save')}
        </button>
        {saved ? (
          <p className="alert alert-success" role="status">
            {t(v?.findable ? 'finding.savedOn' : 'finding.savedOff')}
          </p>
        ) : null}
      </form>
      {v ? (
        <>
          <h3>{t('finding.views')}</h3>
          {v.views.length === 0 ? (
            <p className="muted">{t('finding.noViews')}</p>
          ) : (
            <ul className="plain-list" data-testid="views">
              {v.views.map((w) => (
                <li key={`${w.organization}-${w.day}`}>
                  {formatDate(w.day, lang)}: {w.organization}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('finding.invitations')}</h3>
          {v.invitations.length === 0 ? (
            <p className="muted">{t('finding.noInvitations')}</p>
          ) : (
            <ul className="plain-list" data-testid="invitations">
              {v.invitations.map((i) => (
                <li key={`${i.opportunity.id}-${i.at}`}>
                  {formatDateTime(i.at, lang)}: {i.organization} —{' '}
                  <Link to={`/platform/opportunities/${i.opportunity.id}`}>{i.opportunity.title}</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
