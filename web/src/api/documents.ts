import { apiDownload, apiRequest } from './client';
import type { DocumentView, ExportFormat, RestoreResult, SnapshotView } from './documentTypes';
import { withPage } from './organizations';
import { projectPath } from './projects';
import type { Page } from './workspaceTypes';

/** Typed calls for a project's collaborative documents and their saved versions. */

const projectDocumentsPath = (projectId: string) => `${projectPath(projectId)}/documents`;
export const documentPath = (id: string) => `/api/documents/${encodeURIComponent(id)}`;
const snapshotsPath = (id: string) => `${documentPath(id)}/snapshots`;

/** One page of the project's documents, most recently changed first. */
export const fetchDocumentsPage = (projectId: string, cursor: string | null) =>
  apiRequest<Page<DocumentView>>('GET', withPage(projectDocumentsPath(projectId), { cursor }));

/** 400 on `title` when blank or too long; 403 for those who may not edit the project's documents. */
export const createDocument = (projectId: string, title: string) =>
  apiRequest<DocumentView>('POST', projectDocumentsPath(projectId), { title });

export const fetchDocument = (id: string) => apiRequest<DocumentView>('GET', documentPath(id));

export const renameDocument = (id: string, title: string) =>
  apiRequest<DocumentView>('PATCH', documentPath(id), { title });

export const deleteDocument = (id: string) => apiRequest<void>('DELETE', documentPath(id));

/** The text as the server renders it, with the file name it suggests. */
export const exportDocument = (id: string, format: ExportFormat) =>
  apiDownload(`${documentPath(id)}/export?format=${format}`);

/** Saved versions, newest first. */
export const fetchSnapshotsPage = (id: string, cursor: string | null) =>
  apiRequest<Page<SnapshotView>>('GET', withPage(snapshotsPath(id), { cursor }));

/** 400 on `name` when blank. */
export const saveSnapshot = (id: string, name: string) => apiRequest<SnapshotView>('POST', snapshotsPath(id), { name });

/**
 * Puts an old version back as a new change, which every open editor receives live; the
 * text from just before is saved first as an automatic version ("Before restoring …").
 */
export const restoreSnapshot = (id: string, snapshotId: string) =>
  apiRequest<RestoreResult>('POST', `${snapshotsPath(id)}/${encodeURIComponent(snapshotId)}/restore`);
