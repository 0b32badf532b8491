// Opened when a call answers 401 while the user was working: signing in again resumes the call
// and the page underneath (with its form) stays as it was.
import { useEffect, useRef } from 'react';
import { useT } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { SignInForm } from './SignInForm.tsx';

export function SignInDialog() {
  const { t } = useT();
  const { user, resolveExpired } = useSession();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby="signin-title"
      onCancel={() => resolveExpired(false)}
      className="dialog"
    >
      <SignInForm
        email={user?.email ?? ''}
        onSignedIn={() => resolveExpired(true)}
        actions={
          <button type="button" className="btn btn-secondary" onClick={() => resolveExpired(false)}>
            {t('common.cancel')}
          </button>
        }
      >
        <h2 id="signin-title">{t('auth.expiredTitle')}</h2>
        <p>{t('auth.expiredText')}</p>
      </SignInForm>
    </dialog>
  );
}
