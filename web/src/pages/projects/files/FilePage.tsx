import { Navigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/errors';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { filePath } from '../../../files/paths';
import { useFile } from '../../../files/queries';
import { useProjectOutlet } from '../../../projects/projectContext';
import { FileDetails } from './FileDetails';
import { FileGone } from './FileGone';

/** /projects/:projectId/files/:fileId, under the project's header and tabs. */
export function FilePage() {
  const project = useProjectOutlet();
  const { fileId = '' } = useParams();
  const file = useFile(fileId);

  if (file.isPending) return <p aria-busy="true">Loading file…</p>;
  // Before the data: a file deleted while open keeps its last data, with this error.
  if (file.isError) {
    if (file.error instanceof ApiError && file.error.status === 404) return <FileGone projectId={project.id} />;
    return <ErrorBanner error={file.error} />;
  }
  // A link with the wrong project: the file's own is the one to show it under.
  if (file.data.projectId !== project.id) return <Navigate to={filePath(file.data)} replace />;
  return <FileDetails key={file.data.id} file={file.data} />;
}
