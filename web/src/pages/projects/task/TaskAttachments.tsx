import type { ProjectView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useTaskFiles } from '../../../projects/queries';
import { filesOfTask } from '../../../projects/taskAttachments';
import { useDetachFile } from '../../../projects/taskFileMutations';
import { AttachFileForm } from './AttachFileForm';
import { AttachmentItem } from './AttachmentItem';

interface TaskAttachmentsProps {
  project: ProjectView;
  taskId: string;
}

/**
 * The task's files (from the board's list of them, kept live), each leading to its page in
 * Files; leads and editors attach more of the project's files and take them off.
 */
export function TaskAttachments({ project, taskId }: TaskAttachmentsProps) {
  const taskFiles = useTaskFiles(project.id);
  const files = filesOfTask(taskFiles.data ?? [], taskId);
  const editable = project.can.editTask;
  const detach = useDetachFile(project.id, taskId);

  return (
    <section className="drawer__section" aria-labelledby="attachments-title">
      <h3 className="panel__title" id="attachments-title">
        Attachments
      </h3>
      <ErrorBanner error={taskFiles.error ?? detach.error} />
      {taskFiles.isPending ? <p aria-busy="true">Loading the attached files…</p> : null}
      {taskFiles.isSuccess && files.length === 0 ? <p className="panel__intro">No files attached.</p> : null}
      {files.length ? (
        <ul className="attachment-list" aria-label="Attached files">
          {files.map((file) => (
            <AttachmentItem
              key={file.id}
              file={file}
              onRemove={editable ? () => detach.mutate(file.id) : undefined}
              removing={detach.isPending && detach.variables === file.id}
            />
          ))}
        </ul>
      ) : null}
      {editable ? <AttachFileForm projectId={project.id} taskId={taskId} attached={files} /> : null}
    </section>
  );
}
