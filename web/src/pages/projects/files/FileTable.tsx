import { Link } from 'react-router-dom';
import type { FileView } from '../../../api/schema';
import { formatSize } from '../../../files/formatSize';
import { filePath } from '../../../files/paths';
import { KIND_LABELS } from '../../../files/vocabulary';
import { formatDateTime } from '../../account/formatDateTime';
import { ReviewBadge } from './review/ReviewBadge';

/** The files as rows of facts: name (to the file), kind, size of the newest version, versions, its review, last change. */
export function FileTable({ files }: { files: readonly FileView[] }) {
  return (
    <table className="file-table" aria-label="Files">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Size</th>
          <th scope="col">Versions</th>
          <th scope="col">Review</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.id}>
            <th scope="row">
              <Link to={filePath(file)}>{file.name}</Link>
            </th>
            <td>{KIND_LABELS[file.kind]}</td>
            <td>{formatSize(file.latest.size)}</td>
            <td>{file.versionCount}</td>
            <td>
              <ReviewBadge state={file.latest.review} />
            </td>
            <td>
              <time dateTime={file.updatedAt}>{formatDateTime(file.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
