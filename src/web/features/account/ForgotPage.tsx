// "Forgot password" (/account/forgot, public): the e-mail address of the account; the server
// answers the same whether or not it has such an account, and mails a one-time link if it does, in
// the language of this page.
import { type FormEvent, useState } from 'react';
import { ErrorBox, Field, PageTitle } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { Link, useLocation } from '../../lib/router.tsx';

export default function ForgotPage() {
  const { t, lang } = useT();
  const { query } = useLocation();
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/forgot', { method: 'POST', body: { email: email.trim(), lang }, anonymous: true });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle sub={t('account.forgotLead')}>{t('account.forgotTitle')}</PageTitle>
      {sent ? (
        <p className="alert alert-success" role="status">
          {t('account.forgotSent')}
        </p>
      ) : (
        <form className="panel" onSubmit={submit} aria-label={t('account.forgotTitle')}>
          <ErrorBox error={error} />
          <Field label={t('auth.email')}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn" disabled={busy}>
              {t('account.forgotSend')}
            </button>
          </div>
        </form>
      )}
      <p>
        <Link to="/login">{t('account.backToLogin')}</Link>
      </p>
    </div>
  );
}
