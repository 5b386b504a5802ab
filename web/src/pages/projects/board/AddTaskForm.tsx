import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import type { NewTaskBody, ProjectMemberView, TaskView } from '../../../api/schema';
import type { Priority, TaskStatus } from '../../../api/vocabularies';
import { createTask } from '../../../api/tasks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField, TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';
import { projectKeys } from '../../../projects/queryKeys';
import { optionsOf, PRIORITIES, PRIORITY_LABELS, TASK_STATUS_LABELS } from '../../../projects/vocabulary';

const FIELDS = { title: 'title', assigneeId: 'assigneeId', priority: 'priority' } as const;

interface AddTaskFormProps {
  projectId: string;
  status: TaskStatus;
  members: readonly ProjectMemberView[];
  onClose: () => void;
}

/**
 * A new task at the bottom of a column. The form stays open for the next one (title
 * emptied and focused) until "Close".
 */
export function AddTaskForm({ projectId, status, members, onClose }: AddTaskFormProps) {
  const queryClient = useQueryClient();
  const title = useRef<HTMLInputElement>(null);
  const create = useMutation({
    mutationFn: (input: NewTaskBody) => createTask(projectId, input),
    onSuccess: (task) => {
      // A board read that finished first (after the live task:created) may hold it already.
      queryClient.setQueryData<TaskView[]>(projectKeys.board(projectId), (tasks) =>
        tasks && !tasks.some((held) => held.id === task.id) ? [...tasks, task] : tasks,
      );
      void queryClient.invalidateQueries({ queryKey: projectKeys.board(projectId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
    },
  });
  const { fields, banner } = splitError(create.error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input: NewTaskBody = { title: formText(form, 'title'), status, priority: formText(form, 'priority') as Priority };
    const assigneeId = formText(form, 'assigneeId');
    if (assigneeId) input.assigneeId = assigneeId;
    create.mutate(input, {
      onSuccess: () => {
        form.reset();
        title.current?.focus();
      },
    });
  }

  return (
    <form className="form board-column__add" onSubmit={submit} aria-label={`New task in ${TASK_STATUS_LABELS[status]}`}>
      <ErrorBanner error={banner} />
      <TextField ref={title} label="Task title" name="title" required maxLength={500} autoFocus error={fields.title} />
      <SelectField
        label="Assignee"
        name="assigneeId"
        defaultValue=""
        options={[{ value: '', label: 'Unassigned' }, ...members.map((member) => ({ value: member.userId, label: member.name }))]}
        error={fields.assigneeId}
      />
      <SelectField
        label="Priority"
        name="priority"
        defaultValue="medium"
        options={optionsOf(PRIORITIES, PRIORITY_LABELS)}
        error={fields.priority}
      />
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={create.isPending}>
          Create task
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
