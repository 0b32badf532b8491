// Setting a password from the link of an invitation or a reset e-mail (/account/set-password?token=…,
// public): the new password twice; then the sign-in form with the account's e-mail filled in. A link
// used already, expired or replaced says so, with the way to ask for a new one.
import { type FormEvent, useState } from 'react';
import type { SetPasswordResponse } from '../../../modules/users/users.schemas.ts';
import { SignInForm } from '../../components/SignInForm.tsx';
import { ErrorBox, PageTitle } from '../../components/ui.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { homeOf } from '../auth/LoginPage.tsx';
import { type NewPassword, newPasswordProblem, PasswordFields } from './PasswordFields.tsx';

const LINK_PROBLEMS = ['token_used', 'token_expired', 'token_invalid'];

export default function SetPasswordPage() {
  const { t } = useT();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [pw, setPw] = useState<NewPassword>({ next: '', repeat: '' });
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const linkProblem = error instanceof ApiError && LINK_PROBLEMS.includes(error.code);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const problem = newPasswordProblem(t, pw);
    setMismatch(problem);
    if (problem) return;
    setBusy(true);
    try {
      const r = await api<SetPasswordResponse>('/api/auth/set-password', {
        method: 'POST',
        body: { token, password: pw.next },
        anonymous: true,
      });
      setDone(r.email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done !== null)
    return (
      <div className="narrow">
        <PageTitle>{t('account.setTitle')}</PageTitle>
        <p className="alert alert-success" role="status">
          {t('account.setDone')}
        </p>
        <SignInForm
          className="panel"
          label={t('auth.title')}
          email={done}
          onSignedIn={(u) => navigate(homeOf(u.role))}
        />
      </div>
    );

  return (
    <div className="narrow">
      <PageTitle sub={t('account.setLead')}>{t('account.setTitle')}</PageTitle>
      {token === '' ? (
        <p className="alert alert-info">{t('account.noToken')}</p>
      ) : (
        <form className="panel" onSubmit={submit} aria-label={t('account.setTitle')} noValidate>
          <ErrorBox error={error} />
          <PasswordFields value={pw} onChange={setPw} error={mismatch} />
          <div className="actions">
            <button type="submit" className="btn" disabled={busy || linkProblem}>
              {t('account.setButton')}
            </button>
          </div>
        </form>
      )}
      {token === '' || linkProblem ? (
        <p>
          <Link className="btn btn-secondary" to="/account/forgot">
            {t('account.askAgain')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
