import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { deleteDocument, renameDocument } from '../../../api/documents';
import type { DocumentView } from '../../../api/schema';
import { EditDeleteActions } from '../../../components/EditDeleteActions';
import { ErrorBanner } from '../../../components/ErrorBanner';
import type { SaveState } from '../../../documents/collab/saveState';
import { documentKeys } from '../../../documents/queryKeys';
import { DocumentTitleForm } from './DocumentTitleForm';
import { SaveStatus } from './SaveStatus';

interface DocumentHeaderProps {
  document: DocumentView;
  titleId: string;
  save: SaveState;
  stopped: boolean;
}

/** The document's title and save state; those who may edit rename or delete it here. */
export function DocumentHeader({ document, titleId, save, stopped }: DocumentHeaderProps) {
  const [renaming, setRenaming] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const listPath = `/projects/${document.projectId}/documents`;
  const rename = useMutation({
    mutationFn: (title: string) => renameDocument(document.id, title),
    onSuccess: (renamed) => {
      queryClient.setQueryData(documentKeys.one(document.id), renamed);
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(document.projectId) });
      setRenaming(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteDocument(document.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(document.projectId) });
      navigate(listPath, { replace: true });
      queryClient.removeQueries({ queryKey: documentKeys.one(document.id) });
    },
  });

  return (
    <header className="document-heading">
      <Link className="document-heading__back" to={listPath}>
        ← All documents
      </Link>
      {renaming ? (
        <DocumentTitleForm
          title={document.title}
          submitLabel="Save title"
          pending={rename.isPending}
          error={rename.error}
          onSubmit={(title) => rename.mutate(title)}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <h3 className="document-heading__title" id={titleId}>
          {document.title}
        </h3>
      )}
      <div className="document-heading__meta">
        <SaveStatus state={save} stopped={stopped} />
        {document.canEdit ? null : <span className="status-tag">Read only</span>}
        {document.canEdit && !renaming ? (
          <EditDeleteActions
            editLabel="Rename"
            onEdit={() => setRenaming(true)}
            deleteLabel="Delete document"
            deletePrompt={`Delete “${document.title}”? Its text and saved versions go with it, for everyone.`}
            onDelete={() => remove.mutate()}
            deletePending={remove.isPending}
          />
        ) : null}
      </div>
      <ErrorBanner error={remove.error} />
    </header>
  );
}
