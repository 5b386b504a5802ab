import type { FormEvent } from 'react';
import type { ProjectChangeBody, ProjectView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { useTeams } from '../../organizations/queries';
import { DeleteProjectSection } from './DeleteProjectSection';
import { useUpdateProject } from './useUpdateProject';

const FIELDS = { name: 'name', description: 'description', startDate: 'startDate', dueDate: 'dueDate', teamId: 'teamId' } as const;

/** Only what changed goes to the server; emptied fields are sent as null (cleared). */
function changesFrom(form: HTMLFormElement, project: ProjectView): ProjectChangeBody {
  const changes: ProjectChangeBody = {};
  const name = formText(form, 'name');
  const description = formText(form, 'description') || null;
  const startDate = formText(form, 'startDate') || null;
  const dueDate = formText(form, 'dueDate') || null;
  const teamId = formText(form, 'teamId') || null;
  if (name !== project.name) changes.name = name;
  if (description !== (project.description ?? null)) changes.description = description;
  if (startDate !== (project.startDate ?? null)) changes.startDate = startDate;
  if (dueDate !== (project.dueDate ?? null)) changes.dueDate = dueDate;
  if (teamId !== (project.teamId ?? null)) changes.teamId = teamId;
  return changes;
}

interface ProjectDetailsFormProps {
  project: ProjectView;
  onDone: () => void;
}

/** A lead edits the name, description, dates and team; "Delete project" sits below. */
export function ProjectDetailsForm({ project, onDone }: ProjectDetailsFormProps) {
  const teams = useTeams(project.organizationId);
  const save = useUpdateProject(project.id);
  const { fields, banner } = splitError(save.error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesFrom(event.currentTarget, project);
    if (Object.keys(changes).length === 0) onDone();
    else save.mutate(changes, { onSuccess: onDone });
  }

  return (
    <section className="panel" aria-labelledby="project-details-title">
      <h3 className="panel__title" id="project-details-title">
        Project details
      </h3>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Project name" name="name" defaultValue={project.name} required maxLength={100} error={fields.name} />
        <TextAreaField
          label="Description"
          name="description"
          rows={4}
          defaultValue={project.description ?? ''}
          hint="Markdown: **bold**, *italic*, `code`, [links](https://…) and lists."
          error={fields.description}
        />
        <div className="form__row">
          <TextField label="Start date" name="startDate" type="date" defaultValue={project.startDate ?? ''} error={fields.startDate} />
          <TextField label="Due date" name="dueDate" type="date" defaultValue={project.dueDate ?? ''} error={fields.dueDate} />
        </div>
        <SelectField
          label="Team"
          name="teamId"
          defaultValue={project.teamId ?? ''}
          options={[{ value: '', label: 'No team' }, ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))]}
          error={fields.teamId}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={save.isPending}>
            Save changes
          </button>
          <button className="button button--secondary" type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
      {project.can.delete ? <DeleteProjectSection project={project} /> : null}
    </section>
  );
}
