import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TaskFileView } from '../api/schema';
import { attachFile, detachFile } from '../api/taskFiles';
import { projectKeys } from './queryKeys';
import { withoutTaskFile, withTaskFiles } from './taskAttachments';

/**
 * Attaching a file of the project to a task, and taking it off (leads and editors). The
 * server's answer goes into the board's list at once; the list and the feed are then read
 * again (others change them too, and the live `task:updated` may come first).
 */
function useTaskFilesCache(projectId: string) {
  const queryClient = useQueryClient();
  const key = projectKeys.taskFiles(projectId);
  return {
    change: (update: (items: TaskFileView[]) => TaskFileView[]) =>
      queryClient.setQueryData<TaskFileView[]>(key, (held) => (held ? update(held) : held)),
    refresh: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
    },
  };
}

export function useAttachFile(projectId: string, taskId: string) {
  const cache = useTaskFilesCache(projectId);
  return useMutation({
    mutationFn: (fileId: string) => attachFile(projectId, taskId, fileId),
    onSuccess: (now) => {
      cache.change((items) => withTaskFiles(items, taskId, now));
      cache.refresh();
    },
  });
}

export function useDetachFile(projectId: string, taskId: string) {
  const cache = useTaskFilesCache(projectId);
  return useMutation({
    mutationFn: (fileId: string) => detachFile(projectId, taskId, fileId),
    onSuccess: (_, fileId) => {
      cache.change((items) => withoutTaskFile(items, taskId, fileId));
      cache.refresh();
    },
  });
}
