// The sign-in form of the login page and of the expired-session dialog: email and password, the
// refusal shown above them, and what happens once signed in left to the caller.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { type User, useSession } from '../lib/session.tsx';
import { CodedError } from './CodedError.tsx';
import { Field } from './ui.tsx';

export function SignInForm({
  email: initialEmail = '',
  onSignedIn,
  className,
  label,
  children,
  actions,
}: {
  email?: string;
  onSignedIn(user: User): void;
  className?: string;
  /** The form's accessible name when it has no heading of its own. */
  label?: string;
  /** What stands above the fields (a heading, a sentence). */
  children?: ReactNode;
  /** Buttons beside "Sign in". */
  actions?: ReactNode;
}) {
  const { t } = useT();
  const { login } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(email.trim(), password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className={className} aria-label={label}>
      {children}
      <CodedError error={error} />
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
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('auth.signIn')}
        </button>
        {actions}
      </div>
    </form>
  );
}
