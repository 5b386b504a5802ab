import { useCallback, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '../api/schema';
import { ErrorBanner } from '../components/ErrorBanner';
import { useDismiss } from '../components/useDismiss';
import { notificationTarget } from '../notifications/notificationTarget';
import { useNotifications } from '../notifications/queries';
import { useNotificationActions } from '../notifications/useNotificationActions';
import { useConnectionState } from '../realtime/realtimeContext';
import { BellIcon } from './BellIcon';
import { NotificationItem } from './NotificationItem';

/**
 * The header's bell: the unread count on a badge, and a panel of notifications, newest
 * first. Opening one marks it read and goes to its task, project or organization. Kept
 * current by the /notifications socket; polled slowly only while that is down.
 */
export function NotificationBell() {
  const live = useConnectionState('/notifications') === 'connected';
  const notifications = useNotifications(live);
  const { markRead, markAllRead, dismiss } = useNotificationActions();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useDismiss(root, open, close);

  const pages = notifications.data?.pages ?? [];
  const unread = pages[0]?.unreadCount ?? 0;
  const items = pages.flatMap((page) => page.items);

  function openOne(notification: NotificationView) {
    if (!notification.read) markRead.mutate(notification.id);
    const target = notificationTarget(notification);
    close();
    if (target) navigate(target);
  }

  return (
    <div className="bell" ref={root}>
      <button
        className="bell__toggle"
        type="button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section className="bell__panel" id={panelId} aria-labelledby={`${panelId}-title`}>
          <div className="bell__head">
            <h2 className="bell__title" id={`${panelId}-title`}>
              Notifications
            </h2>
            <button
              className="button button--secondary button--small"
              type="button"
              onClick={() => markAllRead.mutate()}
              disabled={unread === 0 || markAllRead.isPending}
            >
              Mark all read
            </button>
          </div>
          <ErrorBanner error={notifications.error ?? markRead.error ?? markAllRead.error ?? dismiss.error} />
          {notifications.isPending ? <p aria-busy="true">Loading…</p> : null}
          {notifications.isSuccess && items.length === 0 ? <p className="bell__empty">You are all caught up.</p> : null}
          {items.length ? (
            <ul className="bell__list" aria-label="Notifications">
              {items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  onOpen={() => openOne(notification)}
                  onDismiss={() => dismiss.mutate(notification.id)}
                />
              ))}
            </ul>
          ) : null}
          {notifications.hasNextPage ? (
            <button
              className="button button--secondary button--small"
              type="button"
              onClick={() => void notifications.fetchNextPage()}
              disabled={notifications.isFetchingNextPage}
            >
              {notifications.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
