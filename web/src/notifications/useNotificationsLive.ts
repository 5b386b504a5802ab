import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { NotificationList, NotificationView } from '../api/schema';
import { notificationKeys } from '../projects/queryKeys';
import { useSocketEvent } from '../realtime/useSocketEvent';

type Pages = InfiniteData<NotificationList, string | null>;

interface NewNotification {
  notification: NotificationView;
  unreadCount: number;
}

const withCount = (data: Pages, unreadCount: number): Pages => ({
  ...data,
  pages: data.pages.map((page) => ({ ...page, unreadCount })),
});

/**
 * The bell, live: a new notification goes on top of the cached list at once, and the unread
 * count follows `notification:count`. A count that differs from the one held (reads in
 * another tab, or what happened while offline) makes the list be read again.
 */
export function useNotificationsLive(): void {
  const queryClient = useQueryClient();
  const key = notificationKeys.all;

  useSocketEvent<NewNotification>('/notifications', 'notification:new', ({ notification, unreadCount }) => {
    queryClient.setQueryData<Pages>(key, (data) => {
      if (!data) return data;
      const [first, ...rest] = data.pages;
      if (!first || data.pages.some((page) => page.items.some((n) => n.id === notification.id))) {
        return withCount(data, unreadCount);
      }
      return withCount({ ...data, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] }, unreadCount);
    });
  });

  useSocketEvent<{ unreadCount: number }>('/notifications', 'notification:count', ({ unreadCount }) => {
    const held = queryClient.getQueryData<Pages>(key);
    if (!held) return;
    if (held.pages[0]?.unreadCount === unreadCount) return;
    queryClient.setQueryData<Pages>(key, withCount(held, unreadCount));
    void queryClient.invalidateQueries({ queryKey: key });
  });
}
