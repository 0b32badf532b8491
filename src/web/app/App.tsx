// The routes. Public pages are in the main chunk; the staff pages (RFO and national office) are
// separate chunks loaded on first visit, so the public dashboard stays small.
import { lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { Layout } from '../components/Layout.tsx';
import { Loading } from '../components/ui.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { RegionPage } from '../features/dashboard/RegionPage.tsx';
import { NotFoundPage } from '../features/misc/NotFoundPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { matchPath, useLocation } from '../lib/router.tsx';
import { SessionProvider } from '../lib/session.tsx';

const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const RfoHome = lazy(() => import('../features/rfo/RfoHome.tsx'));
const MonthPage = lazy(() => import('../features/rfo/MonthPage.tsx'));
const MatrixPage = lazy(() => import('../features/national/MatrixPage.tsx'));
const ReviewPage = lazy(() => import('../features/national/ReviewPage.tsx'));
const InboxPage = lazy(() => import('../features/national/InboxPage.tsx'));
const ReferencePage = lazy(() => import('../features/national/ReferencePage.tsx'));
const UsersPage = lazy(() => import('../features/national/UsersPage.tsx'));
const OutboxPage = lazy(() => import('../features/national/OutboxPage.tsx'));
const AuditPage = lazy(() => import('../features/national/AuditPage.tsx'));
const OrgPage = lazy(() => import('../features/org/OrgPage.tsx'));
const OrganizationsQueuePage = lazy(() => import('../features/platform/OrganizationsQueuePage.tsx'));
const MyApplicationsPage = lazy(() => import('../features/platform/MyApplicationsPage.tsx'));
const RecordBookPage = lazy(() => import('../features/platform/RecordBookPage.tsx'));
const VolunteerSearchPage = lazy(() => import('../features/platform/VolunteerSearchPage.tsx'));
const MyAssessmentsPage = lazy(() => import('../features/platform/MyAssessmentsPage.tsx'));
const AssessmentContestsPage = lazy(() => import('../features/platform/AssessmentContestsPage.tsx'));
const OpportunityApplicantsPage = lazy(() => import('../features/platform/OpportunityApplicantsPage.tsx'));
const DisputesPage = lazy(() => import('../features/platform/DisputesPage.tsx'));
const ImpactReportPage = lazy(() => import('../features/platform/ImpactReportPage.tsx'));
const RegisterOrganizationPage = lazy(() => import('../features/platform/RegisterOrganizationPage.tsx'));
const MyOrganizationPage = lazy(() => import('../features/platform/MyOrganizationPage.tsx'));
const LinkConfirmPage = lazy(() => import('../features/platform/LinkConfirmPage.tsx'));
const RegisterVolunteerPage = lazy(() => import('../features/platform/RegisterVolunteerPage.tsx'));
const VolunteerProfilePage = lazy(() => import('../features/platform/VolunteerProfilePage.tsx'));
const OpportunitySearchPage = lazy(() => import('../features/platform/OpportunitySearchPage.tsx'));
const OpportunityPage = lazy(() => import('../features/platform/OpportunityPage.tsx'));
const MyOpportunitiesPage = lazy(() => import('../features/platform/MyOpportunitiesPage.tsx'));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const RegisterPage = lazy(() => import('../features/grants/RegisterPage.tsx'));
const GrantsPage = lazy(() => import('../features/grants/GrantsPage.tsx'));
const GrantProjectPage = lazy(() => import('../features/grants/GrantProjectPage.tsx'));
const GrantRoundPage = lazy(() => import('../features/grants/GrantRoundPage.tsx'));
const CompetitionPage = lazy(() => import('../features/grants/CompetitionPage.tsx'));
const CallPage = lazy(() => import('../features/grants/CallPage.tsx'));
const AwardsPage = lazy(() => import('../features/awards/AwardsPage.tsx'));
const RoundsPage = lazy(() => import('../features/awards/RoundsPage.tsx'));
const RoundPage = lazy(() => import('../features/awards/RoundPage.tsx'));
const ResultsPage = lazy(() => import('../features/awards/ResultsPage.tsx'));
const ForgotPage = lazy(() => import('../features/account/ForgotPage.tsx'));
const SetPasswordPage = lazy(() => import('../features/account/SetPasswordPage.tsx'));
const PublicAppealPage = lazy(() => import('../features/appeals/PublicAppealPage.tsx'));
const AppealsQueuePage = lazy(() => import('../features/appeals/AppealsQueuePage.tsx'));
const AppealsMonthlyPage = lazy(() => import('../features/appeals/AppealsMonthlyPage.tsx'));
const AppealPage = lazy(() => import('../features/appeals/AppealPage.tsx'));

type Route = [string, (p: Record<string, string>) => ReactNode];

const routes: Route[] = [
  ['/', () => <DashboardPage />],
  ['/regions/:code', (p) => <RegionPage code={p.code as string} />],
  ['/reports', () => <ReportsPage />],
  ['/login', () => <LoginPage />],
  ['/rfo', () => <RfoHome />],
  ['/rfo/:region/:period', (p) => <MonthPage region={p.region as string} period={p.period as string} />],
  ['/national', () => <MatrixPage />],
  ['/national/inbox', () => <InboxPage />],
  [
    '/national/review/:region/:period',
    (p) => <ReviewPage region={p.region as string} period={p.period as string} />,
  ],
  ['/national/reference', () => <ReferencePage />],
  ['/national/users', () => <UsersPage />],
  ['/national/outbox', () => <OutboxPage />],
  ['/audit', () => <AuditPage />],
  ['/org', () => <OrgPage />],
  ['/platform/organizations', () => <OrganizationsQueuePage />],
  ['/platform/organizations/register', () => <RegisterOrganizationPage />],
  ['/platform/organizations/mine', () => <MyOrganizationPage />],
  ['/platform/volunteers/me/applications', () => <MyApplicationsPage />],
  ['/platform/volunteers/me/record-book', () => <RecordBookPage />],
  ['/platform/my/volunteers', () => <VolunteerSearchPage />],
  ['/platform/volunteers/me/assessments', () => <MyAssessmentsPage />],
  ['/platform/my/opportunities/:id', (p) => <OpportunityApplicantsPage id={p.id as string} />],
  ['/platform/my/opportunities/:id/impact', (p) => <ImpactReportPage id={p.id as string} />],
  ['/platform/disputes', () => <DisputesPage />],
  ['/platform/assessment-contests', () => <AssessmentContestsPage />],
  ['/platform/volunteers/register', () => <RegisterVolunteerPage />],
  ['/platform/volunteers/me', () => <VolunteerProfilePage />],
  ['/platform/opportunities', () => <OpportunitySearchPage />],
  ['/platform/opportunities/:id', (p) => <OpportunityPage id={p.id as string} />],
  ['/platform/my/opportunities', () => <MyOpportunitiesPage />],
  ['/platform/confirm', () => <LinkConfirmPage kind="confirm" />],
  ['/platform/guardian-consent', () => <LinkConfirmPage kind="guardian" />],
  ['/register', () => <RegisterPage />],
  ['/grants', () => <GrantsPage />],
  ['/grants/projects/:id', (p) => <GrantProjectPage id={p.id as string} />],
  ['/grants/rounds/:id', (p) => <GrantRoundPage id={p.id as string} />],
  ['/competition', () => <CompetitionPage />],
  ['/competition/:id', (p) => <CallPage id={p.id as string} />],
  ['/awards', () => <AwardsPage />],
  ['/awards/rounds', () => <RoundsPage />],
  ['/awards/rounds/:id', (p) => <RoundPage id={p.id as string} />],
  ['/awards/results', () => <ResultsPage />],
  ['/awards/results/:id', (p) => <ResultsPage id={p.id as string} />],
  ['/account', () => <AccountPage />],
  ['/account/forgot', () => <ForgotPage />],
  ['/account/set-password', () => <SetPasswordPage />],
  ['/appeal', () => <PublicAppealPage />],
  ['/appeals', () => <AppealsQueuePage />],
  ['/appeals/monthly', () => <AppealsMonthlyPage />],
  ['/appeals/:id', (p) => <AppealPage id={p.id as string} />],
];

/** After an in-app navigation, move focus to the main region (screen readers announce the new page)
 *  and name the tab after the page's heading once it has rendered. */
function useRouteAnnouncements(path: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page (path)
  useEffect(() => {
    if (!first.current) document.getElementById('main')?.focus({ preventScroll: true });
    first.current = false;
    const timer = window.setInterval(() => {
      const h1 = document.querySelector('main h1')?.textContent?.trim();
      if (h1) {
        document.title = `${h1} · Birgemiz`;
        window.clearInterval(timer);
      }
    }, 100);
    const stop = window.setTimeout(() => window.clearInterval(timer), 5000);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(stop);
    };
  }, [path]);
}

function Routes() {
  const { path } = useLocation();
  useRouteAnnouncements(path);
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) return <>{render(params)}</>;
  }
  return <NotFoundPage />;
}

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}
