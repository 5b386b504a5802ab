import type { FileListQuery } from '../api/files';
import { projectKeys } from '../projects/queryKeys';

/**
 * Query keys of the files. A project's lists live under that project's key (so a change there
 * refreshes them with the rest); one file and its versions under ['account', 'files'] by id,
 * since its page is reached by id. A version's bytes never change (a new upload is a new
 * version), so they have a prefix of their own that no refresh of the file reaches. A
 * version's review (its decisions) and its review comments live under the file, each under a
 * prefix of its own, so that a new comment does not read the decisions again. All of it is
 * dropped when the session ends.
 */
const ALL = ['account', 'files'] as const;

export const fileKeys = {
  /** Every open file, of every project. */
  all: ALL,
  /** Every list of the project's files, whatever its filters. */
  lists: (projectId: string) => [...projectKeys.one(projectId), 'files'] as const,
  list: (projectId: string, query: FileListQuery) => [...projectKeys.one(projectId), 'files', query] as const,
  /** All of the project's files at once, by name (the task drawer's picker). */
  every: (projectId: string) => [...projectKeys.one(projectId), 'files', 'every'] as const,
  one: (id: string) => [...ALL, id] as const,
  versions: (id: string) => [...ALL, id, 'versions'] as const,
  /** The review of every version of the file, and of one. */
  reviews: (id: string) => [...ALL, id, 'review'] as const,
  review: (id: string, number: number) => [...ALL, id, 'review', number] as const,
  /** The review comments of every version of the file, and of one. */
  comments: (id: string) => [...ALL, id, 'comments'] as const,
  versionComments: (id: string, number: number) => [...ALL, id, 'comments', number] as const,
  content: (id: string, number: number) => ['account', 'file-content', id, number] as const,
  /** A version's preview of one size, of a PDF's `page` (1 for everything else). */
  preview: (id: string, number: number, size: string, page = 1) => ['account', 'file-preview', id, number, size, page] as const,
};
