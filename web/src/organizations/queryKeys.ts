/**
 * Query keys of the organization data. Everything lives under ['account'], so it is dropped
 * when the session ends (see AuthProvider), and under one organization's key, so a change
 * there can refresh all of it at once.
 */
const ALL = ['account', 'organizations'] as const;

export const organizationKeys = {
  all: ALL,
  list: () => [...ALL, 'list'] as const,
  one: (id: string) => [...ALL, 'one', id] as const,
  members: (id: string) => [...ALL, 'one', id, 'members'] as const,
  invitations: (id: string) => [...ALL, 'one', id, 'invitations'] as const,
  teams: (id: string) => [...ALL, 'one', id, 'teams'] as const,
  team: (id: string, teamId: string) => [...ALL, 'one', id, 'teams', teamId] as const,
  activity: (id: string) => [...ALL, 'one', id, 'activity'] as const,
  storage: (id: string) => [...ALL, 'one', id, 'storage'] as const,
};

/** Invitation previews are public (no session), so they live outside ['account']. */
export const invitationPreviewKey = (token: string) => ['invitation-preview', token] as const;
