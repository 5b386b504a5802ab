import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ConversationList, ConversationView } from '../api/schema';
import { messagingKeys } from './queryKeys';

/** The conversation lists as TanStack Query holds them: the pages read so far ("Load more"). */
export type ListPages = InfiniteData<ConversationList, string | null>;

/**
 * The conversations of the pages read so far, once each: a conversation that became active
 * between two pages can appear on both.
 */
export function listedConversations(data: { pages: readonly ConversationList[] } | undefined): ConversationView[] {
  const seen = new Set<string>();
  const items: ConversationView[] = [];
  for (const page of data?.pages ?? []) {
    for (const conversation of page.items) {
      if (seen.has(conversation.id)) continue;
      seen.add(conversation.id);
      items.push(conversation);
    }
  }
  return items;
}

/** A conversation as held in either list, or as opened. */
export function findConversation(queryClient: QueryClient, id: string): ConversationView | undefined {
  const opened = queryClient.getQueryData<ConversationView>(messagingKeys.one(id));
  if (opened) return opened;
  for (const [, data] of queryClient.getQueriesData<ListPages>({ queryKey: messagingKeys.lists() })) {
    const found = listedConversations(data).find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Takes a conversation out of both lists at once, before they are read again. */
export function dropFromLists(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<ListPages>({ queryKey: messagingKeys.lists() }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== id) })) } : data,
  );
}
