// The public appeal form (issue 13 item 1): anyone, without an account, writes to the information
// centre in kk, ru or en (the language of the page is the language of the answer). The form fetches
// its token when it opens; a field people never see stays empty (a robot fills it and is refused);
// a post faster than a person types is refused by the server, whose refusal is shown as any other.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { formTokenSchema, publicCreatedSchema } from '../../../modules/appeals/appeals.schemas.ts';
import { ErrorBox, PageTitle } from '../../components/ui.tsx';
import { get, post } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { type AppealDraft, AppealFields, draftBody, emptyDraft } from './AppealFields.tsx';

type FormToken = z.infer<typeof formTokenSchema>;
type Created = z.infer<typeof publicCreatedSchema>;

export default function PublicAppealPage() {
  const { t, lang } = useT();
  const [draft, setDraft] = useState<AppealDraft>(emptyDraft);
  const [website, setWebsite] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Created | null>(null);

  const newToken = useCallback(() => {
    get<FormToken>('/api/appeals/form')
      .then((r) => setToken(r.token))
      .catch(setError);
  }, []);
  useEffect(() => newToken(), [newToken]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const created = await post<Created>('/api/appeals/public', {
        ...draftBody(draft),
        lang,
        token,
        website,
      });
      setSent(created);
      setDraft(emptyDraft());
      setToken(null);
      newToken();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return (
      <div className="narrow">
        <PageTitle>{t('appeals.publicTitle')}</PageTitle>
        <div className="alert alert-success" role="status" data-testid="appeal-sent">
          <p>{t('appeals.sent', { reference: sent.reference })}</p>
          <p>{t('appeals.sentLead')}</p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => setSent(null)}>
          {t('appeals.another')}
        </button>
      </div>
    );

  return (
    <div className="narrow">
      <PageTitle sub={t('appeals.publicLead')}>{t('appeals.publicTitle')}</PageTitle>
      <form className="panel" onSubmit={(e) => void submit(e)} aria-label={t('appeals.publicTitle')}>
        <AppealFields draft={draft} onChange={setDraft} />
        {/* A field people do not see: a robot filling every field fills this one too. */}
        <div className="appeal-trap" aria-hidden="true">
          <label>
            {t('appeals.trap')}
            <input
              type="text"
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.target.value)}
            />
          </label>
        </div>
        <p className="muted">{t('appeals.privacy')}</p>
        <ErrorBox error={error} />
        <div className="actions">
          <button type="submit" className="btn" disabled={busy || !token}>
            {t('appeals.send')}
          </button>
        </div>
      </form>
    </div>
  );
}
