import { useState } from 'react';
import type { FileView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoadMore } from '../../components/LoadMore';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { formatSize } from '../../files/formatSize';
import { useFiles } from '../../files/queries';

interface ProjectFilePickerProps {
  id: string;
  projectId: string;
  /** Whether the person may upload into the project ("Upload new"). */
  canUpload: boolean;
  onUploadNew: () => void;
  onPick: (file: FileView) => void;
  /** Ids of the files already with the message. */
  picked: ReadonlySet<string>;
}

/** What a project channel's message can take: a new upload into the project, or any of its files, found by name. */
export function ProjectFilePicker({ id, projectId, canUpload, onUploadNew, onPick, picked }: ProjectFilePickerProps) {
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed.trim(), 250);
  const files = useFiles(projectId, { q: q || undefined, sort: 'name', limit: 20 });
  const items = files.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="attach-picker" id={id} role="dialog" aria-label="Attach project files">
      <div className="attach-picker__head">
        <input
          className="field__control"
          type="search"
          aria-label="Search the project’s files"
          placeholder="Search files…"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoFocus
        />
        {canUpload ? (
          <button className="button button--secondary button--small" type="button" onClick={onUploadNew}>
            Upload new
          </button>
        ) : null}
      </div>
      <ErrorBanner error={files.error} />
      {files.isPending ? <p aria-busy="true">Loading the project’s files…</p> : null}
      {files.isSuccess && items.length === 0 ? (
        <p className="attach-picker__empty">{q ? 'No file has that in its name.' : 'The project has no files yet.'}</p>
      ) : null}
      {items.length ? (
        <ul className="attach-picker__files" aria-label="Project files">
          {items.map((file) => {
            const chosen = picked.has(file.id);
            return (
              <li className="attach-picker__file" key={file.id}>
                <span className="attach-picker__name">{file.name}</span>
                <span className="attach-picker__size">{formatSize(file.latest.size)}</span>
                <button
                  className="link-button"
                  type="button"
                  aria-label={chosen ? `${file.name} attached` : `Attach ${file.name}`}
                  disabled={chosen}
                  onClick={() => onPick(file)}
                >
                  {chosen ? 'Attached' : 'Attach'}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <LoadMore list={files} />
    </div>
  );
}
