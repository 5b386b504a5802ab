import { Link } from 'react-router-dom';
import type { FileView, VersionView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { formatSize } from '../../../files/formatSize';
import { useDownloadVersion } from '../../../files/useDownloadVersion';
import { versionSearch } from '../../../files/versionChoice';
import { formatDateTime } from '../../account/formatDateTime';
import { ReviewBadge } from './review/ReviewBadge';

interface VersionItemProps {
  file: FileView;
  version: VersionView;
  /** The page shows and reviews this one. */
  shown: boolean;
  /** Who uploaded it, when known (left out otherwise: an account that is gone has no name left). */
  uploader: string | undefined;
}

/**
 * One version: its number (the current one marked) and review state, size, type, who uploaded
 * it and when; "Show" puts it in the viewer and its review beside it, "Download" saves its bytes.
 */
export function VersionItem({ file, version, shown, uploader }: VersionItemProps) {
  const download = useDownloadVersion(file, version.number);
  const current = version.number === file.latest.number;

  return (
    <li className={shown ? 'item-list__item version-item--shown' : 'item-list__item'} aria-current={shown || undefined}>
      <div className="item-list__text">
        <p className="item-list__title">
          v{version.number} {current ? <span className="status-tag">Current</span> : null} <ReviewBadge state={version.review} />
        </p>
        <p className="item-list__meta">
          {formatSize(version.size)} · {version.mime} · {uploader ? `${uploader} · ` : null}
          <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
        </p>
      </div>
      {shown ? null : (
        <Link
          className="button button--secondary button--small"
          to={{ search: versionSearch(version.number, file.latest.number) }}
          aria-label={`Show version ${version.number}`}
        >
          Show
        </Link>
      )}
      <button
        className="button button--secondary button--small"
        type="button"
        aria-label={`Download version ${version.number}`}
        onClick={() => download.mutate()}
        disabled={download.isPending}
      >
        Download
      </button>
      <ErrorBanner error={download.error} />
    </li>
  );
}
