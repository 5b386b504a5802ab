import { Navigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/errors';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useDocument } from '../../../documents/queries';
import { useProjectOutlet } from '../../../projects/projectContext';
import { DocumentGone } from './DocumentGone';
import { DocumentWorkspace } from './DocumentWorkspace';

/**
 * /projects/:projectId/documents/:documentId, under the project's header and tabs. Loaded
 * on demand (see LazyDocumentPage): the editor and Yjs are most of the app's weight.
 */
export function DocumentPage() {
  const project = useProjectOutlet();
  const { documentId = '' } = useParams();
  const document = useDocument(documentId);

  if (document.isPending) return <p aria-busy="true">Loading document…</p>;
  if (document.isError) {
    if (document.error instanceof ApiError && document.error.status === 404) return <DocumentGone projectId={project.id} />;
    return <ErrorBanner error={document.error} />;
  }
  // A link with the wrong project: the document's own is the one to show it under.
  if (document.data.projectId !== project.id) {
    return <Navigate to={`/projects/${document.data.projectId}/documents/${document.data.id}`} replace />;
  }
  // A new workspace per document: its live session belongs to that document alone.
  return <DocumentWorkspace key={document.data.id} document={document.data} />;
}
