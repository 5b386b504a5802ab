import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { createDocument } from '../../../api/documents';
import { documentKeys } from '../../../documents/queryKeys';
import { DocumentTitleForm } from './DocumentTitleForm';

/** "New document": its creator lands in it, ready to write. */
export function NewDocumentForm({ projectId }: { projectId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (title: string) => createDocument(projectId, title),
    onSuccess: (document) => {
      queryClient.setQueryData(documentKeys.one(document.id), document);
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(projectId) });
      navigate(`/projects/${projectId}/documents/${document.id}`);
    },
  });

  return (
    <section className="panel" aria-labelledby="new-document-title">
      <h3 className="panel__title" id="new-document-title">
        New document
      </h3>
      <DocumentTitleForm
        submitLabel="Create document"
        pending={create.isPending}
        error={create.error}
        onSubmit={(title) => create.mutate(title)}
      />
    </section>
  );
}
