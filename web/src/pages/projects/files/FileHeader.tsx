import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { deleteFile, renameFile } from '../../../api/files';
import type { FileView } from '../../../api/schema';
import { EditDeleteActions } from '../../../components/EditDeleteActions';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { formatSize } from '../../../files/formatSize';
import { filesPath } from '../../../files/paths';
import { fileKeys } from '../../../files/queryKeys';
import { KIND_LABELS } from '../../../files/vocabulary';
import { formatDateTime } from '../../account/formatDateTime';
import { FileNameForm } from './FileNameForm';

/** The file's name and facts; those who may manage it rename it in place or delete it here. */
export function FileHeader({ file, titleId }: { file: FileView; titleId: string }) {
  const [renaming, setRenaming] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const listPath = filesPath(file.projectId);
  const rename = useMutation({
    mutationFn: (name: string) => renameFile(file.id, name),
    onSuccess: (renamed) => {
      queryClient.setQueryData(fileKeys.one(file.id), renamed);
      void queryClient.invalidateQueries({ queryKey: fileKeys.lists(file.projectId) });
      setRenaming(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteFile(file.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: fileKeys.lists(file.projectId) });
      navigate(listPath, { replace: true });
      queryClient.removeQueries({ queryKey: fileKeys.one(file.id) });
    },
  });
  const versions = file.versionCount === 1 ? '1 version' : `${file.versionCount} versions`;

  return (
    <header className="document-heading">
      <Link className="document-heading__back" to={listPath}>
        ← All files
      </Link>
      {renaming ? (
        <FileNameForm
          name={file.name}
          pending={rename.isPending}
          error={rename.error}
          onSubmit={(name) => rename.mutate(name)}
          onCancel={() => {
            rename.reset();
            setRenaming(false);
          }}
        />
      ) : (
        <h3 className="document-heading__title" id={titleId}>
          {file.name}
        </h3>
      )}
      <div className="document-heading__meta">
        <p className="item-list__meta">
          {KIND_LABELS[file.kind]} · {formatSize(file.latest.size)} · {versions} · Updated{' '}
          <time dateTime={file.updatedAt}>{formatDateTime(file.updatedAt)}</time>
        </p>
        {file.canManage && !renaming ? (
          <EditDeleteActions
            editLabel="Rename"
            onEdit={() => setRenaming(true)}
            deleteLabel="Delete file"
            deletePrompt={`Delete “${file.name}”? All its versions go with it, for everyone.`}
            onDelete={() => remove.mutate()}
            deletePending={remove.isPending}
          />
        ) : null}
      </div>
      <ErrorBanner error={remove.error} />
    </header>
  );
}
