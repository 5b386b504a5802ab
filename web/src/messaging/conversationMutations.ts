import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addParticipants, changeConversation, removeParticipant } from '../api/conversations';
import type { ConversationChange, ConversationView } from '../api/schema';
import { conversationLeft } from './conversationLeft';
import { messagingKeys } from './queryKeys';

/**
 * What a person changes about a conversation over REST. The answer is shown at once; the
 * others hear of a rename or new people through conversation:updated.
 */

function useShowChanged() {
  const queryClient = useQueryClient();
  return (changed: ConversationView) => {
    queryClient.setQueryData(messagingKeys.one(changed.id), changed);
    void queryClient.invalidateQueries({ queryKey: messagingKeys.lists() });
  };
}

/** Mute, archive (for the caller alone) or rename a group. */
export function useChangeConversation(conversationId: string) {
  const show = useShowChanged();
  return useMutation({
    mutationFn: (change: ConversationChange) => changeConversation(conversationId, change),
    onSuccess: show,
  });
}

export function useAddPeople(conversationId: string) {
  const show = useShowChanged();
  return useMutation({
    mutationFn: (userIds: string[]) => addParticipants(conversationId, userIds),
    onSuccess: show,
  });
}

/** Leaves a group: it goes from the lists and closes, as when its owner removes someone. */
export function useLeaveGroup(conversationId: string, me: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => removeParticipant(conversationId, me),
    onSuccess: () => conversationLeft(queryClient, conversationId),
  });
}
