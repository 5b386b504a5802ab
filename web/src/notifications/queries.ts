import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchNotifications } from '../api/notifications';
import { notificationKeys } from '../projects/queryKeys';

/**
 * While the /notifications socket is down, the bell asks this often instead (live events
 * keep it current otherwise, see useNotificationsLive).
 */
export const OFFLINE_POLL_INTERVAL_MS = 60_000;

/** The signed-in person's notifications, newest first, with the unread count on every page. */
export const useNotifications = (live: boolean) =>
  useInfiniteQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ pageParam }) => fetchNotifications(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: live ? false : OFFLINE_POLL_INTERVAL_MS,
    refetchOnWindowFocus: true,
  });
