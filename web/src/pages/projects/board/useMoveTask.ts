import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MoveBody, TaskView } from '../../../api/schema';
import { moveTask } from '../../../api/tasks';
import { placeTask } from '../../../projects/board';
import { projectKeys } from '../../../projects/queryKeys';

interface MoveVariables {
  taskId: string;
  move: MoveBody;
}

/**
 * Moves a card at once on screen, then asks the server. A refusal puts the board back as it
 * was (the mutation's error carries the server's message); either way the board is read again.
 */
export function useMoveTask(projectId: string) {
  const queryClient = useQueryClient();
  const boardKey = projectKeys.board(projectId);
  return useMutation({
    mutationFn: ({ taskId, move }: MoveVariables) => moveTask(projectId, taskId, move),
    onMutate: async ({ taskId, move }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const before = queryClient.getQueryData<TaskView[]>(boardKey);
      if (before) queryClient.setQueryData<TaskView[]>(boardKey, placeTask(before, taskId, move));
      return { before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(boardKey, context.before);
    },
    onSuccess: (task) => queryClient.setQueryData(projectKeys.task(projectId, task.id), task),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: boardKey });
      void queryClient.invalidateQueries({ queryKey: projectKeys.milestones(projectId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
    },
  });
}
