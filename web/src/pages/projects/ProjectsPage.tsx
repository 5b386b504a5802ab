import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProjectFilters } from '../../api/projects';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeading } from '../../components/PageHeading';
import { useTeams } from '../../organizations/queries';
import { useCurrentOrganization } from '../../organizations/useCurrentOrganization';
import { NewProjectForm } from './NewProjectForm';
import { ProjectFiltersBar } from './ProjectFiltersBar';
import { ProjectList } from './ProjectList';
import { useProjectFilters } from './useProjectFilters';

/** /projects: the current organization's projects, filtered, and "New project" for its staff. */
export function ProjectsPage() {
  const { organizations, current } = useCurrentOrganization();

  return (
    <>
      <PageHeading title="Projects" />
      <ErrorBanner error={organizations.error} />
      {organizations.isPending ? <p aria-busy="true">Loading…</p> : null}
      {organizations.isSuccess && !current ? (
        <EmptyState title="You are not in an organization yet">
          <p>
            Projects live in an organization. <Link to="/organizations/new">Create one for your studio</Link>, or open the
            link in an invitation you received.
          </p>
        </EmptyState>
      ) : null}
      {current ? <OrganizationProjects organizationId={current.id} name={current.name} canCreate={current.can.createProject} /> : null}
    </>
  );
}

interface OrganizationProjectsProps {
  organizationId: string;
  name: string;
  canCreate: boolean;
}

function OrganizationProjects({ organizationId, name, canCreate }: OrganizationProjectsProps) {
  const [creating, setCreating] = useState(false);
  const [values, change] = useProjectFilters();
  const teams = useTeams(organizationId);
  const filters: ProjectFilters = { organizationId };
  if (values.status) filters.status = values.status;
  if (values.q) filters.q = values.q;
  if (values.teamId) filters.teamId = values.teamId;

  return (
    <>
      <div className="page-toolbar">
        <p className="page-toolbar__context">
          In <strong>{name}</strong>
        </p>
        {canCreate && !creating ? (
          <button className="button button--primary" type="button" onClick={() => setCreating(true)}>
            New project
          </button>
        ) : null}
      </div>
      {creating ? (
        <section className="panel" aria-labelledby="new-project-title">
          <h3 className="panel__title" id="new-project-title">
            New project
          </h3>
          <NewProjectForm organizationId={organizationId} teams={teams.data ?? []} onCancel={() => setCreating(false)} />
        </section>
      ) : null}
      <ProjectFiltersBar key={organizationId} values={values} teams={teams.data ?? []} onChange={change} />
      <ProjectList filters={filters} teams={teams.data ?? []} filtered={Boolean(values.status || values.q || values.teamId)} />
    </>
  );
}
