import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { createProject } from '../../api/projects';
import type { NewProjectBody, TeamView } from '../../api/schema';
import type { Priority, ProjectStatus } from '../../api/vocabularies';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { projectKeys } from '../../projects/queryKeys';
import { optionsOf, PRIORITIES, PRIORITY_LABELS, PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../../projects/vocabulary';

const FIELDS = {
  name: 'name',
  description: 'description',
  status: 'status',
  priority: 'priority',
  startDate: 'startDate',
  dueDate: 'dueDate',
  teamId: 'teamId',
} as const;

interface NewProjectFormProps {
  organizationId: string;
  teams: readonly TeamView[];
  onCancel: () => void;
}

function inputFrom(form: HTMLFormElement, organizationId: string): NewProjectBody {
  const input: NewProjectBody = {
    organizationId,
    name: formText(form, 'name'),
    status: formText(form, 'status') as ProjectStatus,
    priority: formText(form, 'priority') as Priority,
  };
  const description = formText(form, 'description');
  const startDate = formText(form, 'startDate');
  const dueDate = formText(form, 'dueDate');
  const teamId = formText(form, 'teamId');
  if (description) input.description = description;
  if (startDate) input.startDate = startDate;
  if (dueDate) input.dueDate = dueDate;
  if (teamId) input.teamId = teamId;
  return input;
}

/** A project in the current organization; its creator leads it and lands on its board. */
export function NewProjectForm({ organizationId, teams, onCancel }: NewProjectFormProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.one(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
      navigate(`/projects/${project.id}`);
    },
  });
  const { fields, banner } = splitError(create.error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(inputFrom(event.currentTarget, organizationId));
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Project name" name="name" required maxLength={100} autoFocus error={fields.name} />
        <TextAreaField label="Description" name="description" rows={3} hint="Optional." error={fields.description} />
        <div className="form__row">
          <SelectField
            label="Status"
            name="status"
            defaultValue="planning"
            options={optionsOf(PROJECT_STATUSES, PROJECT_STATUS_LABELS)}
            error={fields.status}
          />
          <SelectField
            label="Priority"
            name="priority"
            defaultValue="medium"
            options={optionsOf(PRIORITIES, PRIORITY_LABELS)}
            error={fields.priority}
          />
        </div>
        <div className="form__row">
          <TextField label="Start date" name="startDate" type="date" error={fields.startDate} />
          <TextField label="Due date" name="dueDate" type="date" error={fields.dueDate} />
        </div>
        <SelectField
          label="Team"
          name="teamId"
          defaultValue=""
          options={[{ value: '', label: 'No team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
          error={fields.teamId}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={create.isPending}>
            Create project
          </button>
          <button className="button button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
