import { useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { useAuth } from '../../auth/authContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeading } from '../../components/PageHeading';
import { setCurrentOrganizationId } from '../../organizations/currentOrganization';
import type { ProjectOutlet } from '../../projects/projectContext';
import { useProject } from '../../projects/queries';
import { useProjectLive } from '../../projects/useProjectLive';
import { BoardViewers } from './BoardViewers';
import { ProjectHeader } from './ProjectHeader';
import { ProjectTabs } from './ProjectTabs';

/**
 * /projects/:projectId and its sections: loads the project (with the caller's role, which
 * decides what the sections offer) and makes its organization the current one. Watched
 * live while open: others' changes show without a reload, with who else is looking.
 */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const organizationId = project.data?.organizationId;
  const viewers = useProjectLive(projectId);
  const me = useAuth().user?.id;

  useEffect(() => {
    if (organizationId) setCurrentOrganizationId(organizationId);
  }, [organizationId]);

  if (project.isPending) return <p aria-busy="true">Loading project…</p>;
  if (project.isError) {
    // Someone who may not see it gets the same 404 as for a project that does not exist.
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <>
          <PageHeading title="Project not found" />
          <EmptyState title="There is no project here for you">
            <p>
              It may have been deleted, or you are not on it. See <Link to="/projects">your projects</Link>.
            </p>
          </EmptyState>
        </>
      );
    }
    return <ErrorBanner error={project.error} />;
  }

  const outlet: ProjectOutlet = { project: project.data };
  return (
    <>
      <ProjectHeader project={project.data} />
      <BoardViewers viewers={viewers} me={me} />
      <ProjectTabs projectId={project.data.id} />
      <Outlet context={outlet} />
    </>
  );
}
