// The signed-in user's own page (/account): a list of sections, each about one thing of the
// account: the password, the e-mails Birgemiz sends. A section is a component rendered in SECTIONS'
// order.
import { type FormEvent, type ReactNode, useState } from 'react';
import { ROLES } from '../../../domain/policy.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import type { User } from '../../lib/session.tsx';
import { MessageSettings } from './MessageSettings.tsx';
import { type NewPassword, newPasswordProblem, PasswordFields } from './PasswordFields.tsx';

/** One section of the page: a heading and its content. */
export function AccountSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Change the password: the current one, the new one twice. Other sessions end, this one stays. */
function PasswordSection() {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState<NewPassword>({ next: '', repeat: '' });
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    const problem = newPasswordProblem(t, pw);
    setMismatch(problem);
    if (problem) return;
    setBusy(true);
    try {
      await post('/api/auth/password', { current, next: pw.next });
      setDone(true);
      setCurrent('');
      setPw({ next: '', repeat: '' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AccountSection id="account-password" title={t('account.passwordTitle')}>
      <p className="muted">{t('account.passwordLead')}</p>
      <form onSubmit={submit} aria-labelledby="account-password" noValidate>
        <ErrorBox error={error} />
        {done ? (
          <p className="alert alert-success" role="status">
            {t('account.changed')}
          </p>
        ) : null}
        <Field label={t('account.current')}>
          {(p) => (
            <input
              {...p}
              name="current-password"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <PasswordFields value={pw} onChange={setPw} error={mismatch} />
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('account.change')}
          </button>
        </div>
      </form>
    </AccountSection>
  );
}

/** The sections of the page, in order. */
const SECTIONS: ((props: { user: User }) => ReactNode)[] = [PasswordSection, MessageSettings];

export default function AccountPage() {
  const { t } = useT();
  return (
    <RequireRole roles={[...ROLES]}>
      {(user) => (
        <div className="narrow">
          <PageTitle sub={t('account.signedInAs', { email: user.email })}>{t('account.title')}</PageTitle>
          {SECTIONS.map((Section, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
            <Section key={i} user={user} />
          ))}
        </div>
      )}
    </RequireRole>
  );
}
