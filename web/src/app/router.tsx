import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { AuthProvider } from './auth';

// Every screen but login loads on demand, so the first screen stays light on a weak connection.
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../modules/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage'));
const TreePage = lazy(() => import('../modules/orgs/TreePage'));
const OrgPage = lazy(() => import('../modules/orgs/OrgPage'));
const MemberListPage = lazy(() => import('../modules/members/MemberListPage'));
const MemberProfilePage = lazy(() => import('../modules/members/MemberProfilePage'));
const MemberEditPage = lazy(() => import('../modules/members/MemberEditPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const AdmissionsPage = lazy(() => import('../modules/admissions/AdmissionsPage'));
const CandidatePage = lazy(() => import('../modules/admissions/CandidatePage'));
const TransfersPage = lazy(() => import('../modules/transfers/TransfersPage'));
const TransferPage = lazy(() => import('../modules/transfers/TransferPage'));
const UnitsPage = lazy(() => import('../modules/cadres/UnitsPage'));
const PostsPage = lazy(() => import('../modules/cadres/PostsPage'));
const RestructurePage = lazy(() => import('../modules/restructure/RestructurePage'));
const InspectionsPage = lazy(() => import('../modules/inspections/InspectionsPage'));
const InspectionCasePage = lazy(() => import('../modules/inspections/InspectionCasePage'));
const RatingsPage = lazy(() => import('../modules/ratings/RatingsPage'));
const CellRatingsPage = lazy(() => import('../modules/ratings/CellRatingsPage'));
const MeetingsPage = lazy(() => import('../modules/meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('../modules/meetings/MeetingPage'));
const TrainingPage = lazy(() => import('../modules/training/TrainingPage'));
const CohortPage = lazy(() => import('../modules/training/CohortPage'));
const DocumentsPage = lazy(() => import('../modules/documents/DocumentsPage'));
const DocumentPage = lazy(() => import('../modules/documents/DocumentPage'));
const StudySessionsPage = lazy(() => import('../modules/documents/StudySessionsPage'));
const AwardsPage = lazy(() => import('../modules/awards/AwardsPage'));
const ReportsPage = lazy(() => import('../modules/reports/ReportsPage'));
const ReportPage = lazy(() => import('../modules/reports/ReportPage'));

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <AppLayout />,
        children: [
          { path: '/', element: <DashboardPage /> },
          { path: '/orgs', element: <TreePage /> },
          { path: '/orgs/:id', element: <OrgPage /> },
          { path: '/members', element: <MemberListPage /> },
          { path: '/members/new', element: <MemberEditPage /> },
          { path: '/members/:id', element: <MemberProfilePage /> },
          { path: '/members/:id/edit', element: <MemberEditPage /> },
          { path: '/audit', element: <AuditPage /> },
          { path: '/admissions', element: <AdmissionsPage /> },
          { path: '/admissions/:id', element: <CandidatePage /> },
          { path: '/transfers', element: <TransfersPage /> },
          { path: '/transfers/:id', element: <TransferPage /> },
          { path: '/units', element: <UnitsPage /> },
          { path: '/posts', element: <PostsPage /> },
          { path: '/restructure', element: <RestructurePage /> },
          { path: '/inspections', element: <InspectionsPage /> },
          { path: '/inspections/:id', element: <InspectionCasePage /> },
          { path: '/ratings', element: <RatingsPage /> },
          { path: '/ratings/cell/:orgId', element: <CellRatingsPage /> },
          { path: '/meetings', element: <MeetingsPage /> },
          { path: '/meetings/:id', element: <MeetingPage /> },
          { path: '/training', element: <TrainingPage /> },
          { path: '/training/:id', element: <CohortPage /> },
          { path: '/documents', element: <DocumentsPage /> },
          { path: '/documents/:id', element: <DocumentPage /> },
          { path: '/study', element: <StudySessionsPage /> },
          { path: '/awards', element: <AwardsPage /> },
          { path: '/reports', element: <ReportsPage /> },
          { path: '/reports/:type', element: <ReportPage /> },
        ],
      },
    ],
  },
]);
