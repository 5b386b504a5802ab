import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/EmptyState';
import { filesPath } from '../../../files/paths';

/** A file that does not exist (deleted, perhaps just now by someone else), or that the caller may not see: the server says 404 for both. */
export function FileGone({ projectId }: { projectId: string }) {
  return (
    <EmptyState title="File not found">
      <p>
        It may have been deleted, or you no longer have access to it. See <Link to={filesPath(projectId)}>the project's files</Link>.
      </p>
    </EmptyState>
  );
}
