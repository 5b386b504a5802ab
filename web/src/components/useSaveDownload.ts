import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { DownloadedFile } from '../api/http';
import { saveFile } from './saveFile';

/**
 * Saves a file as a download (`mutate()`; its error is the server's): the bytes a query already
 * holds under `heldKey` (fetched to be shown), else `fetchFile`'s. Named as the server suggests,
 * else `name`.
 */
export function useSaveDownload(name: string, heldKey: QueryKey, fetchFile: () => Promise<DownloadedFile>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<DownloadedFile> => {
      // Bytes already fetched are the same bytes: no second download.
      const held = queryClient.getQueryData<Blob>(heldKey);
      return held ? { blob: held, filename: undefined } : fetchFile();
    },
    onSuccess: ({ blob, filename }) => saveFile(blob, filename ?? name),
  });
}
