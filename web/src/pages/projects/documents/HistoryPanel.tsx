import type { DocumentView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { LoadMore } from '../../../components/LoadMore';
import { useSnapshots } from '../../../documents/queries';
import { SaveVersionForm } from './SaveVersionForm';
import { SnapshotItem } from './SnapshotItem';

/** The document's saved versions, newest first: named ones and those the server takes by itself. */
export function HistoryPanel({ document }: { document: DocumentView }) {
  const snapshots = useSnapshots(document.id);
  const items = snapshots.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="panel panel--compact" aria-labelledby="document-history-title">
      <h4 className="panel__title" id="document-history-title">
        History
      </h4>
      {document.canEdit ? <SaveVersionForm documentId={document.id} /> : null}
      <ErrorBanner error={snapshots.error} />
      {snapshots.isPending ? <p aria-busy="true">Loading versions…</p> : null}
      {snapshots.isSuccess && items.length === 0 ? (
        <p className="panel__intro">No versions yet. The server also saves one by itself from time to time.</p>
      ) : null}
      {items.length ? (
        <ol className="item-list" aria-label="Versions">
          {items.map((snapshot) => (
            <SnapshotItem key={snapshot.id} documentId={document.id} snapshot={snapshot} canRestore={document.canEdit} />
          ))}
        </ol>
      ) : null}
      <LoadMore list={snapshots} />
    </section>
  );
}
