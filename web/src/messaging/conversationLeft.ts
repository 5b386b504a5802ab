import type { QueryClient } from '@tanstack/react-query';
import { dropFromLists, findConversation } from './listCache';
import { scheduleListRefresh } from './listRefresh';
import { forgetLog } from './messageStore';
import { messagingKeys } from './queryKeys';
import { noteRemoval } from './removalStore';

/**
 * The person is out of a conversation (they left it, or its owner removed them): it leaves
 * the lists at once, nothing of it stays in the tab, and the Messages page says so (closing
 * it if it is open; see MessagesPage).
 */
export function conversationLeft(queryClient: QueryClient, conversationId: string): void {
  noteRemoval(conversationId, findConversation(queryClient, conversationId)?.title ?? null);
  forgetLog(conversationId);
  dropFromLists(queryClient, conversationId);
  queryClient.removeQueries({ queryKey: messagingKeys.one(conversationId) });
  // Results that would lead into it.
  queryClient.removeQueries({ queryKey: [...messagingKeys.all, 'search'] });
  scheduleListRefresh(queryClient);
}
