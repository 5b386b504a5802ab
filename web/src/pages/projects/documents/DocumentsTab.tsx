import { EmptyState } from '../../../components/EmptyState';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { useDocuments } from '../../../documents/queries';
import { useProjectOutlet } from '../../../projects/projectContext';
import { DocumentListItem } from './DocumentListItem';
import { NewDocumentForm } from './NewDocumentForm';

/** The project's documents, most recently changed first; leads and editors start new ones. */
export function DocumentsTab() {
  const project = useProjectOutlet();
  const documents = useDocuments(project.id);
  const items = documents.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      {project.can.editDocuments ? <NewDocumentForm projectId={project.id} /> : null}
      <ErrorBanner error={documents.error} />
      {documents.isPending ? <p aria-busy="true">Loading documents…</p> : null}
      {documents.isSuccess && items.length === 0 ? (
        <EmptyState title="No documents yet">
          <p>Briefs, notes and specs the project's people write together, live.</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <ul className="item-list" aria-label="Documents">
          {items.map((document) => (
            <DocumentListItem key={document.id} document={document} />
          ))}
        </ul>
      ) : null}
      <LoadMore list={documents} />
    </>
  );
}
