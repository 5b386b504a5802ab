import { Link } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { LoadMore } from '../components/LoadMore';
import { PageHeading } from '../components/PageHeading';
import { useCurrentOrganization } from '../organizations/useCurrentOrganization';
import { useProjects } from '../projects/queries';

/**
 * /documents: documents belong to projects, so this lists the current organization's
 * projects, each leading to its Documents section.
 */
export function DocumentsPage() {
  const { organizations, current } = useCurrentOrganization();

  return (
    <>
      <PageHeading title="Documents" />
      <ErrorBanner error={organizations.error} />
      {organizations.isPending ? <p aria-busy="true">Loading…</p> : null}
      {organizations.isSuccess && !current ? (
        <EmptyState title="You are not in an organization yet">
          <p>
            Documents live in an organization's projects. <Link to="/organizations/new">Create one for your studio</Link>,
            or open the link in an invitation you received.
          </p>
        </EmptyState>
      ) : null}
      {current ? <ProjectsWithDocuments organizationId={current.id} name={current.name} /> : null}
    </>
  );
}

function ProjectsWithDocuments({ organizationId, name }: { organizationId: string; name: string }) {
  // The same list (and cache) as the Projects page shows unfiltered.
  const projects = useProjects({ organizationId });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <p className="page-toolbar__context">
        Briefs, notes and specs are written together, live, inside each project of <strong>{name}</strong>. Pick one:
      </p>
      <ErrorBanner error={projects.error} />
      {projects.isPending ? <p aria-busy="true">Loading projects…</p> : null}
      {projects.isSuccess && items.length === 0 ? (
        <EmptyState title="No projects yet">
          <p>
            Documents belong to a project. Start one from <Link to="/projects">Projects</Link>.
          </p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <ul className="item-list" aria-label="Projects">
          {items.map((project) => (
            <li className="item-list__item" key={project.id}>
              <Link className="item-list__title" to={`/projects/${project.id}/documents`}>
                {project.name}
              </Link>
              <span className="item-list__meta">Documents →</span>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore list={projects} />
    </>
  );
}
