import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { AuthProvider } from './auth';
import { loadWorkflowMessages } from './messages';

// Every screen but login loads on demand, so the first screen stays light on a weak connection.
/** A lazy screen that renders only once the workflow texts are loaded (messages.ts). */
const screen = (load: () => Promise<{ default: ComponentType }>) => lazy(() => Promise.all([load(), loadWorkflowMessages()]).then(([m]) => m));

const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../modules/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage'));
const TreePage = screen(() => import('../modules/orgs/TreePage'));
const OrgPage = screen(() => import('../modules/orgs/OrgPage'));
const MemberListPage = screen(() => import('../modules/members/MemberListPage'));
const MemberProfilePage = screen(() => import('../modules/members/MemberProfilePage'));
const MemberEditPage = screen(() => import('../modules/members/MemberEditPage'));
const AuditPage = screen(() => import('../modules/audit/AuditPage'));
const AdmissionsPage = screen(() => import('../modules/admissions/AdmissionsPage'));
const CandidatePage = screen(() => import('../modules/admissions/CandidatePage'));
const TransfersPage = screen(() => import('../modules/transfers/TransfersPage'));
const TransferPage = screen(() => import('../modules/transfers/TransferPage'));
const UnitsPage = screen(() => import('../modules/cadres/UnitsPage'));
const PostsPage = screen(() => import('../modules/cadres/PostsPage'));
const RestructurePage = screen(() => import('../modules/restructure/RestructurePage'));
const InspectionsPage = screen(() => import('../modules/inspections/InspectionsPage'));
const InspectionCasePage = screen(() => import('../modules/inspections/InspectionCasePage'));
const RatingsPage = screen(() => import('../modules/ratings/RatingsPage'));
const CellRatingsPage = screen(() => import('../modules/ratings/CellRatingsPage'));
const MeetingsPage = screen(() => import('../modules/meetings/MeetingsPage'));
const MeetingPage = screen(() => import('../modules/meetings/MeetingPage'));
const TrainingPage = screen(() => import('../modules/training/TrainingPage'));
const CohortPage = screen(() => import('../modules/training/CohortPage'));
const DocumentsPage = screen(() => import('../modules/documents/DocumentsPage'));
const DocumentPage = screen(() => import('../modules/documents/DocumentPage'));
const StudySessionsPage = screen(() => import('../modules/documents/StudySessionsPage'));
const AwardsPage = screen(() => import('../modules/awards/AwardsPage'));
const ReportsPage = screen(() => import('../modules/reports/ReportsPage'));
const ReportPage = screen(() => import('../modules/reports/ReportPage'));

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
