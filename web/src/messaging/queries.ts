import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchConversation, fetchConversations, searchMessages } from '../api/conversations';
import { fetchAllMembers } from '../api/members';
import { fetchOrganizations } from '../api/organizations';
import type { MemberView } from '../api/schema';
import { listedConversations } from './listCache';
import { messagingKeys } from './queryKeys';

/** The reads of the messaging pages. Live events keep them fresh (see useMessagingLive). */

/** The person's conversations, most recently active first, with unread counts, a page at a time. */
export const useConversations = (archived: boolean) =>
  useInfiniteQuery({
    queryKey: messagingKeys.list(archived),
    queryFn: ({ pageParam }) => fetchConversations(archived, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** One conversation with its participants' read positions (for "Seen by …"). */
export const useConversation = (id: string) =>
  useQuery({ queryKey: messagingKeys.one(id), queryFn: () => fetchConversation(id), enabled: id !== '' });

/** Unread messages across the listed conversations (the pages read so far) that are not archived or muted. */
export function useUnreadTotal(): number {
  const conversations = useConversations(false);
  return listedConversations(conversations.data).reduce((sum, c) => sum + (c.muted ? 0 : c.unreadCount), 0);
}

export const useMessageSearch = (q: string) =>
  useQuery({ queryKey: messagingKeys.search(q), queryFn: () => searchMessages(q), enabled: q.length > 0 });

/** Someone one may write to: a member of one of the caller's organizations. */
export type Person = Pick<MemberView, 'userId' | 'name' | 'email'>;

/** Everyone who shares an organization with the caller (the people one may write to), by name. */
async function fetchPeople(): Promise<Person[]> {
  const organizations = await fetchOrganizations();
  const lists = await Promise.all(organizations.map((organization) => fetchAllMembers(organization.id)));
  const people = new Map<string, Person>();
  for (const member of lists.flat()) people.set(member.userId, { userId: member.userId, name: member.name, email: member.email });
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const usePeople = (enabled: boolean) =>
  useQuery({ queryKey: messagingKeys.people(), queryFn: fetchPeople, enabled, refetchOnMount: 'always' });
