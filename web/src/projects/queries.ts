import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchComments } from '../api/comments';
import { fetchMilestones } from '../api/milestones';
import {
  fetchProject,
  fetchProjectActivity,
  fetchProjectMembers,
  fetchProjectsPage,
  type ProjectFilters,
} from '../api/projects';
import type { TaskView } from '../api/schema';
import { fetchTaskFiles } from '../api/taskFiles';
import { fetchBoard, fetchTask } from '../api/tasks';
import { projectKeys } from './queryKeys';

/** The reads of the project pages, one hook each, sharing the keys in queryKeys.ts. */

/** The organization's projects, newest first, a page at a time ("Load more" follows nextCursor). */
export const useProjects = (filters: ProjectFilters) =>
  useInfiniteQuery({
    queryKey: projectKeys.list(filters),
    queryFn: ({ pageParam }) => fetchProjectsPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** `enabled: false` waits until it is wanted (a project channel's composer, once it knows its project). */
export const useProject = (id: string, enabled = true) =>
  useQuery({ queryKey: projectKeys.one(id), queryFn: () => fetchProject(id), enabled });

export const useProjectMembers = (id: string) =>
  useQuery({ queryKey: projectKeys.members(id), queryFn: () => fetchProjectMembers(id) });

/** The board changes under other people's hands: read it again on every visit. */
export const useBoard = (id: string) =>
  useQuery({ queryKey: projectKeys.board(id), queryFn: () => fetchBoard(id), refetchOnMount: 'always' });

/**
 * The files attached to the project's tasks, read once for the whole board (its cards count
 * them and show their review) and picked from by the task drawer. Read again on every visit
 * and after each task, file or review event (liveKeys.ts).
 */
export const useTaskFiles = (id: string) =>
  useQuery({ queryKey: projectKeys.taskFiles(id), queryFn: () => fetchTaskFiles(id), refetchOnMount: 'always' });

/** One task, shown at once from the board when it is there. */
export function useTask(id: string, taskId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: projectKeys.task(id, taskId),
    queryFn: () => fetchTask(id, taskId),
    placeholderData: () =>
      queryClient.getQueryData<TaskView[]>(projectKeys.board(id))?.find((task) => task.id === taskId),
  });
}

/** A task's thread, oldest first; "Show more" follows nextCursor to the newer ones. */
export const useComments = (id: string, taskId: string) =>
  useInfiniteQuery({
    queryKey: projectKeys.comments(id, taskId),
    queryFn: ({ pageParam }) => fetchComments(id, taskId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchOnMount: 'always',
  });

export const useMilestones = (id: string) =>
  useQuery({ queryKey: projectKeys.milestones(id), queryFn: () => fetchMilestones(id) });

/** The project's feed, newest first, a page at a time. */
export const useProjectActivity = (id: string) =>
  useInfiniteQuery({
    queryKey: projectKeys.activity(id),
    queryFn: ({ pageParam }) => fetchProjectActivity(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchOnMount: 'always',
  });
