import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchVersionContent } from '../api/files';
import type { FileView } from '../api/schema';
import { saveFile } from '../components/saveFile';
import { fileKeys } from './queryKeys';

/** Saves one version's bytes as a download under the file's name (`mutate()`; its error is the server's). */
export function useDownloadVersion(file: Pick<FileView, 'id' | 'name'>, number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Bytes already fetched for the preview are the same bytes: no second download.
      const held = queryClient.getQueryData<Blob>(fileKeys.content(file.id, number));
      return held ? { blob: held, filename: undefined } : fetchVersionContent(file.id, number);
    },
    onSuccess: ({ blob, filename }) => saveFile(blob, filename ?? file.name),
  });
}
