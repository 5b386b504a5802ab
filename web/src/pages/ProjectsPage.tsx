import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

export function ProjectsPage() {
  return (
    <>
      <PageHeading title="Projects" />
      <EmptyState title="No projects yet">
        <p>Projects gather a client brief, its tasks, files and conversations in one place.</p>
      </EmptyState>
    </>
  );
}
