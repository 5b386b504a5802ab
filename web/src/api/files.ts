import { api } from './client';
import { unwrap, unwrapFile } from './http';
import type { FileView, paths } from './schema';

/**
 * Typed calls for a project's files and their versions. Uploads are not here: they are
 * resumable, through tus-js-client (see upload.ts).
 */

/** What the list can be narrowed and ordered by (`cursor` aside, which paging adds). */
export type FileListQuery = Omit<NonNullable<paths['/api/projects/{id}/files']['get']['parameters']['query']>, 'cursor'>;

/** One page of the project's files, each with its newest version. */
export const fetchFilesPage = (id: string, query: FileListQuery, cursor: string | null) =>
  unwrap(api.GET('/api/projects/{id}/files', { params: { path: { id }, query: { ...query, cursor: cursor ?? undefined } } }));

/** Every file of the project, by name (each page of the list, a hundred at a time). */
export async function fetchEveryFile(id: string): Promise<FileView[]> {
  const files: FileView[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchFilesPage(id, { sort: 'name', order: 'asc', limit: 100 }, cursor);
    files.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return files;
}

export const fetchFile = (id: string) => unwrap(api.GET('/api/files/{id}', { params: { path: { id } } }));

/** 422 on `name` when blank or too long; 403 for those who may not manage the file. */
export const renameFile = (id: string, name: string) =>
  unwrap(api.PATCH('/api/files/{id}', { params: { path: { id } }, body: { name } }));

/** Answers 204, no body. */
export const deleteFile = (id: string): Promise<void> =>
  unwrap(api.DELETE('/api/files/{id}', { params: { path: { id } } })).then(() => undefined);

/** The file's versions, newest first. */
export const fetchVersions = (id: string) =>
  unwrap(api.GET('/api/files/{id}/versions', { params: { path: { id } } })).then((body) => body.items);

/** One version's bytes (they need the bearer token, so no `<img src>` can load them itself). */
export const fetchVersionContent = (id: string, number: number) =>
  unwrapFile(
    api.GET('/api/files/{id}/versions/{number}/content', {
      params: { path: { id, number } },
      // Not JSON: `send` hands the bytes over as they came.
      headers: { Accept: '*/*' },
      parseAs: 'blob',
    }),
  );

/**
 * One version's preview (a JPEG; `small` is 256 pixels on its longest side, `large` 1024). A
 * PDF's `page` (from 1): past the first, only `large`, up to the 30th.
 */
export const fetchVersionPreview = (id: string, number: number, size: PreviewSize, page = 1) =>
  unwrapFile(
    api.GET('/api/files/{id}/versions/{number}/preview', {
      params: { path: { id, number }, query: page === 1 ? { size } : { size, page } },
      headers: { Accept: '*/*' },
      parseAs: 'blob',
    }),
  );

export type PreviewSize = 'small' | 'large';
