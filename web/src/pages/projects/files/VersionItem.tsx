import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchVersionContent } from '../../../api/files';
import type { FileView, VersionView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { saveFile } from '../../../components/saveFile';
import { formatSize } from '../../../files/formatSize';
import { fileKeys } from '../../../files/queryKeys';
import { formatDateTime } from '../../account/formatDateTime';

interface VersionItemProps {
  file: FileView;
  version: VersionView;
  /** Who uploaded it, when known (left out otherwise: an account that is gone has no name left). */
  uploader: string | undefined;
}

/** One version: its number (the current one marked), size, type, who uploaded it and when; "Download" saves its bytes. */
export function VersionItem({ file, version, uploader }: VersionItemProps) {
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: async () => {
      // Bytes already fetched for the preview are the same bytes: no second download.
      const held = queryClient.getQueryData<Blob>(fileKeys.content(file.id, version.number));
      return held ? { blob: held, filename: undefined } : fetchVersionContent(file.id, version.number);
    },
    onSuccess: ({ blob, filename }) => saveFile(blob, filename ?? file.name),
  });
  const current = version.number === file.latest.number;

  return (
    <li className="item-list__item">
      <div className="item-list__text">
        <p className="item-list__title">
          v{version.number} {current ? <span className="status-tag">Current</span> : null}
        </p>
        <p className="item-list__meta">
          {formatSize(version.size)} · {version.mime} · {uploader ? `${uploader} · ` : null}
          <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
        </p>
      </div>
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
