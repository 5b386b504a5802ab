import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchInvitations } from '../api/invitations';
import { fetchAllMembers } from '../api/members';
import { fetchActivity, fetchOrganization, fetchOrganizations, fetchStorage } from '../api/organizations';
import { fetchTeam, fetchTeams } from '../api/teams';
import { organizationKeys } from './queryKeys';

/** The reads of the organization pages, one hook each, sharing the keys in queryKeys.ts. */

export const useOrganizations = () =>
  useQuery({ queryKey: organizationKeys.list(), queryFn: fetchOrganizations });

export const useOrganization = (id: string) =>
  useQuery({ queryKey: organizationKeys.one(id), queryFn: () => fetchOrganization(id) });

/**
 * People join from outside (an emailed link), so every page that shows members reads them
 * again on arrival, whatever is cached; the cached list shows meanwhile, and pages mounting
 * together share one request.
 */
export const useMembers = (id: string) =>
  useQuery({ queryKey: organizationKeys.members(id), queryFn: () => fetchAllMembers(id), refetchOnMount: 'always' });

export const useInvitations = (id: string, enabled = true) =>
  useQuery({
    queryKey: organizationKeys.invitations(id),
    queryFn: () => fetchInvitations(id),
    enabled,
    // Invitations change from outside (accepted from the email): read them on every visit.
    refetchOnMount: 'always',
  });

export const useTeams = (id: string) => useQuery({ queryKey: organizationKeys.teams(id), queryFn: () => fetchTeams(id) });

export const useTeam = (id: string, teamId: string) =>
  useQuery({ queryKey: organizationKeys.team(id, teamId), queryFn: () => fetchTeam(id, teamId) });

/** The feed, newest first, a page at a time ("Load more" follows nextCursor). */
export const useActivity = (id: string) =>
  useInfiniteQuery({
    queryKey: organizationKeys.activity(id),
    queryFn: ({ pageParam }) => fetchActivity(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchOnMount: 'always',
  });

/** What the organization's files take: uploads in any of its projects change it, so read on every visit. */
export const useStorage = (id: string) =>
  useQuery({ queryKey: organizationKeys.storage(id), queryFn: () => fetchStorage(id), refetchOnMount: 'always' });
