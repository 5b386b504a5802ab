import { useState } from 'react';
import type { ProjectView } from '../../api/schema';
import type { Priority, ProjectStatus } from '../../api/vocabularies';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Markdown } from '../../components/Markdown';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../projects/formatDate';
import {
  PRIORITIES,
  PRIORITY_LABELS,
  PROJECT_ROLE_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
} from '../../projects/vocabulary';
import { ProjectDetailsForm } from './ProjectDetailsForm';
import { useUpdateProject } from './useUpdateProject';
import { PriorityTag, ProjectStatusTag } from './VocabularyTags';

function dates(project: ProjectView): string | undefined {
  const start = project.startDate ? `starts ${formatDate(project.startDate)}` : undefined;
  const due = project.dueDate ? `due ${formatDate(project.dueDate)}` : undefined;
  return [start, due].filter(Boolean).join(' · ') || undefined;
}

/** The project's name, status and priority (changed in place by its leads), dates, and the caller's role. */
export function ProjectHeader({ project }: { project: ProjectView }) {
  const editable = project.can.update;
  const [editing, setEditing] = useState(false);
  const save = useUpdateProject(project.id);
  const when = dates(project);

  return (
    <div className="project-heading">
      <PageHeading title={project.name} />
      <div className="project-heading__meta">
        {editable ? (
          <>
            <label className="inline-field">
              <span className="inline-field__label">Status</span>
              <select
                className="field__control inline-field__control"
                value={save.isPending && save.variables.status ? save.variables.status : project.status}
                disabled={save.isPending}
                onChange={(event) => save.mutate({ status: event.target.value as ProjectStatus })}
              >
                {PROJECT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {PROJECT_STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">Priority</span>
              <select
                className="field__control inline-field__control"
                value={save.isPending && save.variables.priority ? save.variables.priority : project.priority}
                disabled={save.isPending}
                onChange={(event) => save.mutate({ priority: event.target.value as Priority })}
              >
                {PRIORITIES.map((priority) => (
                  <option key={priority} value={priority}>
                    {PRIORITY_LABELS[priority]}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            <ProjectStatusTag status={project.status} />
            <PriorityTag priority={project.priority} />
          </>
        )}
        {when ? <span>{when}</span> : null}
        <span>
          Your role: <strong>{project.role ? PROJECT_ROLE_LABELS[project.role] : 'not on this project'}</strong>
        </span>
        {editable && !editing ? (
          <button className="button button--secondary button--small" type="button" onClick={() => setEditing(true)}>
            Edit details
          </button>
        ) : null}
      </div>
      <ErrorBanner error={save.error} />
      {project.description && !editing ? <Markdown className="project-heading__about" source={project.description} /> : null}
      {editing ? <ProjectDetailsForm project={project} onDone={() => setEditing(false)} /> : null}
    </div>
  );
}
