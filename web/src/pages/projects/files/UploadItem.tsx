import { ErrorBanner } from '../../../components/ErrorBanner';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatSize } from '../../../files/formatSize';
import { percentSent, type Upload, type UploadStatus } from '../../../files/uploadQueue';
import { cancelUpload, retryUpload } from '../../../files/uploads';

const STATUS_WORDS: Readonly<Record<UploadStatus, string>> = {
  waiting: 'Waiting',
  sending: 'Uploading',
  failed: 'Failed',
};

/**
 * One file on its way: its name and size, where it is (said to screen readers as it changes),
 * how far along; Cancel while it goes, Retry with the server's reason once it failed.
 */
export function UploadItem({ upload }: { upload: Upload }) {
  const name = upload.file.name;
  const failed = upload.status === 'failed';
  return (
    <li className="item-list__item upload">
      <div className="item-list__text">
        <p className="item-list__title">{name}</p>
        <p className="item-list__meta">
          {formatSize(upload.file.size)} · <span role="status">{STATUS_WORDS[upload.status]}</span>
          {/* The progress bar says it to screen readers; a status changing at each step would chatter. */}
          {upload.status === 'sending' ? <span aria-hidden="true"> {Math.floor(percentSent(upload))}%</span> : null}
        </p>
      </div>
      <div className="item-list__actions">
        {failed ? (
          <>
            <button
              className="button button--primary button--small"
              type="button"
              aria-label={`Retry ${name}`}
              onClick={() => retryUpload(upload.id)}
            >
              Retry
            </button>
            <button
              className="button button--secondary button--small"
              type="button"
              aria-label={`Dismiss ${name}`}
              onClick={() => cancelUpload(upload.id)}
            >
              Dismiss
            </button>
          </>
        ) : (
          <button
            className="button button--secondary button--small"
            type="button"
            aria-label={`Cancel ${name}`}
            onClick={() => cancelUpload(upload.id)}
          >
            Cancel
          </button>
        )}
      </div>
      {failed ? null : <ProgressBar value={percentSent(upload)} label={`Upload of ${name}`} />}
      {failed ? <ErrorBanner error={upload.error} /> : null}
    </li>
  );
}
