import { api } from './client';
import { unwrap } from './http';
import type { MemberView } from './schema';

/** Typed calls for an organization's members: list, role, removal, leaving, ownership. */

/** The server's largest page. */
const PAGE_SIZE = 100;

export const fetchMembersPage = (id: string, cursor: string | null) =>
  unwrap(
    api.GET('/api/organizations/{id}/members', {
      params: { path: { id }, query: { limit: PAGE_SIZE, cursor: cursor ?? undefined } },
    }),
  );

/** Every member, following the cursor: a studio's people fit in a few pages at most. */
export async function fetchAllMembers(id: string): Promise<MemberView[]> {
  const members: MemberView[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchMembersPage(id, cursor);
    members.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return members;
}

export const changeMemberRole = (id: string, userId: string, role: MemberView['role']) =>
  unwrap(api.PATCH('/api/organizations/{id}/members/{userId}', { params: { path: { id, userId } }, body: { role } }));

export const removeMember = (id: string, userId: string) =>
  unwrap(api.DELETE('/api/organizations/{id}/members/{userId}', { params: { path: { id, userId } } }));

export const leaveOrganization = (id: string) => unwrap(api.POST('/api/organizations/{id}/leave', { params: { path: { id } } }));

export const transferOwnership = (id: string, userId: string) =>
  unwrap(api.POST('/api/organizations/{id}/transfer-ownership', { params: { path: { id } }, body: { userId } }));
