import { projectKeys } from '../projects/queryKeys';

/**
 * Query keys of the documents. A project's list lives under that project's key (so a change
 * there refreshes it with the rest); one document and its versions under ['account'] by id,
 * since its page is reached by id. Both are dropped when the session ends.
 */
const ALL = ['account', 'documents'] as const;

export const documentKeys = {
  list: (projectId: string) => [...projectKeys.one(projectId), 'documents'] as const,
  one: (id: string) => [...ALL, id] as const,
  snapshots: (id: string) => [...ALL, id, 'snapshots'] as const,
};
