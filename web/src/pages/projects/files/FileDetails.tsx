import type { FileView } from '../../../api/schema';
import { isPictureVersion } from '../../../files/pictures';
import { useVersions } from '../../../files/queries';
import { CompareVersions } from './CompareVersions';
import { FileHeader } from './FileHeader';
import { FilePreview } from './FilePreview';
import { NewVersionUpload } from './NewVersionUpload';
import { VersionsPanel } from './VersionsPanel';

/** An open file: its name and facts, a look at it (and at two of its versions), its version stack, a new version. */
export function FileDetails({ file }: { file: FileView }) {
  const versions = useVersions(file.id);
  const pictures = (versions.data ?? []).filter(isPictureVersion);

  return (
    <article className="file-page" aria-labelledby="file-title">
      <FileHeader file={file} titleId="file-title" />
      <div className="file-page__layout">
        <div className="file-page__main">
          <FilePreview file={file} />
          {pictures.length >= 2 ? (
            // Starts again from the newest two when another version comes.
            <CompareVersions key={pictures[0]!.number} file={file} versions={pictures} />
          ) : null}
        </div>
        <div className="file-page__side">
          {file.canManage ? <NewVersionUpload fileId={file.id} /> : null}
          <VersionsPanel file={file} versions={versions} />
        </div>
      </div>
    </article>
  );
}
