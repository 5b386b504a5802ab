import { useSearchParams } from 'react-router-dom';
import type { FileView } from '../../../api/schema';
import { useVersions } from '../../../files/queries';
import { chosenVersion } from '../../../files/versionChoice';
import { FileHeader } from './FileHeader';
import { FileReview } from './review/FileReview';

/**
 * An open file: its name and facts, then the version the address names (the newest by
 * default) with its review: a look at it with its pinned comments, the comment threads, the
 * decisions; and the file's version stack and a new version.
 */
export function FileDetails({ file }: { file: FileView }) {
  const versions = useVersions(file.id);
  const [search] = useSearchParams();
  const number = chosenVersion(search.get('version'), file.latest.number);

  return (
    <article className="file-page" aria-labelledby="file-title">
      <FileHeader file={file} titleId="file-title" />
      {/* What is selected and being written belongs to one version: another starts afresh. */}
      <FileReview key={number} file={file} number={number} versions={versions} />
    </article>
  );
}
