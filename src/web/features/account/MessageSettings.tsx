// The signed-in user's message settings (GET/PATCH /api/auth/me/preferences): the language of the
// e-mails Birgemiz sends them, and whether they get the optional ones (deadline reminders, the
// national office's daily digest); returns, acceptances and reopenings always go. A section of the
// account page (AccountPage.tsx).
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Lang } from '../../../domain/lang.ts';
import type { Preferences } from '../../../modules/notifications/notifications.schemas.ts';
import { ErrorBox, LanguageSelect, Loading } from '../../components/ui.tsx';
import { patch } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { isNationalRole, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';

const PATH = '/api/auth/me/preferences';

export function MessageSettings() {
  const { t } = useT();
  const { user } = useSession();
  const rfo = user?.role === 'rfo';
  const national = !!user && isNationalRole(user.role);
  const headingId = useId();
  const hintId = useId();
  const loaded = useApi<Preferences>(PATH);
  const [lang, setLang] = useState<Lang>('ru');
  const [optional, setOptional] = useState(true);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setLang(loaded.data.lang);
    setOptional(loaded.data.notifyOptional);
  }, [loaded.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const next = await patch<Preferences>(PATH, { lang, notifyOptional: optional });
      setLang(next.lang);
      setOptional(next.notifyOptional);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="message-settings">
      <h2 id={headingId}>{t('messages.title')}</h2>
      <p className="muted">{t('messages.lead')}</p>
      <ErrorBox error={loaded.error ?? error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <form onSubmit={(e) => void submit(e)}>
          <LanguageSelect
            className="field"
            label={t('messages.lang')}
            value={lang}
            onChange={(l) => {
              setLang(l);
              setSaved(false);
            }}
          />
          <div className="field">
            <label>
              <input
                type="checkbox"
                name="notifyOptional"
                checked={optional}
                aria-describedby={hintId}
                onChange={(e) => {
                  setOptional(e.target.checked);
                  setSaved(false);
                }}
              />{' '}
              {t('messages.optional')}
            </label>
            <small id={hintId} className="muted">
              {rfo
                ? t('messages.optionalHintRfo')
                : national
                  ? t('messages.optionalHintNational')
                  : t('messages.optionalHint')}
            </small>
          </div>
          {rfo ? <p className="muted">{t('messages.always')}</p> : null}
          {saved ? (
            <p className="alert alert-success" role="status">
              {t('common.saved')}
            </p>
          ) : null}
          <button type="submit" className="btn" disabled={saving}>
            {t('common.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
