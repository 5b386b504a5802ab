import type { NotificationView } from '../api/schema';
import { formatDateTime } from '../pages/account/formatDateTime';

interface NotificationItemProps {
  notification: NotificationView;
  onOpen: () => void;
  onDismiss: () => void;
}

/** One notification: opening it marks it read and goes to what it is about; "Dismiss" deletes it. */
export function NotificationItem({ notification, onOpen, onDismiss }: NotificationItemProps) {
  const { read, title, body, createdAt } = notification;
  return (
    <li className={read ? 'notification' : 'notification notification--unread'}>
      <button className="notification__open" type="button" onClick={onOpen}>
        <span className="notification__title">
          {read ? null : <span className="visually-hidden">Unread: </span>}
          {title}
        </span>
        {body ? <span className="notification__body">{body}</span> : null}
        <time className="notification__time" dateTime={createdAt}>
          {formatDateTime(createdAt)}
        </time>
      </button>
      <button className="notification__dismiss" type="button" aria-label={`Dismiss: ${title}`} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
