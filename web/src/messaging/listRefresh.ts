import type { QueryClient } from '@tanstack/react-query';
import type { ConversationView } from '../api/schema';
import { messagingKeys } from './queryKeys';

/** Bursts of live events read the conversation lists (previews, unread counts) once. */
const LIST_REFRESH_DELAY_MS = 150;
let timer: ReturnType<typeof setTimeout> | undefined;

export function scheduleListRefresh(queryClient: QueryClient, delay = LIST_REFRESH_DELAY_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    // Reading a list again cancels a page still loading ("Load more" clicked, nothing
    // shown): wait until it is in, then read every page again.
    if (queryClient.isFetching({ queryKey: messagingKeys.lists() }) > 0) {
      scheduleListRefresh(queryClient);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: messagingKeys.lists() });
  }, delay);
}

export interface ReadReceipt {
  conversationId: string;
  userId: string;
  lastReadSeq: number;
}

/**
 * A read position moved: the participant's (for "Seen by …") and, when it is the caller's,
 * their own. Positions only move forward. Someone not listed yet (a project channel's
 * first read) makes the conversation be read again.
 */
export function applyReceipt(queryClient: QueryClient, me: string, receipt: ReadReceipt): void {
  const key = messagingKeys.one(receipt.conversationId);
  const held = queryClient.getQueryData<ConversationView>(key);
  if (!held) return;
  const listed = held.participants.some((p) => p.userId === receipt.userId);
  queryClient.setQueryData<ConversationView>(key, {
    ...held,
    lastReadSeq: receipt.userId === me ? Math.max(held.lastReadSeq, receipt.lastReadSeq) : held.lastReadSeq,
    participants: held.participants.map((p) =>
      p.userId === receipt.userId ? { ...p, lastReadSeq: Math.max(p.lastReadSeq, receipt.lastReadSeq) } : p,
    ),
  });
  if (!listed) void queryClient.invalidateQueries({ queryKey: key });
}
