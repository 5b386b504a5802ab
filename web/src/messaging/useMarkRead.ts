import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ConversationView } from '../api/schema';
import { markRead } from './actions';
import { applyReceipt, scheduleListRefresh } from './listRefresh';
import type { ConversationLog } from './messageLog';
import { useDocumentVisible } from './useDocumentVisible';

/**
 * While a conversation is open and the tab visible, its read position follows the newest
 * message held (conversation:read), so its unread count clears and the others see the
 * receipt. A hidden tab reads nothing until it is shown again.
 */
export function useMarkRead(
  conversationId: string,
  log: ConversationLog | undefined,
  conversation: ConversationView | undefined,
  me: string,
): void {
  const visible = useDocumentVisible();
  const queryClient = useQueryClient();
  const asked = useRef(0);
  const newest = log?.main.status === 'ready' ? log.syncedSeq : 0;
  const readUpTo = conversation?.lastReadSeq ?? 0;
  const known = conversation !== undefined;

  useEffect(() => {
    if (!visible || !known || newest === 0 || newest <= Math.max(readUpTo, asked.current)) return;
    asked.current = newest;
    markRead(conversationId, newest)
      .then((answer) => {
        applyReceipt(queryClient, me, { conversationId, userId: me, lastReadSeq: answer.lastReadSeq });
        scheduleListRefresh(queryClient);
      })
      .catch(() => {
        // Not acknowledged: the next message (or coming back online) asks again.
        asked.current = 0;
      });
  }, [visible, known, newest, readUpTo, conversationId, me, queryClient]);
}
