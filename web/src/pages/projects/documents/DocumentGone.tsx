import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/EmptyState';

/** A document that does not exist, or that the caller may not see (the server says 404 for both). */
export function DocumentGone({ projectId }: { projectId: string }) {
  return (
    <EmptyState title="Document not found">
      <p>
        It may have been deleted, or you no longer have access to it. See{' '}
        <Link to={`/projects/${projectId}/documents`}>the project's documents</Link>.
      </p>
    </EmptyState>
  );
}
