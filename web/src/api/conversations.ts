import { api } from './client';
import { unwrap } from './http';
import type { ConversationChange, NewConversationBody, paths } from './schema';

/** Typed calls to /api/conversations and /api/search/messages. Sending and the rest go over the socket. */

/** Conversations per page of the list ("Load more" reads the next). */
export const CONVERSATION_PAGE = 50;

/** A page of the caller's conversations; `cursor` is the previous page's `nextCursor`. */
export const fetchConversations = (archived: boolean, cursor: string | null = null) =>
  unwrap(
    api.GET('/api/conversations', {
      params: { query: { limit: CONVERSATION_PAGE, archived: archived || undefined, cursor: cursor ?? undefined } },
    }),
  );

export const fetchConversation = (id: string) =>
  unwrap(api.GET('/api/conversations/{id}', { params: { path: { id } } }));

/** A direct conversation that already exists comes back as it is. */
export const startConversation = (body: NewConversationBody) => unwrap(api.POST('/api/conversations', { body }));

export const changeConversation = (id: string, body: ConversationChange) =>
  unwrap(api.PATCH('/api/conversations/{id}', { params: { path: { id } }, body }));

/** Adds people to a group (any participant may). */
export const addParticipants = (id: string, userIds: string[]) =>
  unwrap(api.POST('/api/conversations/{id}/participants', { params: { path: { id } }, body: { userIds } }));

/** Takes someone out of a group: oneself (leaving), or anyone when the caller owns it. */
export const removeParticipant = (id: string, userId: string) =>
  unwrap(api.DELETE('/api/conversations/{id}/participants/{userId}', { params: { path: { id, userId } } }));

type HistoryQuery = NonNullable<paths['/api/conversations/{id}/messages']['get']['parameters']['query']>;

/**
 * `before`: the newest messages before this number (the newest of all when absent);
 * `thread`: the replies to this message instead of the main line. A page comes ascending
 * by `seq` whichever way it was read.
 */
export type HistoryRequest = Pick<HistoryQuery, 'before' | 'thread' | 'limit'>;

export const fetchMessages = (id: string, { before, thread, limit = 50 }: HistoryRequest) =>
  unwrap(
    api.GET('/api/conversations/{id}/messages', {
      params: { path: { id }, query: { limit, before, thread: thread || undefined } },
    }),
  );

export const searchMessages = (q: string) =>
  unwrap(api.GET('/api/search/messages', { params: { query: { q, limit: 20 } } }));
