import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { deleteProject } from '../../api/projects';
import type { ProjectView } from '../../api/schema';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { projectKeys } from '../../projects/queryKeys';

/** A lead deletes the project with its tasks, milestones and comments, after one question. */
export function DeleteProjectSection({ project }: { project: ProjectView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteProject(project.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: projectKeys.one(project.id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
      navigate('/projects', { replace: true });
    },
  });
  return (
    <div className="danger-zone">
      <ErrorBanner error={remove.error} />
      <ConfirmAction
        label="Delete project"
        prompt={`Delete ${project.name} with all its tasks, milestones and comments? This cannot be undone.`}
        confirmLabel="Yes, delete it"
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
    </div>
  );
}
