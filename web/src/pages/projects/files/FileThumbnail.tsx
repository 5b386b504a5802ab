import type { FileView } from '../../../api/schema';
import { isPicture } from '../../../files/pictures';
import { KindIcon } from './KindIcon';
import { VersionImage } from './VersionImage';

/** A file's picture in the grid: its newest version for images (fetched once it is near the window), its kind's tile otherwise. */
export function FileThumbnail({ file }: { file: FileView }) {
  return (
    <span className="file-card__picture">
      {isPicture(file.kind) ? (
        <VersionImage
          fileId={file.id}
          number={file.latest.number}
          name={file.name}
          kind={file.kind}
          alt=""
          className="file-card__image"
          lazy
        />
      ) : (
        <KindIcon kind={file.kind} name={file.name} />
      )}
    </span>
  );
}
