import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchNotifications } from '../api/notifications';
import { notificationKeys } from '../projects/queryKeys';

/** No live push yet: the bell asks every 30 seconds, and again when the window regains focus. */
export const POLL_INTERVAL_MS = 30_000;

/** The signed-in person's notifications, newest first, with the unread count on every page. */
export const useNotifications = () =>
  useInfiniteQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ pageParam }) => fetchNotifications(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: POLL_INTERVAL_MS,
    refetchOnWindowFocus: true,
  });
