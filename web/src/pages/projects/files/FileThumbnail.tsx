import type { FileView } from '../../../api/schema';
import { isPicture } from '../../../files/pictures';
import { KindIcon } from './KindIcon';
import { VersionImage } from './VersionImage';

/**
 * A file's picture in the grid: the server's small preview of its newest version (fetched
 * once it is near the window), its kind's tile otherwise. Never the original bytes: they may
 * be 50 MB, or an image no browser should decode.
 */
export function FileThumbnail({ file }: { file: FileView }) {
  const ready = isPicture(file.kind) && file.latest.preview === 'ready';
  const pending = file.latest.preview === 'pending';
  return (
    <span className="file-card__picture" aria-busy={pending || undefined} title={pending ? 'Preparing a preview…' : undefined}>
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
