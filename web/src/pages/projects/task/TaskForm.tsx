import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import type { MilestoneView, ProjectMemberView, TaskChangeBody, TaskView } from '../../../api/schema';
import type { Priority, TaskStatus } from '../../../api/vocabularies';
import { updateTask } from '../../../api/tasks';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';
import { projectKeys } from '../../../projects/queryKeys';
import { optionsOf, PRIORITIES, PRIORITY_LABELS, TASK_STATUS_LABELS, TASK_STATUSES } from '../../../projects/vocabulary';

const FIELDS = {
  title: 'title',
  description: 'description',
  status: 'status',
  priority: 'priority',
  assigneeId: 'assigneeId',
  milestoneId: 'milestoneId',
  dueDate: 'dueDate',
  tags: 'tags',
} as const;

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** Only what changed goes to the server; emptied fields are sent as null (cleared). */
function changesFrom(form: HTMLFormElement, task: TaskView): TaskChangeBody {
  const changes: TaskChangeBody = {};
  const title = formText(form, 'title');
  const description = formText(form, 'description') || null;
  const status = formText(form, 'status') as TaskStatus;
  const priority = formText(form, 'priority') as Priority;
  const assigneeId = formText(form, 'assigneeId') || null;
  const milestoneId = formText(form, 'milestoneId') || null;
  const dueDate = formText(form, 'dueDate') || null;
  const tags = tagsOf(formText(form, 'tags'));
  if (title !== task.title) changes.title = title;
  if (description !== (task.description ?? null)) changes.description = description;
  if (status !== task.status) changes.status = status;
  if (priority !== task.priority) changes.priority = priority;
  if (assigneeId !== (task.assigneeId ?? null)) changes.assigneeId = assigneeId;
  if (milestoneId !== (task.milestoneId ?? null)) changes.milestoneId = milestoneId;
  if (dueDate !== (task.dueDate ?? null)) changes.dueDate = dueDate;
  if (tags.join(',') !== task.tags.join(',')) changes.tags = tags;
  return changes;
}

/** The project's members, and the current assignee even if they have left it (so saving keeps them). */
function assigneeOptions(task: TaskView, members: readonly ProjectMemberView[]) {
  const options = [{ value: '', label: 'Unassigned' }, ...members.map((member) => ({ value: member.userId, label: member.name }))];
  if (task.assigneeId && !members.some((member) => member.userId === task.assigneeId)) {
    options.push({ value: task.assigneeId, label: 'Someone no longer on the project' });
  }
  return options;
}

interface TaskFormProps {
  projectId: string;
  task: TaskView;
  members: readonly ProjectMemberView[];
  milestones: readonly MilestoneView[];
  onDone: () => void;
}

/** Every field of a task; a new column puts it at that column's bottom. */
export function TaskForm({ projectId, task, members, milestones, onDone }: TaskFormProps) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (changes: TaskChangeBody) => updateTask(projectId, task.id, changes),
    onSuccess: (saved) => {
      queryClient.setQueryData(projectKeys.task(projectId, task.id), saved);
      void queryClient.invalidateQueries({ queryKey: projectKeys.board(projectId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.milestones(projectId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
      onDone();
    },
  });
  const { fields, banner } = splitError(save.error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesFrom(event.currentTarget, task);
    if (Object.keys(changes).length === 0) onDone();
    else save.mutate(changes);
  }

  return (
    <form className="form drawer__section" onSubmit={submit} aria-label="Edit task">
      <ErrorBanner error={banner} />
      <TextField label="Title" name="title" defaultValue={task.title} required maxLength={500} error={fields.title} />
      <TextAreaField
        label="Description"
        name="description"
        rows={6}
        defaultValue={task.description ?? ''}
        hint="Markdown: **bold**, *italic*, `code`, [links](https://…) and lists."
        error={fields.description}
      />
      <div className="form__row">
        <SelectField label="Column" name="status" defaultValue={task.status} options={optionsOf(TASK_STATUSES, TASK_STATUS_LABELS)} error={fields.status} />
        <SelectField label="Priority" name="priority" defaultValue={task.priority} options={optionsOf(PRIORITIES, PRIORITY_LABELS)} error={fields.priority} />
      </div>
      <SelectField
        label="Assignee"
        name="assigneeId"
        defaultValue={task.assigneeId ?? ''}
        options={assigneeOptions(task, members)}
        error={fields.assigneeId}
      />
      <SelectField
        label="Milestone"
        name="milestoneId"
        defaultValue={task.milestoneId ?? ''}
        options={[{ value: '', label: 'No milestone' }, ...milestones.map((milestone) => ({ value: milestone.id, label: milestone.title }))]}
        error={fields.milestoneId}
      />
      <TextField label="Due date" name="dueDate" type="date" defaultValue={task.dueDate ?? ''} error={fields.dueDate} />
      <TextField label="Tags" name="tags" defaultValue={task.tags.join(', ')} hint="Separated by commas." error={fields.tags} />
      <div className="form__actions">
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          Save changes
        </button>
        <button className="button button--secondary" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
