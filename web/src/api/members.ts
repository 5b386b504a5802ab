import { apiRequest } from './client';
import { orgPath, withPage } from './organizations';
import type { MessageResponse } from './types';
import type { Member, OrgRole, Page } from './workspaceTypes';

/** Typed calls for an organization's members: list, role, removal, leaving, ownership. */

/** The server's largest page. */
const PAGE_SIZE = 100;

const memberPath = (id: string, userId: string) => `${orgPath(id)}/members/${encodeURIComponent(userId)}`;

export const fetchMembersPage = (id: string, cursor: string | null) =>
  apiRequest<Page<Member>>('GET', withPage(`${orgPath(id)}/members`, { limit: PAGE_SIZE, cursor }));

/** Every member, following the cursor: a studio's people fit in a few pages at most. */
export async function fetchAllMembers(id: string): Promise<Member[]> {
  const members: Member[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Member> = await fetchMembersPage(id, cursor);
    members.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return members;
}

export const changeMemberRole = (id: string, userId: string, role: OrgRole) =>
  apiRequest<MessageResponse>('PATCH', memberPath(id, userId), { role });

export const removeMember = (id: string, userId: string) =>
  apiRequest<MessageResponse>('DELETE', memberPath(id, userId));

export const leaveOrganization = (id: string) => apiRequest<MessageResponse>('POST', `${orgPath(id)}/leave`);

export const transferOwnership = (id: string, userId: string) =>
  apiRequest<MessageResponse>('POST', `${orgPath(id)}/transfer-ownership`, { userId });
