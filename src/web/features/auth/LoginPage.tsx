// Sign-in for staff (RFO, national office, organisation coordinators). After signing in each role
// lands on its workspace; a viewer on the dashboard.
import { type FormEvent, useState } from 'react';
import { ErrorBox, Field, PageTitle } from '../../components/ui.tsx';
import { useT } from '../../lib/i18n.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { isNationalRole, useSession } from '../../lib/session.tsx';

export function homeOf(role: string): string {
  if (isNationalRole(role)) return '/national';
  if (role === 'rfo') return '/rfo';
  if (role === 'org_coordinator') return '/org';
  return '/';
}

export default function LoginPage() {
  const { t } = useT();
  const { login, user } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await login(email.trim(), password);
      const next = query.get('next');
      // Only a path of this site (not //elsewhere) is followed after signing in.
      navigate(next && /^\/(?![/\\])/.test(next) ? next : homeOf(u.role));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle sub={t('auth.lead')}>{t('auth.title')}</PageTitle>
      {user ? <p className="alert alert-info">{t('auth.already', { email: user.email })}</p> : null}
      <form onSubmit={submit} className="panel" aria-label={t('auth.title')}>
        <ErrorBox error={error} />
        <Field label={t('auth.email')}>
          {(p) => (
            <input
              {...p}
              name="email"
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
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" className="btn" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
    </div>
  );
}
