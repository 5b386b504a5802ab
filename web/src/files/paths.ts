import type { FileView } from '../api/schema';

/** The app's addresses of a project's files and of one file (see router.tsx). */
export const filesPath = (projectId: string) => `/projects/${projectId}/files`;

export const filePath = (file: Pick<FileView, 'projectId' | 'id'>) => `${filesPath(file.projectId)}/${file.id}`;
