import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MessageView } from '../api/schema';
import { useSocketEvent } from '../realtime/useSocketEvent';
import { applyReceipt, scheduleListRefresh, type ReadReceipt } from './listRefresh';
import { conversationLeft } from './conversationLeft';
import { forgetAllLogs, receiveMessage, replaceMessage, syncAll } from './messageStore';
import { forgetPresence, presenceChanged } from './presenceStore';
import { messagingKeys } from './queryKeys';
import { clearRemoval } from './removalStore';
import { forgetTyping, typingChanged, typingEnded } from './typingStore';

interface TypingEvent {
  conversationId: string;
  userId: string;
  name: string;
  typing: boolean;
}

interface ConversationUpdated {
  conversationId: string;
  /** A new conversation: the person's sockets have joined its room already. */
  created?: boolean;
  /** Someone taken out of it (told before their sockets leave its room). */
  removed?: string;
}

/**
 * The /messaging events, wherever the person is in the app: messages into the logs of the
 * conversations open here, lists (previews, unread counts, the navigation's badge) read
 * again, receipts, typing and presence into their stores, conversations created, changed or
 * left; after a reconnect, every open conversation catches up. Mounted once, for the
 * signed-in person `me`.
 */
export function useMessagingLive(me: string): void {
  const queryClient = useQueryClient();
  const refreshLists = () => scheduleListRefresh(queryClient);

  useSocketEvent<MessageView>('/messaging', 'message:new', (message) => {
    receiveMessage(message);
    typingEnded(message.conversationId, message.authorId ?? null);
    refreshLists();
  });
  useSocketEvent<MessageView>('/messaging', 'message:updated', (message) => {
    replaceMessage(message);
    refreshLists();
  });
  useSocketEvent<MessageView>('/messaging', 'message:deleted', (message) => {
    replaceMessage(message);
    refreshLists();
  });
  useSocketEvent<ReadReceipt>('/messaging', 'conversation:read', (receipt) => {
    applyReceipt(queryClient, me, receipt);
    if (receipt.userId === me) refreshLists();
  });
  useSocketEvent<ConversationUpdated>('/messaging', 'conversation:updated', ({ conversationId, created, removed }) => {
    if (removed === me) {
      conversationLeft(queryClient, conversationId);
      return;
    }
    // Created, renamed, people added or removed: read it again. Back in it: no notice.
    clearRemoval(conversationId);
    void queryClient.invalidateQueries({ queryKey: messagingKeys.one(conversationId) });
    // A new one shows in the list at once, before anyone writes in it.
    if (created) scheduleListRefresh(queryClient, 0);
    else refreshLists();
  });
  useSocketEvent<TypingEvent>('/messaging', 'typing', ({ conversationId, userId, name, typing }) => {
    if (userId !== me) typingChanged(conversationId, userId, name, typing);
  });
  useSocketEvent<{ userId: string; online: boolean }>('/messaging', 'presence', ({ userId, online }) =>
    presenceChanged(userId, online),
  );
  useSocketEvent('/messaging', 'connect', () => {
    syncAll();
    refreshLists();
    // Read positions moved while away: "Seen by …" reads them again.
    void queryClient.invalidateQueries({ queryKey: [...messagingKeys.all, 'one'] });
  });

  // Another person signing in here starts from nothing.
  useEffect(
    () => () => {
      forgetAllLogs();
      clearRemoval();
      forgetTyping();
      forgetPresence();
    },
    [me],
  );
}
