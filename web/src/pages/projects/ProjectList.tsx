import type { ProjectFilters } from '../../api/projects';
import type { TeamView } from '../../api/schema';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useProjects } from '../../projects/queries';
import { ProjectListItem } from './ProjectListItem';

interface ProjectListProps {
  filters: ProjectFilters;
  teams: readonly TeamView[];
  /** Some filter narrows the list (so an empty list means "nothing matches"). */
  filtered: boolean;
}

/** The organization's projects as filtered, newest first, with "Load more" for older ones. */
export function ProjectList({ filters, teams, filtered }: ProjectListProps) {
  const projects = useProjects(filters);
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));

  return (
    <>
      <ErrorBanner error={projects.error} />
      {projects.isPending ? <p aria-busy="true">Loading projects…</p> : null}
      {projects.isSuccess && items.length === 0 ? (
        filtered ? (
          <EmptyState title="No project matches">
            <p>Try another status, team or search.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No projects yet">
            <p>Projects gather a client brief, its tasks, milestones and conversations in one place.</p>
          </EmptyState>
        )
      ) : null}
      {items.length ? (
        <ul className="item-list" aria-label="Projects">
          {items.map((project) => (
            <ProjectListItem
              key={project.id}
              project={project}
              teamName={project.teamId ? teamNames.get(project.teamId) : undefined}
            />
          ))}
        </ul>
      ) : null}
      {projects.hasNextPage ? (
        <div className="panel__actions">
          <button
            className="button button--secondary"
            type="button"
            onClick={() => void projects.fetchNextPage()}
            disabled={projects.isFetchingNextPage}
          >
            {projects.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </>
  );
}
