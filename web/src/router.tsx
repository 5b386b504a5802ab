import { createBrowserRouter, Navigate } from 'react-router-dom';
import { PublicOnly } from './auth/PublicOnly';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { ForgotPasswordPage } from './pages/account/ForgotPasswordPage';
import { LoginPage } from './pages/account/LoginPage';
import { ProfilePage } from './pages/account/ProfilePage';
import { ResetPasswordPage } from './pages/account/ResetPasswordPage';
import { SecurityPage } from './pages/account/SecurityPage';
import { SignupPage } from './pages/account/SignupPage';
import { VerifyEmailPage } from './pages/account/VerifyEmailPage';
import { DocumentsPage } from './pages/DocumentsPage';
import { AcceptInvitationPage } from './pages/invitations/AcceptInvitationPage';
import { MyInvitationsPage } from './pages/invitations/MyInvitationsPage';
import { MessagesPage } from './pages/messages/MessagesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ActivityTab } from './pages/organizations/ActivityTab';
import { InvitationsTab } from './pages/organizations/InvitationsTab';
import { MembersTab } from './pages/organizations/MembersTab';
import { NewOrganizationPage } from './pages/organizations/NewOrganizationPage';
import { OrganizationPage } from './pages/organizations/OrganizationPage';
import { OrganizationsPage } from './pages/organizations/OrganizationsPage';
import { OverviewTab } from './pages/organizations/OverviewTab';
import { TeamsTab } from './pages/organizations/TeamsTab';
import { BoardTab } from './pages/projects/board/BoardTab';
import { DocumentsTab } from './pages/projects/documents/DocumentsTab';
import { LazyDocumentPage } from './pages/projects/documents/LazyDocumentPage';
import { FilePage } from './pages/projects/files/FilePage';
import { FilesTab } from './pages/projects/files/FilesTab';
import { MilestonesTab } from './pages/projects/milestones/MilestonesTab';
import { ProjectMembersTab } from './pages/projects/members/ProjectMembersTab';
import { ProjectActivityTab } from './pages/projects/ProjectActivityTab';
import { ProjectPage } from './pages/projects/ProjectPage';
import { ProjectsPage } from './pages/projects/ProjectsPage';
import { TaskDialog } from './pages/projects/task/TaskDialog';
import { RouteErrorPage } from './pages/RouteErrorPage';

// Browser history: the server answers every non-API path with index.html, so deep
// links such as /projects/123 load the app and land here.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        // A pathless boundary keeps the header, navigation and status line on screen
        // when a page fails.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/projects" replace /> },
          {
            // Signed-in visitors skip these and go on to ?next= (or their projects).
            element: <PublicOnly />,
            children: [
              { path: 'login', element: <LoginPage /> },
              { path: 'signup', element: <SignupPage /> },
            ],
          },
          // Reached from emails, whether or not the reader is signed in.
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'verify-email', element: <VerifyEmailPage /> },
          { path: 'invitations/accept', element: <AcceptInvitationPage /> },
          {
            // The workspace needs an account: anonymous visitors go to /login?next=….
            element: <RequireAuth />,
            children: [
              { path: 'projects', element: <ProjectsPage /> },
              {
                path: 'projects/:projectId',
                element: <ProjectPage />,
                children: [
                  {
                    // The board stays under an open task, which shows over it.
                    element: <BoardTab />,
                    children: [
                      { index: true, element: null },
                      { path: 'tasks/:taskId', element: <TaskDialog /> },
                    ],
                  },
                  { path: 'milestones', element: <MilestonesTab /> },
                  { path: 'documents', element: <DocumentsTab /> },
                  { path: 'documents/:documentId', element: <LazyDocumentPage /> },
                  { path: 'files', element: <FilesTab /> },
                  { path: 'files/:fileId', element: <FilePage /> },
                  { path: 'members', element: <ProjectMembersTab /> },
                  { path: 'activity', element: <ProjectActivityTab /> },
                ],
              },
              { path: 'messages/:conversationId?', element: <MessagesPage /> },
              { path: 'documents', element: <DocumentsPage /> },
              { path: 'organizations', element: <OrganizationsPage /> },
              { path: 'invitations', element: <MyInvitationsPage /> },
              { path: 'organizations/new', element: <NewOrganizationPage /> },
              {
                path: 'organizations/:orgId',
                element: <OrganizationPage />,
                children: [
                  { index: true, element: <OverviewTab /> },
                  { path: 'members', element: <MembersTab /> },
                  { path: 'invitations', element: <InvitationsTab /> },
                  { path: 'teams', element: <TeamsTab /> },
                  { path: 'activity', element: <ActivityTab /> },
                ],
              },
              { path: 'profile', element: <ProfilePage /> },
              { path: 'settings/security', element: <SecurityPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
