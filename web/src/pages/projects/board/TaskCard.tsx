import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { MoveBody, TaskView } from '../../../api/schema';
import { formatDate, today } from '../../../projects/formatDate';
import type { TaskAttachments } from '../../../projects/taskAttachments';
import { PriorityTag } from '../VocabularyTags';
import { TaskCardFiles } from './TaskCardFiles';
import { TaskMoveControls } from './TaskMoveControls';

interface TaskCardProps {
  task: TaskView;
  assigneeName: string | undefined;
  /** Its attached files, if it has any. */
  attachments: TaskAttachments | undefined;
  index: number;
  count: number;
  /** Drag handlers and `draggable`, for those who may move tasks. */
  dragProps: HTMLAttributes<HTMLLIElement> | undefined;
  dragged: boolean;
  /** A dragged card would land just above this one. */
  dropBefore: boolean;
  onMove: ((move: MoveBody) => void) | undefined;
  /** Its Move buttons made the last move: they keep the focus. */
  movedByKeyboard: boolean;
}

/** One card: its title (opening the task), assignee, priority, due date, tags, and its files with their review. */
export function TaskCard({ task, assigneeName, attachments, index, count, dragProps, dragged, dropBefore, onMove, movedByKeyboard }: TaskCardProps) {
  const titleId = `task-title-${task.id}`;
  const overdue = task.status !== 'done' && Boolean(task.dueDate && task.dueDate < today());
  const classes = ['task-card', dragged ? 'task-card--dragged' : '', dropBefore ? 'task-card--drop-before' : ''];
  return (
    <li className={classes.filter(Boolean).join(' ')} {...dragProps}>
      <article className="task-card__body" aria-labelledby={titleId}>
        <h4 className="task-card__title" id={titleId}>
          <Link to={`/projects/${task.projectId}/tasks/${task.id}`} draggable={false}>
            {task.title}
          </Link>
        </h4>
        <p className="task-card__meta">
          <PriorityTag priority={task.priority} />
          {assigneeName ? <span className="task-card__assignee">{assigneeName}</span> : null}
          {task.dueDate ? (
            <time className={overdue ? 'task-card__due task-card__due--overdue' : 'task-card__due'} dateTime={task.dueDate}>
              {overdue ? 'Overdue: ' : 'Due '}
              {formatDate(task.dueDate)}
            </time>
          ) : null}
        </p>
        {task.tags.length ? (
          <ul className="tag-list" aria-label="Tags">
            {task.tags.map((tag) => (
              <li className="tag" key={tag}>
                {tag}
              </li>
            ))}
          </ul>
        ) : null}
        {attachments ? <TaskCardFiles attachments={attachments} /> : null}
        {onMove ? (
          <TaskMoveControls
            title={task.title}
            status={task.status}
            index={index}
            count={count}
            onMove={onMove}
            refocus={movedByKeyboard}
          />
        ) : null}
      </article>
    </li>
  );
}
