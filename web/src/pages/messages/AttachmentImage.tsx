import type { AttachmentView } from '../../api/attachments';
import { BlobImage } from '../../components/BlobImage';
import { useInView } from '../../components/useInView';
import { useAttachmentBytes } from '../../messaging/useAttachmentBytes';
import { KindIcon } from '../projects/files/KindIcon';

/**
 * An image on a message as a thumbnail: its preview when the server made one, else its own
 * bytes; fetched with the access token once it comes near the window. The kind's tile stands in meanwhile.
 */
export function AttachmentImage({ attachment }: { attachment: AttachmentView }) {
  const [seen, watch] = useInView<HTMLSpanElement>();
  const bytes = useAttachmentBytes(attachment.previewUrl ?? attachment.contentUrl, seen);
  return (
    <BlobImage
      blob={bytes.data}
      busy={bytes.isFetching}
      standIn={<KindIcon kind={attachment.kind} name={attachment.name} />}
      watch={watch}
      alt={attachment.name}
      className="attachment-chip__image"
    />
  );
}
