import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createMilestone } from '../../../api/milestones';
import type { NewMilestoneBody } from '../../../api/schema';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useProjectOutlet } from '../../../projects/projectContext';
import { useMilestones } from '../../../projects/queries';
import { projectKeys } from '../../../projects/queryKeys';
import { MilestoneForm } from './MilestoneForm';
import { MilestoneItem } from './MilestoneItem';

/** The project's milestones by due date, each with its progress; leads and editors add, edit, delete. */
export function MilestonesTab() {
  const project = useProjectOutlet();
  const manage = project.can.manageMilestones;
  const milestones = useMilestones(project.id);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: NewMilestoneBody) => createMilestone(project.id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.milestones(project.id) }),
  });

  return (
    <>
      {manage ? (
        <section className="panel" aria-labelledby="new-milestone-title">
          <h3 className="panel__title" id="new-milestone-title">
            New milestone
          </h3>
          <MilestoneForm
            submitLabel="Add milestone"
            pending={create.isPending}
            error={create.error}
            onSubmit={(values, form) => {
              const input: NewMilestoneBody = { title: values.title };
              if (values.description) input.description = values.description;
              if (values.dueDate) input.dueDate = values.dueDate;
              create.mutate(input, { onSuccess: () => form.reset() });
            }}
          />
        </section>
      ) : null}
      <ErrorBanner error={milestones.error} />
      {milestones.isPending ? <p aria-busy="true">Loading milestones…</p> : null}
      {milestones.data?.length === 0 ? (
        <EmptyState title="No milestones yet">
          <p>Milestones mark what a set of tasks delivers, such as "First concepts" or "Launch".</p>
        </EmptyState>
      ) : null}
      {milestones.data?.length ? (
        <ul className="item-list" aria-label="Milestones">
          {milestones.data.map((milestone) => (
            <MilestoneItem key={milestone.id} projectId={project.id} milestone={milestone} manage={manage} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
