import { useMessagingLive } from '../messaging/useMessagingLive';
import { useNotificationsLive } from '../notifications/useNotificationsLive';

/** The live events that matter on every page (messages, unread counts, the bell), for `me`. */
export function LiveUpdates({ me }: { me: string }) {
  useMessagingLive(me);
  useNotificationsLive();
  return null;
}
