import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isApiError, setUnauthorizedHandler } from './api/client';
import { ABILITIES } from './api/types';
import { SESSION_KEY } from './auth/session';
import { RouteErrorPage } from './components/ErrorBoundary';
import { FullPageLoad } from './components/FullPageLoad';
import { PageLoading } from './components/PageLoading';
import type { RouteHandle } from './layout/RequireSession';

// Route-level code splitting: each page loads its own code.
const ProtectedShell = lazy(() => import('./layout/AppShell'));
const BareShell = lazy(() => import('./layout/BareShell'));
const HomePage = lazy(() => import('./pages/HomePage'));
const MePage = lazy(() => import('./pages/me/MePage'));
const SecurityPage = lazy(() => import('./pages/me/SecurityPage'));
const MembersPage = lazy(() => import('./pages/members/MembersPage'));
const MemberDetailPage = lazy(() => import('./pages/members/MemberDetailPage'));
const HomesPage = lazy(() => import('./pages/homes/HomesPage'));
const HomeFormPage = lazy(() => import('./pages/homes/HomeFormPage'));
const HomeDetailPage = lazy(() => import('./pages/homes/HomeDetailPage'));
const HomeRecordPage = lazy(() => import('./pages/homes/HomeRecordPage'));
const CoveragePage = lazy(() => import('./pages/coverage/CoveragePage'));
const ActivitiesPage = lazy(() => import('./pages/activities/ActivitiesPage'));
const ActivityFormPage = lazy(() => import('./pages/activities/ActivityFormPage'));
const ActivityDetailPage = lazy(() => import('./pages/activities/ActivityDetailPage'));
const ActivityQrPage = lazy(() => import('./pages/activities/ActivityQrPage'));
const CompliancePage = lazy(() => import('./pages/compliance/CompliancePage'));
const RulesPage = lazy(() => import('./pages/rules/RulesPage'));
const TranslationsPage = lazy(() => import('./pages/translations/TranslationsPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const OpinionsPage = lazy(() => import('./pages/opinions/OpinionsPage'));
const OpinionFormPage = lazy(() => import('./pages/opinions/OpinionFormPage'));
const OpinionDetailPage = lazy(() => import('./pages/opinions/OpinionDetailPage'));
const OpinionPrintPage = lazy(() => import('./pages/opinions/OpinionPrintPage'));
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage'));
const ProblemFormPage = lazy(() => import('./pages/problems/ProblemFormPage'));
const ProblemDetailPage = lazy(() => import('./pages/problems/ProblemDetailPage'));
const DutyRecordPage = lazy(() => import('./pages/records/DutyRecordPage'));
const DutyRecordPrintPage = lazy(() => import('./pages/records/DutyRecordPrintPage'));
const DutyRecordsPage = lazy(() => import('./pages/records/DutyRecordsPage'));
const DutyFlagsPage = lazy(() => import('./pages/records/DutyFlagsPage'));
const PointRulesPage = lazy(() => import('./pages/records/PointRulesPage'));
const ProposalsPage = lazy(() => import('./pages/outputs/ProposalsPage'));
const ProposalFormPage = lazy(() => import('./pages/outputs/ProposalFormPage'));
const ProposalDetailPage = lazy(() => import('./pages/outputs/ProposalDetailPage'));
const ResearchReportsPage = lazy(() => import('./pages/outputs/ResearchReportsPage'));
const ReportFormPage = lazy(() => import('./pages/outputs/ReportFormPage'));
const ReportDetailPage = lazy(() => import('./pages/outputs/ReportDetailPage'));
const EvaluationRoundsPage = lazy(() => import('./pages/evaluation/EvaluationRoundsPage'));
const EvaluationRoundPage = lazy(() => import('./pages/evaluation/EvaluationRoundPage'));
const FundsPage = lazy(() => import('./pages/funds/FundsPage'));
const TrainingsPage = lazy(() => import('./pages/trainings/TrainingsPage'));
const TrainingDetailPage = lazy(() => import('./pages/trainings/TrainingDetailPage'));
const TrainingCheckinPage = lazy(() => import('./pages/trainings/TrainingCheckinPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const NotFoundPage = lazy(() => import('./pages/ResultPages'));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change on retry; network / server errors get one more try.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 1,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

// Any 401 (except from sign-in and the session probe) means the session is gone: forgetting it makes
// the shell send the user to /login?next=<current page>.
setUnauthorizedHandler(() => queryClient.setQueryData(SESSION_KEY, null));

function PhonePage() {
  return <FullPageLoad to={window.location.href} />;
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading fullScreen />}>{children}</Suspense>;
}

const routes = [
  // The sign-in and check-in pages are the members' light phone pages (src/web/phone), which the
  // server sends: reached from here (a sign-out, an expired session) by loading them afresh.
  { path: '/login', element: <PhonePage /> },
  { path: '/checkin', element: <PhonePage /> },
  { path: '/checkin/:code', element: <PhonePage /> },
  { path: '/my/*', element: <PhonePage /> },
  {
    // Printable pages (a layout route without a path): signed in, but no header or menu.
    element: (
      <Page>
        <BareShell />
      </Page>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/homes/:id/record', element: <HomeRecordPage /> },
      {
        path: '/activities/:id/qr',
        element: <ActivityQrPage />,
        handle: { ability: ABILITIES.activityRead } satisfies RouteHandle,
      },
      {
        path: '/opinions/:id/print',
        element: <OpinionPrintPage />,
        handle: { ability: ABILITIES.opinionRead } satisfies RouteHandle,
      },
      {
        path: '/members/:id/duty-record/print',
        element: <DutyRecordPrintPage />,
        handle: { ability: ABILITIES.recordRead } satisfies RouteHandle,
      },
    ],
  },
  {
    path: '/',
    element: (
      <Page>
        <ProtectedShell />
      </Page>
    ),
    errorElement: <RouteErrorPage />,
    // Pages render inside the shell's <Suspense>; `handle.ability` is checked by the shell.
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'dashboard',
        element: <DashboardPage />,
        handle: { ability: ABILITIES.dashboardRead } satisfies RouteHandle,
      },
      { path: 'me', element: <MePage /> },
      // 账户安全: the own password and second factor; the shell sends here whoever must see to either first
      { path: 'me/security', element: <SecurityPage /> },
      // 我的履职档案: the signed-in member's own record (the page says so when the account has none).
      { path: 'me/duty-record', element: <DutyRecordPage /> },
      {
        path: 'members',
        element: <MembersPage />,
        handle: { ability: ABILITIES.memberRead } satisfies RouteHandle,
      },
      {
        path: 'members/:id',
        element: <MemberDetailPage />,
        handle: { ability: ABILITIES.memberRead } satisfies RouteHandle,
      },
      {
        path: 'homes',
        element: <HomesPage />,
        handle: { ability: ABILITIES.homeRead } satisfies RouteHandle,
      },
      {
        path: 'homes/new',
        element: <HomeFormPage />,
        handle: { ability: ABILITIES.homeCreate } satisfies RouteHandle,
      },
      // A home's own pages are not gated by an ability: a member may open the homes they belong to
      // from 我的; the server decides (403/404) and the page shows its answer.
      { path: 'homes/:id', element: <HomeDetailPage /> },
      { path: 'homes/:id/edit', element: <HomeFormPage /> },
      {
        path: 'coverage',
        element: <CoveragePage />,
        handle: { ability: ABILITIES.coverageRead } satisfies RouteHandle,
      },
      {
        path: 'activities',
        element: <ActivitiesPage />,
        handle: { ability: ABILITIES.activityRead } satisfies RouteHandle,
      },
      {
        path: 'activities/new',
        element: <ActivityFormPage />,
        handle: { ability: ABILITIES.activityCreate } satisfies RouteHandle,
      },
      {
        path: 'activities/:id',
        element: <ActivityDetailPage />,
        handle: { ability: ABILITIES.activityRead } satisfies RouteHandle,
      },
      // Editing is decided by the activity's own `abilities.update` (the page checks it).
      {
        path: 'activities/:id/edit',
        element: <ActivityFormPage />,
        handle: { ability: ABILITIES.activityRead } satisfies RouteHandle,
      },
      {
        path: 'compliance',
        element: <CompliancePage />,
        handle: { ability: ABILITIES.complianceRead } satisfies RouteHandle,
      },
      {
        path: 'rules',
        element: <RulesPage />,
        handle: { ability: ABILITIES.homeRead } satisfies RouteHandle,
      },
      {
        path: 'translations',
        element: <TranslationsPage />,
        handle: { ability: ABILITIES.translationRead } satisfies RouteHandle,
      },
      {
        path: 'opinions',
        element: <OpinionsPage />,
        handle: { ability: ABILITIES.opinionRead } satisfies RouteHandle,
      },
      {
        path: 'opinions/new',
        element: <OpinionFormPage />,
        handle: { ability: ABILITIES.opinionCreate } satisfies RouteHandle,
      },
      {
        path: 'opinions/:id',
        element: <OpinionDetailPage />,
        handle: { ability: ABILITIES.opinionRead } satisfies RouteHandle,
      },
      {
        path: 'problems',
        element: <ProblemsPage />,
        handle: { ability: ABILITIES.problemRead } satisfies RouteHandle,
      },
      {
        path: 'problems/new',
        element: <ProblemFormPage />,
        handle: { ability: ABILITIES.problemCreate } satisfies RouteHandle,
      },
      // Editing is decided by the problem's own `mayUpdate` (the page checks it).
      {
        path: 'problems/:id',
        element: <ProblemDetailPage />,
        handle: { ability: ABILITIES.problemRead } satisfies RouteHandle,
      },
      {
        path: 'members/:id/duty-record',
        element: <DutyRecordPage />,
        handle: { ability: ABILITIES.recordRead } satisfies RouteHandle,
      },
      {
        path: 'duty-records',
        element: <DutyRecordsPage />,
        handle: { ability: ABILITIES.recordList } satisfies RouteHandle,
      },
      {
        path: 'duty-flags',
        element: <DutyFlagsPage />,
        handle: { ability: ABILITIES.recordList } satisfies RouteHandle,
      },
      {
        path: 'point-rules',
        element: <PointRulesPage />,
        handle: { ability: ABILITIES.recordRead } satisfies RouteHandle,
      },
      {
        path: 'proposals',
        element: <ProposalsPage />,
        handle: { ability: ABILITIES.outputRead } satisfies RouteHandle,
      },
      {
        path: 'proposals/new',
        element: <ProposalFormPage />,
        handle: { ability: ABILITIES.outputManage } satisfies RouteHandle,
      },
      {
        path: 'proposals/:id',
        element: <ProposalDetailPage />,
        handle: { ability: ABILITIES.outputRead } satisfies RouteHandle,
      },
      // Editing is decided by the proposal's own `allowedActions` ('update'; the page checks it).
      {
        path: 'proposals/:id/edit',
        element: <ProposalFormPage />,
        handle: { ability: ABILITIES.outputManage } satisfies RouteHandle,
      },
      {
        path: 'research-reports',
        element: <ResearchReportsPage />,
        handle: { ability: ABILITIES.outputRead } satisfies RouteHandle,
      },
      {
        path: 'research-reports/new',
        element: <ReportFormPage />,
        handle: { ability: ABILITIES.outputManage } satisfies RouteHandle,
      },
      {
        path: 'research-reports/:id',
        element: <ReportDetailPage />,
        handle: { ability: ABILITIES.outputRead } satisfies RouteHandle,
      },
      {
        path: 'research-reports/:id/edit',
        element: <ReportFormPage />,
        handle: { ability: ABILITIES.outputManage } satisfies RouteHandle,
      },
      {
        path: 'evaluation',
        element: <EvaluationRoundsPage />,
        handle: { ability: ABILITIES.evaluationRead } satisfies RouteHandle,
      },
      {
        path: 'evaluation/:id',
        element: <EvaluationRoundPage />,
        handle: { ability: ABILITIES.evaluationRead } satisfies RouteHandle,
      },
      {
        path: 'funds',
        element: <FundsPage />,
        handle: { ability: ABILITIES.fundsRead } satisfies RouteHandle,
      },
      {
        path: 'trainings',
        element: <TrainingsPage />,
        handle: { ability: ABILITIES.trainingRead } satisfies RouteHandle,
      },
      {
        path: 'trainings/:id',
        element: <TrainingDetailPage />,
        handle: { ability: ABILITIES.trainingRead } satisfies RouteHandle,
      },
      // 培训签到: the organisers' link carries the code; without one the trainee types it.
      {
        path: 'training-checkin/:code?',
        element: <TrainingCheckinPage />,
        handle: { ability: ABILITIES.trainingRead } satisfies RouteHandle,
      },
      { path: 'notifications', element: <NotificationsPage /> },
      {
        path: 'admin/users',
        element: <UsersPage />,
        handle: { ability: ABILITIES.userRead } satisfies RouteHandle,
      },
      {
        path: 'audit',
        element: <AuditPage />,
        handle: { ability: ABILITIES.auditRead } satisfies RouteHandle,
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return (
    <ConfigProvider
      locale={antdZhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 6 } }}
    >
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
