import type { FileView } from '../../../api/schema';
import { hasPreview } from '../../../files/pictures';
import { KindIcon } from './KindIcon';
import { VersionImage } from './VersionImage';

/**
 * A file's picture in a list: the server's small preview of its newest version (an image, an
 * SVG drawn, a PDF's first page; fetched once it is near the window), its kind's tile
 * otherwise. Never the original bytes: they may be 50 MB, or an image no browser should decode.
 */
export function FileThumbnail({ file, className = 'file-card__picture' }: { file: FileView; className?: string }) {
  const ready = hasPreview(file.latest);
  const pending = file.latest.preview === 'pending';
  return (
    <span className={className} aria-busy={pending || undefined} title={pending ? 'Preparing a preview…' : undefined}>
      {ready ? (
        <VersionImage
          fileId={file.id}
          number={file.latest.number}
          name={file.name}
          kind={file.kind}
          alt=""
          className="file-card__image"
          lazy
          preview="small"
        />
      ) : (
        <KindIcon kind={file.kind} name={file.name} />
      )}
    </span>
  );
}
