// Opened when a call answers 401 while the user was working: signing in again resumes the call
// and the page underneath (with its form) stays as it was.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorBox, Field } from './ui.tsx';

export function SignInDialog() {
  const { t } = useT();
  const { user, login, resolveExpired } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      resolveExpired(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="signin-title"
      onCancel={() => resolveExpired(false)}
      className="dialog"
    >
      <form onSubmit={submit}>
        <h2 id="signin-title">{t('auth.expiredTitle')}</h2>
        <p>{t('auth.expiredText')}</p>
        <ErrorBox error={error} />
        <Field label={t('auth.email')}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('auth.password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('auth.signIn')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => resolveExpired(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
