import { api } from './client';
import { unwrap } from './http';

/**
 * Typed calls for the files attached to a project's tasks: the whole board's at once (for its
 * cards), and attaching and detaching one (leads and editors, `ProjectView.can.editTask`).
 */

/** Every file attached to one of the project's tasks, by task, each with its newest version and its review state. */
export const fetchTaskFiles = (id: string) =>
  unwrap(api.GET('/api/projects/{id}/task-files', { params: { path: { id } } })).then((body) => body.items);

/** Answers the task's files now; attaching one again changes nothing; 409 for a file of another project. */
export const attachFile = (id: string, taskId: string, fileId: string) =>
  unwrap(api.POST('/api/projects/{id}/tasks/{taskId}/files', { params: { path: { id, taskId } }, body: { fileId } })).then(
    (body) => body.items,
  );

/** Answers 204, no body; the file stays in the project. */
export const detachFile = (id: string, taskId: string, fileId: string): Promise<void> =>
  unwrap(api.DELETE('/api/projects/{id}/tasks/{taskId}/files/{fileId}', { params: { path: { id, taskId, fileId } } })).then(
    () => undefined,
  );
