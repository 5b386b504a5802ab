import type { Priority, ProjectStatus } from '../../api/vocabularies';
import { PRIORITY_LABELS, PROJECT_STATUS_LABELS } from '../../projects/vocabulary';

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  return <span className={`status-tag project-status--${status}`}>{PROJECT_STATUS_LABELS[status]}</span>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  return (
    <span className={`priority-tag priority-tag--${priority}`} title="Priority">
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
