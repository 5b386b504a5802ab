import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { restoreSnapshot } from '../../../api/documents';
import type { SnapshotView } from '../../../api/schema';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { documentKeys } from '../../../documents/queryKeys';
import { formatDateTime } from '../../account/formatDateTime';

interface SnapshotItemProps {
  documentId: string;
  snapshot: SnapshotView;
  /** The caller may put it back (those who may edit the document). */
  canRestore: boolean;
}

/** One saved version: its name, who saved it (or that the server did) and when; "Restore" puts it back. */
export function SnapshotItem({ documentId, snapshot, canRestore }: SnapshotItemProps) {
  const queryClient = useQueryClient();
  /** Bumped by each restore, so the question closes once it is answered. */
  const [restores, setRestores] = useState(0);
  const restore = useMutation({
    mutationFn: () => restoreSnapshot(documentId, snapshot.id),
    // The text itself arrives in the open editor as a live change; the list gains the backup.
    onSuccess: () => {
      setRestores((count) => count + 1);
      return queryClient.invalidateQueries({ queryKey: documentKeys.snapshots(documentId) });
    },
  });
  const who = snapshot.automatic ? 'Saved automatically' : `Saved by ${snapshot.createdByName ?? 'a former member'}`;

  return (
    <li className={snapshot.automatic ? 'item-list__item snapshot snapshot--automatic' : 'item-list__item snapshot'}>
      <div className="item-list__text">
        <p className="item-list__title">{snapshot.name}</p>
        <p className="item-list__meta">
          {who} · <time dateTime={snapshot.createdAt}>{formatDateTime(snapshot.createdAt)}</time>
        </p>
      </div>
      {canRestore ? (
        <ConfirmAction
          key={restores}
          label="Restore"
          prompt={`Put “${snapshot.name}” back? Everyone's open editor changes at once; the current text is saved as a version first.`}
          confirmLabel="Yes, restore"
          onConfirm={() => restore.mutate()}
          pending={restore.isPending}
          tone="secondary"
          small
        />
      ) : null}
      <ErrorBanner error={restore.error} />
    </li>
  );
}
