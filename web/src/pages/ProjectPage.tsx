import { useParams } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

export function ProjectPage() {
  const { projectId = '' } = useParams();

  return (
    <>
      <PageHeading title={`Project ${projectId}`} />
      <EmptyState title="Nothing in this project yet">
        <p>Tasks, files and discussions for this project will appear here.</p>
      </EmptyState>
    </>
  );
}
