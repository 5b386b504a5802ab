import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchDocument, fetchDocumentsPage, fetchSnapshotsPage } from '../api/documents';
import { documentKeys } from './queryKeys';

/** The reads of the documents pages, one hook each, sharing the keys in queryKeys.ts. */

/** The project's documents, most recently changed first, a page at a time ("Load more"). */
export const useDocuments = (projectId: string) =>
  useInfiniteQuery({
    queryKey: documentKeys.list(projectId),
    queryFn: ({ pageParam }) => fetchDocumentsPage(projectId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Others write in them all the time: the order is only right when read afresh.
    refetchOnMount: 'always',
  });

export const useDocument = (id: string) => useQuery({ queryKey: documentKeys.one(id), queryFn: () => fetchDocument(id) });

/** Saved versions, newest first; the server adds automatic ones, so read them again on every visit. */
export const useSnapshots = (id: string) =>
  useInfiniteQuery({
    queryKey: documentKeys.snapshots(id),
    queryFn: ({ pageParam }) => fetchSnapshotsPage(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchOnMount: 'always',
  });
