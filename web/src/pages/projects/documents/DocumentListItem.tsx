import { Link } from 'react-router-dom';
import type { DocumentView } from '../../../api/schema';
import { formatDateTime } from '../../account/formatDateTime';

/** One document in a project's list: its title (to the editor), when it last changed, and whether the caller may write. */
export function DocumentListItem({ document }: { document: DocumentView }) {
  return (
    <li className="item-list__item">
      <div className="item-list__text">
        <Link className="item-list__title" to={`/projects/${document.projectId}/documents/${document.id}`}>
          {document.title}
        </Link>
        <p className="item-list__meta">
          Changed <time dateTime={document.updatedAt}>{formatDateTime(document.updatedAt)}</time>
        </p>
      </div>
      {document.canEdit ? null : <span className="status-tag">Read only</span>}
    </li>
  );
}
