import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/errors';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useProjectOutlet } from '../../../projects/projectContext';
import { useProjectMembers, useTask } from '../../../projects/queries';
import { CommentsThread } from './CommentsThread';
import { TaskAttachments } from './TaskAttachments';
import { TaskDetails } from './TaskDetails';

/**
 * /projects/:projectId/tasks/:taskId: the task in a modal drawer over the board, so a link
 * (a notification, a mention) opens it directly. Escape or "Close" goes back to the board.
 */
export function TaskDialog() {
  const project = useProjectOutlet();
  const { taskId = '' } = useParams();
  const navigate = useNavigate();
  const task = useTask(project.id, taskId);
  const members = useProjectMembers(project.id);
  const dialog = useRef<HTMLDialogElement>(null);
  const boardPath = `/projects/${project.id}`;

  useEffect(() => {
    // Guarded: StrictMode runs effects twice, and showModal on an open dialog throws.
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  const close = () => navigate(boardPath);
  const missing = task.error instanceof ApiError && task.error.status === 404;

  return (
    <dialog className="drawer" ref={dialog} aria-labelledby="task-dialog-title" onClose={close}>
      <div className="drawer__head">
        <h2 className="drawer__title" id="task-dialog-title">
          {task.data?.title ?? (missing ? 'Task not found' : 'Loading task…')}
        </h2>
        <button className="button button--secondary button--small" type="button" onClick={close}>
          Close
        </button>
      </div>
      {missing ? <p>This task may have been deleted.</p> : <ErrorBanner error={task.error} />}
      {task.data ? (
        <>
          <TaskDetails project={project} task={task.data} members={members.data ?? []} onDeleted={close} />
          <TaskAttachments project={project} taskId={task.data.id} />
          <CommentsThread project={project} taskId={task.data.id} members={members.data ?? []} />
        </>
      ) : null}
    </dialog>
  );
}
