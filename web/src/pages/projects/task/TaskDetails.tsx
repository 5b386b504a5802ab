import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectMemberView, ProjectView, TaskView } from '../../../api/schema';
import { deleteTask } from '../../../api/tasks';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useMilestones } from '../../../projects/queries';
import { projectKeys } from '../../../projects/queryKeys';
import { TaskFacts } from './TaskFacts';
import { TaskForm } from './TaskForm';

interface TaskDetailsProps {
  project: ProjectView;
  task: TaskView;
  members: readonly ProjectMemberView[];
  onDeleted: () => void;
}

/** The task's fields: read by all, edited and deleted by leads and editors. */
export function TaskDetails({ project, task, members, onDeleted }: TaskDetailsProps) {
  const [editing, setEditing] = useState(false);
  const milestones = useMilestones(project.id);
  const { editTask: editable, deleteTask: deletable } = project.can;
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteTask(project.id, task.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: projectKeys.task(project.id, task.id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.board(project.id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.milestones(project.id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(project.id) });
      onDeleted();
    },
  });

  if (editing) {
    return (
      <TaskForm
        projectId={project.id}
        task={task}
        members={members}
        milestones={milestones.data ?? []}
        onDone={() => setEditing(false)}
      />
    );
  }
  return (
    <section className="drawer__section" aria-label="Details">
      <TaskFacts task={task} members={members} milestones={milestones.data ?? []} />
      {editable || deletable ? (
        <>
          <ErrorBanner error={remove.error} />
          <div className="panel__actions">
            {editable ? (
              <button className="button button--secondary" type="button" onClick={() => setEditing(true)}>
                Edit task
              </button>
            ) : null}
            {deletable ? (
              <ConfirmAction
                label="Delete task"
                prompt={`Delete “${task.title}” and its comments?`}
                confirmLabel="Yes, delete it"
                onConfirm={() => remove.mutate()}
                pending={remove.isPending}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
