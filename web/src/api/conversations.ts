import { apiRequest } from './client';
import type {
  ConversationChange,
  ConversationList,
  ConversationView,
  MessagePage,
  NewConversation,
  SearchResults,
} from './messagingTypes';

/** Typed calls to /api/conversations and /api/search/messages. Sending and the rest go over the socket. */

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** Conversations per page of the list ("Load more" reads the next). */
export const CONVERSATION_PAGE = 50;

/** A page of the caller's conversations; `cursor` is the previous page's `nextCursor`. */
export function fetchConversations(archived: boolean, cursor: string | null = null): Promise<ConversationList> {
  const query = new URLSearchParams({ limit: String(CONVERSATION_PAGE) });
  if (archived) query.set('archived', 'true');
  if (cursor) query.set('cursor', cursor);
  return apiRequest<ConversationList>('GET', `/api/conversations?${query.toString()}`);
}

export const fetchConversation = (id: string) => apiRequest<ConversationView>('GET', conversationPath(id));

/** A direct conversation that already exists comes back as it is. */
export const startConversation = (input: NewConversation) =>
  apiRequest<ConversationView>('POST', '/api/conversations', input);

export const changeConversation = (id: string, change: ConversationChange) =>
  apiRequest<ConversationView>('PATCH', conversationPath(id), change);

/** Adds people to a group (any participant may). */
export const addParticipants = (id: string, userIds: string[]) =>
  apiRequest<ConversationView>('POST', `${conversationPath(id)}/participants`, { userIds });

/** Takes someone out of a group: oneself (leaving), or anyone when the caller owns it. */
export const removeParticipant = (id: string, userId: string) =>
  apiRequest<unknown>('DELETE', `${conversationPath(id)}/participants/${encodeURIComponent(userId)}`);

export interface HistoryRequest {
  /** The newest messages before this number; the newest of all when absent. */
  before?: number;
  /** The replies to this message instead of the main line. */
  thread?: string;
  limit?: number;
}

export function fetchMessages(id: string, { before, thread, limit = 50 }: HistoryRequest): Promise<MessagePage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) query.set('before', String(before));
  if (thread) query.set('thread', thread);
  return apiRequest<MessagePage>('GET', `${conversationPath(id)}/messages?${query.toString()}`);
}

export const searchMessages = (q: string) =>
  apiRequest<SearchResults>('GET', `/api/search/messages?${new URLSearchParams({ q, limit: '20' }).toString()}`);
