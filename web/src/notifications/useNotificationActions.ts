import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { deleteNotification, markAllNotificationsRead, markNotificationRead } from '../api/notifications';
import type { NotificationList, NotificationView } from '../api/schema';
import { notificationKeys } from '../projects/queryKeys';

type Pages = InfiniteData<NotificationList, string | null>;

/** Applies `change` to every cached notification and sets the unread count every page carries. */
function rewrite(data: Pages | undefined, change: (items: NotificationView[]) => NotificationView[]): Pages | undefined {
  if (!data) return data;
  const pages = data.pages.map((page) => ({ ...page, items: change(page.items) }));
  const unreadCount = Math.max(0, (data.pages[0]?.unreadCount ?? 0) - countRemovedUnread(data, pages));
  return { ...data, pages: pages.map((page) => ({ ...page, unreadCount })) };
}

function countRemovedUnread(before: Pages, after: NotificationList[]): number {
  const unread = (pages: NotificationList[]) => pages.reduce((sum, page) => sum + page.items.filter((n) => !n.read).length, 0);
  return unread(before.pages) - unread(after);
}

/** Mark read (one or all) and dismiss: shown at once, then confirmed by a fresh read. */
export function useNotificationActions() {
  const queryClient = useQueryClient();
  const key = notificationKeys.all;
  const local = (change: (items: NotificationView[]) => NotificationView[]) => {
    void queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<Pages>(key, (data) => rewrite(data, change));
  };
  const settle = () => queryClient.invalidateQueries({ queryKey: key });

  const markRead = useMutation({
    mutationFn: markNotificationRead,
    onMutate: (id) => local((items) => items.map((n) => (n.id === id ? { ...n, read: true } : n))),
    onSettled: settle,
  });
  const markAllRead = useMutation({
    mutationFn: markAllNotificationsRead,
    onMutate: () => local((items) => items.map((n) => ({ ...n, read: true }))),
    onSettled: settle,
  });
  const dismiss = useMutation({
    mutationFn: deleteNotification,
    onMutate: (id) => local((items) => items.filter((n) => n.id !== id)),
    onSettled: settle,
  });
  return { markRead, markAllRead, dismiss };
}
