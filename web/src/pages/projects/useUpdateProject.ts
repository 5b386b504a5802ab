import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateProject } from '../../api/projects';
import type { ProjectChangeBody } from '../../api/schema';
import { projectKeys } from '../../projects/queryKeys';

/** PATCH the project; the answer replaces the cached one, and lists and feed are read again. */
export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProjectChangeBody) => updateProject(projectId, changes),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.one(projectId), project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
    },
  });
}
