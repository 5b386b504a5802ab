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

/** The server's largest page. */
export const CONVERSATION_PAGE = 100;

export function fetchConversations(archived: boolean): Promise<ConversationList> {
  const query = new URLSearchParams({ limit: String(CONVERSATION_PAGE) });
  if (archived) query.set('archived', 'true');
  return apiRequest<ConversationList>('GET', `/api/conversations?${query.toString()}`);
}

export const fetchConversation = (id: string) => apiRequest<ConversationView>('GET', conversationPath(id));

/** A direct conversation that already exists comes back as it is. */
export const startConversation = (input: NewConversation) =>
  apiRequest<ConversationView>('POST', '/api/conversations', input);

export const changeConversation = (id: string, change: ConversationChange) =>
  apiRequest<ConversationView>('PATCH', conversationPath(id), change);

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
