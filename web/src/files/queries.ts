import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  fetchEveryFile,
  fetchFile,
  fetchFilesPage,
  fetchVersionContent,
  fetchVersionPreview,
  fetchVersions,
  type FileListQuery,
  type PreviewSize,
} from '../api/files';
import { fileKeys } from './queryKeys';

/** The reads of the files pages, one hook each, sharing the keys in queryKeys.ts. */

/** The project's files as `query` narrows and orders them, a page at a time ("Load more"). */
export const useFiles = (projectId: string, query: FileListQuery) =>
  useInfiniteQuery({
    queryKey: fileKeys.list(projectId, query),
    queryFn: ({ pageParam }) => fetchFilesPage(projectId, query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Others upload all the time: the list is only right when read afresh.
    refetchOnMount: 'always',
    // Other filters keep the list on screen until their answer comes (mount it anew for
    // another project, so that one project's files never stand in for another's).
    placeholderData: keepPreviousData,
  });

/** Every file of the project at once, by name; `enabled: false` waits until they are wanted. */
export const useEveryFile = (projectId: string, enabled = true) =>
  useQuery({ queryKey: fileKeys.every(projectId), queryFn: () => fetchEveryFile(projectId), enabled });

export const useFile = (id: string) => useQuery({ queryKey: fileKeys.one(id), queryFn: () => fetchFile(id) });

/** Newest first. */
export const useVersions = (id: string) =>
  useQuery({ queryKey: fileKeys.versions(id), queryFn: () => fetchVersions(id), refetchOnMount: 'always' });

/** One version's bytes, fetched with the access token; `enabled: false` waits until they are wanted. */
export const useVersionContent = (id: string, number: number, enabled = true) =>
  useQuery({
    queryKey: fileKeys.content(id, number),
    queryFn: () => fetchVersionContent(id, number).then((file) => file.blob),
    // The same number always names the same bytes.
    staleTime: Infinity,
    enabled,
  });

/** A version's preview (of a PDF's `page`), once the server made it (`preview === 'ready'`); it never changes. */
export const useVersionPreview = (id: string, number: number, size: PreviewSize, enabled = true, page = 1) =>
  useQuery({
    queryKey: fileKeys.preview(id, number, size, page),
    queryFn: () => fetchVersionPreview(id, number, size, page).then((file) => file.blob),
    staleTime: Infinity,
    enabled,
  });
