import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteMilestone, updateMilestone } from '../../../api/milestones';
import type { MilestoneChangeBody, MilestoneView } from '../../../api/schema';
import { EditDeleteActions } from '../../../components/EditDeleteActions';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Markdown } from '../../../components/Markdown';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatDate } from '../../../projects/formatDate';
import { projectKeys } from '../../../projects/queryKeys';
import { MilestoneForm } from './MilestoneForm';

interface MilestoneItemProps {
  projectId: string;
  milestone: MilestoneView;
  /** The caller may edit and delete it (leads and editors). */
  manage: boolean;
}

/** One milestone: its progress from its tasks, due date and description; edit and delete in place. */
export function MilestoneItem({ projectId, milestone, manage }: MilestoneItemProps) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: projectKeys.milestones(projectId) });
    // Tasks of a deleted milestone lose it.
    void queryClient.invalidateQueries({ queryKey: projectKeys.board(projectId) });
  };
  const save = useMutation({
    mutationFn: (changes: MilestoneChangeBody) => updateMilestone(projectId, milestone.id, changes),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => deleteMilestone(projectId, milestone.id), onSuccess: refresh });
  const titleId = `milestone-${milestone.id}`;

  return (
    <li className="item-list__item milestone" aria-labelledby={titleId}>
      {editing ? (
        <MilestoneForm
          milestone={milestone}
          submitLabel="Save"
          pending={save.isPending}
          error={save.error}
          onSubmit={(values) => save.mutate(changed(milestone, values))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="milestone__head">
            <h4 className="item-list__title" id={titleId}>
              {milestone.title}
            </h4>
            <span className="item-list__meta">
              {milestone.doneCount} of {milestone.taskCount} {milestone.taskCount === 1 ? 'task' : 'tasks'} done
              {milestone.dueDate ? ` · due ${formatDate(milestone.dueDate)}` : ''}
            </span>
          </div>
          <ProgressBar value={milestone.progress} label={`Progress of ${milestone.title}`} />
          {milestone.description ? <Markdown source={milestone.description} /> : null}
          <ErrorBanner error={remove.error} />
          {manage ? (
            <EditDeleteActions
              editLabel="Edit"
              onEdit={() => setEditing(true)}
              deleteLabel="Delete"
              deletePrompt={`Delete ${milestone.title}? Its tasks stay, without a milestone.`}
              onDelete={() => remove.mutate()}
              deletePending={remove.isPending}
            />
          ) : null}
        </>
      )}
    </li>
  );
}

/** Only what changed, so an unchanged form sends nothing surprising. */
function changed(milestone: MilestoneView, values: MilestoneChangeBody & { title: string }): MilestoneChangeBody {
  const changes: MilestoneChangeBody = {};
  if (values.title !== milestone.title) changes.title = values.title;
  if ((values.description ?? null) !== (milestone.description ?? null)) changes.description = values.description ?? null;
  if ((values.dueDate ?? null) !== (milestone.dueDate ?? null)) changes.dueDate = values.dueDate ?? null;
  return changes;
}
