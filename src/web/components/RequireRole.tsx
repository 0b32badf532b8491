// Staff pages: ask to sign in (and come back) when nobody is, refuse politely when the role is wrong.
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { type User, useSession } from '../lib/session.tsx';
import { Loading } from './ui.tsx';

export function RequireRole({ roles, children }: { roles: string[]; children: (user: User) => ReactNode }) {
  const { t } = useT();
  const { user, ready } = useSession();
  const { path, query } = useLocation();
  if (!ready) return <Loading />;
  if (!user) {
    const next = encodeURIComponent(path + (query.toString() ? `?${query}` : ''));
    return (
      <div className="narrow">
        <h1>{t('auth.title')}</h1>
        <p className="alert alert-info">{t('auth.required')}</p>
        <Link className="btn" to={`/login?next=${next}`}>
          {t('nav.login')}
        </Link>
      </div>
    );
  }
  if (!roles.includes(user.role)) return <Forbidden />;
  return <>{children(user)}</>;
}

/** The page of a user who may not see it. */
export function Forbidden() {
  const { t } = useT();
  return (
    <div>
      <h1>{t('errors.forbiddenTitle')}</h1>
      <p className="alert alert-error" role="alert">
        {t('errors.http403')}
      </p>
    </div>
  );
}
