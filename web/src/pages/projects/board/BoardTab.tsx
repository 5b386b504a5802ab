import { useState } from 'react';
import { Outlet, useParams } from 'react-router-dom';
import type { MoveBody } from '../../../api/schema';
import type { TaskStatus } from '../../../api/vocabularies';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { columnsOf, isSamePlace, placeOf } from '../../../projects/board';
import { useProjectOutlet, type ProjectOutlet } from '../../../projects/projectContext';
import { useBoard, useProjectMembers, useTaskFiles } from '../../../projects/queries';
import { attachmentsByTask } from '../../../projects/taskAttachments';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../../projects/vocabulary';
import { AddTaskForm } from './AddTaskForm';
import { BoardColumn } from './BoardColumn';
import { useBoardDrag } from './useBoardDrag';
import { useMoveTask } from './useMoveTask';

/**
 * The board: five columns of cards. Leads and editors add tasks, drag cards between and
 * within columns (or use a card's "Move" buttons); the card moves at once and goes back,
 * with the server's words, if the server refuses. Each card counts its attached files and shows
 * their review (read once for the whole board). An open task shows over the board.
 */
export function BoardTab() {
  const project = useProjectOutlet();
  const board = useBoard(project.id);
  const members = useProjectMembers(project.id);
  const taskFiles = useTaskFiles(project.id);
  const move = useMoveTask(project.id);
  const [addingTo, setAddingTo] = useState<TaskStatus | null>(null);
  // An open task covers the board: no half-typed new task waits under it.
  const taskOpen = useParams().taskId !== undefined;
  const { moveTask: movable, createTask: addable } = project.can;

  const tasks = board.data ?? [];
  const columns = columnsOf(tasks);
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  const attachments = attachmentsByTask(taskFiles.data ?? []);

  const [movedByKeyboard, setMovedByKeyboard] = useState<string | null>(null);

  const moveTo = (taskId: string, place: MoveBody) => {
    if (isSamePlace(placeOf(tasks, taskId), place)) return;
    move.mutate({ taskId, move: place });
  };
  const drag = useBoardDrag((taskId, place) => {
    setMovedByKeyboard(null);
    moveTo(taskId, place);
  });
  const moveByKeyboard = (taskId: string, place: MoveBody) => {
    setMovedByKeyboard(taskId);
    moveTo(taskId, place);
  };
  const outlet: ProjectOutlet = { project };

  return (
    <>
      <ErrorBanner error={board.error ?? members.error ?? taskFiles.error ?? move.error} />
      {board.isPending ? <p aria-busy="true">Loading the board…</p> : null}
      {board.isSuccess ? (
        <>
          <p className="board-hint">
            {movable
              ? 'Drag a card to another place or column, or use its Move button.'
              : 'Only the project’s leads and editors add and move tasks.'}
          </p>
          <div className="board">
            {TASK_STATUSES.map((status) => (
              <BoardColumn
                key={status}
                status={status}
                tasks={columns[status]}
                nameOf={(id) => names.get(id)}
                attachmentsOf={(id) => attachments.get(id)}
                drag={
                  movable
                    ? {
                        dragging: drag.dragging,
                        dropIndex: drag.target?.status === status ? drag.target.index : null,
                        cardProps: drag.cardProps,
                        columnProps: drag.columnProps(status),
                        onMove: moveByKeyboard,
                        movedByKeyboard,
                      }
                    : undefined
                }
                adder={
                  !addable ? null : addingTo === status && !taskOpen ? (
                    <AddTaskForm
                      projectId={project.id}
                      status={status}
                      members={members.data ?? []}
                      onClose={() => setAddingTo(null)}
                    />
                  ) : (
                    <button
                      className="button button--secondary button--small board-column__add-button"
                      type="button"
                      aria-label={`Add task to ${TASK_STATUS_LABELS[status]}`}
                      onClick={() => setAddingTo(status)}
                    >
                      Add task
                    </button>
                  )
                }
              />
            ))}
          </div>
        </>
      ) : null}
      <Outlet context={outlet} />
    </>
  );
}
