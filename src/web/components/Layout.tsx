// The page frame: skip link, banner with navigation and language switch, main landmark, footer,
// and the sign-in dialog that an expired session opens over the current page.
import type { ReactNode } from 'react';
import { setLanguage, useT } from '../lib/i18n.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { isNationalRole, useSession } from '../lib/session.tsx';
import { SignInDialog } from './SignInDialog.tsx';
import { LanguageSelect } from './ui.tsx';

/** The pages each menu item stands for (one item is "current" on each page). */
const SECTIONS: Record<string, RegExp> = {
  '/': /^\/($|regions\/)/,
  '/reports': /^\/reports/,
  '/rfo': /^\/rfo/,
  '/national': /^\/national($|\/review\/)/,
  '/national/inbox': /^\/national\/inbox/,
  '/national/reference': /^\/national\/reference/,
  // The outbox is reached from the users page: one menu item for both.
  '/national/users': /^\/national\/(users|outbox)/,
  '/audit': /^\/audit/,
  '/grants': /^\/(grants|competition)/,
  // The profile and the applications are two items: the profile's is not current on the other.
  '/platform/volunteers/me': /^\/platform\/volunteers\/me$/,
  // The staff's appeals (the queue, an appeal, the monthly figures), not the public form (/appeal).
  '/appeals': /^\/appeals($|\/)/,
  '/awards/rounds': /^\/awards\/rounds/,
};

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useLocation();
  const current = (SECTIONS[to] ?? new RegExp(`^${to}`)).test(path);
  return (
    <Link to={to} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang } = useT();
  const { user, logout, expired } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="banner">
        <div className="banner-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              {t('app.name').charAt(0)}
            </span>
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.tagline')}</small>
            </span>
          </Link>
          <nav aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to="/">{t('nav.dashboard')}</NavLink>
              </li>
              <li>
                <NavLink to="/reports">{t('nav.reports')}</NavLink>
              </li>
              <li>
                <NavLink to="/platform/opportunities">{t('opportunities.nav')}</NavLink>
              </li>
              {user && (user.role === 'rfo' || user.role === 'national_admin') ? (
                <li>
                  <NavLink to="/rfo">{t('nav.rfo')}</NavLink>
                </li>
              ) : null}
              {user?.role === 'org_coordinator' ? (
                <>
                  <li>
                    <NavLink to="/org">{t('nav.org')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/platform/my/opportunities">{t('opportunities.mine.nav')}</NavLink>
                  </li>
                </>
              ) : null}
              {/* Not in the national admin's menu, which is full (one line at 1280 px): the admin
                  reaches the national office's programmes from the monitoring page. */}
              {user && ['national_analyst', 'rfo', 'org_coordinator'].includes(user.role) ? (
                <li>
                  <NavLink to="/grants">{t('grants.nav')}</NavLink>
                </li>
              ) : null}
              {user?.role === 'volunteer' ? (
                <>
                  <li>
                    <NavLink to="/platform/volunteers/me">{t('volunteerWeb.menu')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/platform/volunteers/me/applications">{t('applications.menu')}</NavLink>
                  </li>
                </>
              ) : null}
              {/* The national admin's menu is full (one line at 1280 px): the admin reaches the
                  appeals from the monitoring page and the regional data. */}
              {user && (user.role === 'national_analyst' || user.role === 'rfo') ? (
                <li>
                  <NavLink to="/appeals">{t('appeals.nav')}</NavLink>
                </li>
              ) : null}
              {user?.role === 'viewer' ? (
                <li>
                  <NavLink to="/appeals/monthly">{t('appeals.nav')}</NavLink>
                </li>
              ) : null}
              {user?.role === 'juror' ? (
                <li>
                  <NavLink to="/awards/rounds">{t('awards.jurorNav')}</NavLink>
                </li>
              ) : null}
              {user && isNationalRole(user.role) ? (
                <>
                  <li>
                    <NavLink to="/national">{t('nav.national')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/national/inbox">{t('inbox.nav')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/audit">{t('nav.audit')}</NavLink>
                  </li>
                </>
              ) : null}
              {user?.role === 'national_admin' ? (
                <>
                  <li>
                    <NavLink to="/national/reference">{t('nav.reference')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/national/users">{t('nav.users')}</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
          <div className="banner-tools">
            <LanguageSelect
              className="lang-switch"
              label={<span className="visually-hidden">{t('nav.language')}</span>}
              value={lang}
              onChange={(l) => void setLanguage(l)}
            />
            {user ? (
              <>
                <Link to="/account" className="user-name" title={user.email}>
                  {user.displayName ?? user.email}
                </Link>
                <button
                  type="button"
                  className="btn-link"
                  onClick={() => void logout().then(() => navigate('/'))}
                >
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <Link to="/login" className="btn btn-small">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
        <p>
          <Link to="/appeal">{t('appeals.footerLink')}</Link>
        </p>
        <p>
          <a href="/api/docs">{t('app.apiDocs')}</a> ·{' '}
          <Link to="/awards/results">{t('awards.results.title')}</Link>
        </p>
        <p>
          <Link to="/register">{t('register.nav')}</Link>
        </p>
      </footer>
      {expired ? <SignInDialog /> : null}
    </>
  );
}
