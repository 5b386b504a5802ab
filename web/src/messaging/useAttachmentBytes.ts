import { useQuery } from '@tanstack/react-query';
import { fetchAttachment } from '../api/attachments';
import { messagingKeys } from './queryKeys';

/** An attachment's bytes (or its preview's) at `url`, fetched with the access token; `enabled: false` waits until they are wanted. */
export const useAttachmentBytes = (url: string, enabled = true) =>
  useQuery({
    queryKey: messagingKeys.attachmentContent(url),
    queryFn: ({ signal }) => fetchAttachment(url, signal).then((file) => file.blob),
    // The same address always names the same bytes.
    staleTime: Infinity,
    enabled,
  });
