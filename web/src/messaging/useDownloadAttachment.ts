import { fetchAttachment, type AttachmentView } from '../api/attachments';
import { useSaveDownload } from '../components/useSaveDownload';
import { messagingKeys } from './queryKeys';

/** Saves an attachment's bytes as a download under its name (`mutate()`; its error is the server's). */
export const useDownloadAttachment = ({ name, contentUrl }: Pick<AttachmentView, 'name' | 'contentUrl'>) =>
  useSaveDownload(name, messagingKeys.attachmentContent(contentUrl), () => fetchAttachment(contentUrl));
