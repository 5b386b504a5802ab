import { Link } from 'react-router-dom';
import type { AttachmentView } from '../../api/attachments';
import { ErrorBanner } from '../../components/ErrorBanner';
import { filePath } from '../../files/paths';
import { useDownloadAttachment } from '../../messaging/useDownloadAttachment';
import { KindIcon } from '../projects/files/KindIcon';
import { AttachmentChip } from './AttachmentChip';
import { AttachmentImage } from './AttachmentImage';

interface MessageAttachmentProps {
  attachment: AttachmentView;
  /** The project channel's project, for a project file's link to it in Files. */
  projectId: string | null;
}

/** One file on a message: an image's thumbnail or the kind's tile, its name (a project file's leading to it in Files), size and Download. */
export function MessageAttachment({ attachment, projectId }: MessageAttachmentProps) {
  const download = useDownloadAttachment(attachment);
  const { id, name, size, kind, source } = attachment;
  const image = kind === 'image';
  return (
    <AttachmentChip
      name={name}
      size={size}
      className={image ? 'attachment-chip--image' : undefined}
      picture={image ? <AttachmentImage attachment={attachment} /> : <KindIcon kind={kind} name={name} />}
      label={
        source === 'project' && projectId ? (
          <Link to={filePath({ projectId, id })} title="Open in the project’s files">
            {name}
          </Link>
        ) : undefined
      }
    >
      <button
        className="link-button"
        type="button"
        aria-label={`Download ${name}`}
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Downloading…' : 'Download'}
      </button>
      <ErrorBanner error={download.error} />
    </AttachmentChip>
  );
}
