import type { DragEvent, HTMLAttributes, ReactNode } from 'react';
import type { MoveBody, TaskView } from '../../../api/schema';
import type { TaskStatus } from '../../../api/vocabularies';
import type { TaskAttachments } from '../../../projects/taskAttachments';
import { TASK_STATUS_LABELS } from '../../../projects/vocabulary';
import { TaskCard } from './TaskCard';

interface BoardColumnProps {
  status: TaskStatus;
  tasks: readonly TaskView[];
  nameOf: (userId: string) => string | undefined;
  /** A task's attached files, if it has any. */
  attachmentsOf: (taskId: string) => TaskAttachments | undefined;
  /** Present for those who may move tasks. */
  drag:
    | {
        dragging: string | null;
        /** The index a dragged card would land at in this column, if it is over it. */
        dropIndex: number | null;
        cardProps: (taskId: string) => HTMLAttributes<HTMLLIElement>;
        columnProps: {
          onDragOver: (event: DragEvent<HTMLElement>) => void;
          onDragLeave: (event: DragEvent<HTMLElement>) => void;
          onDrop: (event: DragEvent<HTMLElement>) => void;
        };
        /** A card's Move buttons (not the mouse). */
        onMove: (taskId: string, move: MoveBody) => void;
        /** The card whose Move buttons made the last move. */
        movedByKeyboard: string | null;
      }
    | undefined;
  /** "Add task", or the form once it is open; nothing for those who may not add. */
  adder: ReactNode;
}

/** One column of the board: its cards in order, and where a dragged card would land. */
export function BoardColumn({ status, tasks, nameOf, attachmentsOf, drag, adder }: BoardColumnProps) {
  const label = TASK_STATUS_LABELS[status];
  // The drop index counts the column's other cards: the dragged one is not one of them.
  const others = tasks.filter((task) => task.id !== drag?.dragging);
  const dropIndex = drag?.dropIndex ?? null;
  const dropBeforeId = dropIndex !== null ? others[dropIndex]?.id : undefined;
  const dropAtEnd = dropIndex !== null && dropIndex >= others.length;

  return (
    <section
      className={dropIndex !== null ? 'board-column board-column--over' : 'board-column'}
      aria-label={label}
      {...drag?.columnProps}
    >
      <header className="board-column__head">
        <h3 className="board-column__title">{label}</h3>
        <span className="board-column__count" aria-label={`${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'}`}>
          {tasks.length}
        </span>
      </header>
      <ul className={dropAtEnd ? 'board-column__cards board-column__cards--drop-end' : 'board-column__cards'}>
        {tasks.map((task, index) => (
          <TaskCard
            key={task.id}
            task={task}
            assigneeName={task.assigneeId ? (nameOf(task.assigneeId) ?? 'Someone no longer on the project') : undefined}
            attachments={attachmentsOf(task.id)}
            index={index}
            count={tasks.length}
            dragProps={drag?.cardProps(task.id)}
            dragged={drag?.dragging === task.id}
            dropBefore={task.id === dropBeforeId}
            onMove={drag ? (move) => drag.onMove(task.id, move) : undefined}
            movedByKeyboard={drag?.movedByKeyboard === task.id}
          />
        ))}
      </ul>
      {tasks.length === 0 ? <p className="board-column__empty">No tasks</p> : null}
      {adder}
    </section>
  );
}
