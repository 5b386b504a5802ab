import { fetchVersionContent } from '../api/files';
import type { FileView } from '../api/schema';
import { useSaveDownload } from '../components/useSaveDownload';
import { fileKeys } from './queryKeys';

/** Saves one version's bytes as a download under the file's name (`mutate()`; its error is the server's). */
export const useDownloadVersion = (file: Pick<FileView, 'id' | 'name'>, number: number) =>
  useSaveDownload(file.name, fileKeys.content(file.id, number), () => fetchVersionContent(file.id, number));
