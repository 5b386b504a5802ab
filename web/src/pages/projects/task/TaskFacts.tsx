import type { MilestoneView, ProjectMemberView, TaskView } from '../../../api/schema';
import { Markdown } from '../../../components/Markdown';
import { formatDate } from '../../../projects/formatDate';
import { PRIORITY_LABELS, TASK_STATUS_LABELS } from '../../../projects/vocabulary';
import { formatDateTime } from '../../account/formatDateTime';

interface TaskFactsProps {
  task: TaskView;
  members: readonly ProjectMemberView[];
  milestones: readonly MilestoneView[];
}

/** The task as it stands, to read: fields, then the description as (safe) Markdown. */
export function TaskFacts({ task, members, milestones }: TaskFactsProps) {
  const assignee = task.assigneeId ? (members.find((m) => m.userId === task.assigneeId)?.name ?? 'Someone no longer on the project') : 'Nobody';
  const milestone = task.milestoneId ? (milestones.find((m) => m.id === task.milestoneId)?.title ?? '—') : 'None';
  return (
    <>
      <dl className="facts">
        <dt>Column</dt>
        <dd>{TASK_STATUS_LABELS[task.status]}</dd>
        <dt>Priority</dt>
        <dd>{PRIORITY_LABELS[task.priority]}</dd>
        <dt>Assignee</dt>
        <dd>{assignee}</dd>
        <dt>Milestone</dt>
        <dd>{milestone}</dd>
        <dt>Due</dt>
        <dd>{task.dueDate ? formatDate(task.dueDate) : '—'}</dd>
        <dt>Tags</dt>
        <dd>{task.tags.length ? task.tags.join(', ') : '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(task.createdAt)}</dd>
        {task.completedAt ? (
          <>
            <dt>Completed</dt>
            <dd>{formatDateTime(task.completedAt)}</dd>
          </>
        ) : null}
      </dl>
      {task.description ? (
        <Markdown className="task-description" source={task.description} />
      ) : (
        <p className="panel__intro">No description.</p>
      )}
    </>
  );
}
