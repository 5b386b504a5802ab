import { useMemo } from 'react';
import type { DocumentView } from '../../../api/schema';
import { useAuth } from '../../../auth/authContext';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { PROBLEM_MESSAGES } from '../../../documents/collab/closeCodes';
import { useCollabSession } from '../../../documents/collab/useCollabSession';
import { colorFor } from '../../../documents/collab/userColor';
import { CollaborativeEditor, type CaretUser } from './CollaborativeEditor';
import { DocumentGone } from './DocumentGone';
import { DocumentHeader } from './DocumentHeader';
import { ExportLinks } from './ExportLinks';
import { HistoryPanel } from './HistoryPanel';

const TITLE_ID = 'document-title';

/** An open document: the live editor with the others' carets, its save state, export and history. */
export function DocumentWorkspace({ document }: { document: DocumentView }) {
  const user = useAuth().user;
  const collab = useCollabSession(document.id);
  const caretUser = useMemo<CaretUser>(
    () => ({ name: user?.name ?? 'Someone', color: colorFor(user?.id ?? '') }),
    [user?.name, user?.id],
  );

  // Deleted, or access taken away, while it was open.
  if (collab.problem === 'not_found') return <DocumentGone projectId={document.projectId} />;

  // Once live editing has stopped, typing would only change this screen: say so by not allowing it.
  const editable = document.canEdit && collab.problem === null;
  return (
    <article className="document" aria-labelledby={TITLE_ID}>
      <DocumentHeader document={document} titleId={TITLE_ID} save={collab.save} stopped={collab.problem !== null} />
      {collab.problem ? <ErrorBanner error={new Error(PROBLEM_MESSAGES[collab.problem])} /> : null}
      <div className="document__layout">
        <div className="document__main">
          {collab.session ? (
            <CollaborativeEditor session={collab.session} user={caretUser} editable={editable} />
          ) : (
            <p aria-busy="true">Connecting…</p>
          )}
        </div>
        <div className="document__side">
          <ExportLinks document={document} />
          <HistoryPanel document={document} />
        </div>
      </div>
    </article>
  );
}
