import { ErrorBanner } from '../../../components/ErrorBanner';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatSize } from '../../../files/formatSize';
import { percentSent, type Upload, type UploadStatus } from '../../../files/uploadQueue';
import { cancelUpload, pauseUpload, resumeUpload, retryUpload } from '../../../files/uploads';

const STATUS_WORDS: Readonly<Record<UploadStatus, string>> = {
  waiting: 'Waiting',
  sending: 'Uploading',
  paused: 'Paused',
  failed: 'Failed',
};

/**
 * One file on its way: its name and size, where it is (said to screen readers as it changes),
 * how far along; Pause and Cancel while it goes, Resume once paused, Retry with the server's
 * reason once it failed.
 */
export function UploadItem({ upload }: { upload: Upload }) {
  const name = upload.file.name;
  const failed = upload.status === 'failed';
  const counted = upload.status === 'sending' || upload.status === 'paused';
  return (
    <li className="item-list__item upload">
      <div className="item-list__text">
        <p className="item-list__title">{name}</p>
        <p className="item-list__meta">
          {formatSize(upload.file.size)} · <span role="status">{STATUS_WORDS[upload.status]}</span>
          {/* The progress bar says it to screen readers; a status changing at each step would chatter. */}
          {counted ? <span aria-hidden="true"> {Math.floor(percentSent(upload))}%</span> : null}
        </p>
      </div>
      <div className="item-list__actions">
        {failed ? (
          <Action kind="primary" label="Retry" name={name} onClick={() => retryUpload(upload.id)} />
        ) : upload.status === 'paused' ? (
          <Action kind="primary" label="Resume" name={name} onClick={() => resumeUpload(upload.id)} />
        ) : (
          <Action kind="secondary" label="Pause" name={name} onClick={() => pauseUpload(upload.id)} />
        )}
        <Action kind="secondary" label={failed ? 'Dismiss' : 'Cancel'} name={name} onClick={() => cancelUpload(upload.id)} />
      </div>
      {failed ? null : <ProgressBar value={percentSent(upload)} label={`Upload of ${name}`} />}
      {failed ? <ErrorBanner error={upload.error} /> : null}
    </li>
  );
}

interface ActionProps {
  kind: 'primary' | 'secondary';
  /** What the button says; with the file's name, what it is called. */
  label: string;
  name: string;
  onClick: () => void;
}

function Action({ kind, label, name, onClick }: ActionProps) {
  return (
    <button className={`button button--${kind} button--small`} type="button" aria-label={`${label} ${name}`} onClick={onClick}>
      {label}
    </button>
  );
}
