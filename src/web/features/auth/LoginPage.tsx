// Sign-in for staff (RFO, national office, organisation coordinators). After signing in each role
// lands on its workspace; a viewer on the dashboard.
import { SignInForm } from '../../components/SignInForm.tsx';
import { PageTitle } from '../../components/ui.tsx';
import { useT } from '../../lib/i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { isNationalRole, useSession } from '../../lib/session.tsx';

export function homeOf(role: string): string {
  if (isNationalRole(role)) return '/national';
  if (role === 'rfo') return '/rfo';
  if (role === 'org_coordinator') return '/org';
  if (role === 'volunteer') return '/platform/volunteers/me';
  if (role === 'juror') return '/awards/rounds';
  return '/';
}

export default function LoginPage() {
  const { t } = useT();
  const { user } = useSession();
  const { query } = useLocation();
  return (
    <div className="narrow">
      <PageTitle sub={t('auth.lead')}>{t('auth.title')}</PageTitle>
      {user ? <p className="alert alert-info">{t('auth.already', { email: user.email })}</p> : null}
      <SignInForm
        className="panel"
        label={t('auth.title')}
        onSignedIn={(u) => {
          const next = query.get('next');
          // Only a path of this site (not //elsewhere) is followed after signing in.
          navigate(next && /^\/(?![/\\])/.test(next) ? next : homeOf(u.role));
        }}
      />
      <p>
        <Link to="/account/forgot">{t('account.forgotLink')}</Link>
      </p>
      <p>
        <Link to="/platform/organizations/register">{t('platformOrgs.registerLink')}</Link>
      </p>
      <p>
        <Link to="/platform/volunteers/register">{t('volunteerWeb.registerLink')}</Link>
      </p>
    </div>
  );
}
