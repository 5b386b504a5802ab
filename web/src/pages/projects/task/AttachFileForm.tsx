import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { FileView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField } from '../../../components/Field';
import { filesPath } from '../../../files/paths';
import { useEveryFile } from '../../../files/queries';
import { attachable } from '../../../projects/taskAttachments';
import { useAttachFile } from '../../../projects/taskFileMutations';

interface AttachFileFormProps {
  projectId: string;
  taskId: string;
  /** The task's files now: they are not offered again. */
  attached: readonly FileView[];
}

/** "Attach a file": a pick of the project's files not on the task yet (leads and editors). */
export function AttachFileForm({ projectId, taskId, attached }: AttachFileFormProps) {
  const files = useEveryFile(projectId);
  const attach = useAttachFile(projectId, taskId);
  const [chosen, setChosen] = useState('');
  const offered = attachable(files.data ?? [], attached);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen) attach.mutate(chosen, { onSuccess: () => setChosen('') });
  }

  return (
    <form className="form attach-file" aria-label="Attach a file" onSubmit={submit}>
      <ErrorBanner error={files.error ?? attach.error} />
      {files.isPending ? <p aria-busy="true">Loading the project’s files…</p> : null}
      {files.isSuccess && files.data.length === 0 ? (
        <p className="panel__intro">
          The project has no files yet: upload them in <Link to={filesPath(projectId)}>Files</Link>.
        </p>
      ) : null}
      {files.isSuccess && files.data.length > 0 && offered.length === 0 ? (
        <p className="panel__intro">Every file of the project is attached.</p>
      ) : null}
      {offered.length ? (
        <div className="attach-file__row">
          <SelectField
            label="File to attach"
            name="fileId"
            value={chosen}
            onChange={(event) => {
              attach.reset();
              setChosen(event.target.value);
            }}
            options={[{ value: '', label: 'Choose a file…' }, ...offered.map((file) => ({ value: file.id, label: file.name }))]}
          />
          <button className="button button--primary" type="submit" disabled={!chosen || attach.isPending}>
            Attach
          </button>
        </div>
      ) : null}
    </form>
  );
}
