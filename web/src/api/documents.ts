import { api } from './client';
import { unwrap, unwrapFile } from './http';
import type { paths } from './schema';

/**
 * Typed calls for a project's collaborative documents and their saved versions. A
 * document's text is not here: it lives in a Yjs document edited over /collab/{id} (see
 * documents/collab/).
 */

/** The formats the server renders a document in (its aliases included). */
export type ExportFormat = paths['/api/documents/{id}/export']['get']['parameters']['query']['format'];

/** One page of the project's documents, most recently changed first. */
export const fetchDocumentsPage = (id: string, cursor: string | null) =>
  unwrap(api.GET('/api/projects/{id}/documents', { params: { path: { id }, query: { cursor: cursor ?? undefined } } }));

/** 400 on `title` when blank or too long; 403 for those who may not edit the project's documents. */
export const createDocument = (id: string, title: string) =>
  unwrap(api.POST('/api/projects/{id}/documents', { params: { path: { id } }, body: { title } }));

export const fetchDocument = (id: string) => unwrap(api.GET('/api/documents/{id}', { params: { path: { id } } }));

export const renameDocument = (id: string, title: string) =>
  unwrap(api.PATCH('/api/documents/{id}', { params: { path: { id } }, body: { title } }));

/** Answers 204, no body. */
export const deleteDocument = (id: string): Promise<void> =>
  unwrap(api.DELETE('/api/documents/{id}', { params: { path: { id } } })).then(() => undefined);

/** The text as the server renders it, with the file name it suggests. */
export const exportDocument = (id: string, format: ExportFormat) =>
  unwrapFile(
    api.GET('/api/documents/{id}/export', {
      params: { path: { id }, query: { format } },
      // Not JSON: `send` hands the bytes over as they came.
      headers: { Accept: '*/*' },
      parseAs: 'blob',
    }),
  );

/** Saved versions, newest first. */
export const fetchSnapshotsPage = (id: string, cursor: string | null) =>
  unwrap(api.GET('/api/documents/{id}/snapshots', { params: { path: { id }, query: { cursor: cursor ?? undefined } } }));

/** 400 on `name` when blank. */
export const saveSnapshot = (id: string, name: string) =>
  unwrap(api.POST('/api/documents/{id}/snapshots', { params: { path: { id } }, body: { name } }));

/**
 * Puts an old version back as a new change, which every open editor receives live; the
 * text from just before is saved first as an automatic version ("Before restoring …"),
 * which it answers with (`backup`).
 */
export const restoreSnapshot = (id: string, snapshotId: string) =>
  unwrap(api.POST('/api/documents/{id}/snapshots/{snapshotId}/restore', { params: { path: { id, snapshotId } } }));
