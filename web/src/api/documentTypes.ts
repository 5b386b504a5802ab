/**
 * The shapes the documents API answers with (camelCase JSON). A document's text is not
 * here: it lives in a Yjs document edited over /collab/{id} (see documents/collab/).
 */

export interface DocumentView {
  id: string;
  projectId: string;
  title: string;
  createdBy: string | null;
  createdAt: string;
  /** Changes to the title or the text; the project's list is ordered by it, newest first. */
  updatedAt: string;
  /** False for the project's viewers and reviewers: they read and see carets, but do not type. */
  canEdit: boolean;
}

/** A saved version of a document's text. */
export interface SnapshotView {
  id: string;
  documentId: string;
  name: string;
  /** Taken by the server (periodically, or before a restore) rather than named by someone. */
  automatic: boolean;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

/** What POST …/restore answers: the version of the text from just before, saved by the server. */
export interface RestoreResult {
  backup: SnapshotView;
}

export type ExportFormat = 'markdown' | 'html' | 'text';
