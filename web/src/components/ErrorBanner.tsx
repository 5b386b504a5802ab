import { ApiError } from '../api/errors';
import { formatWait } from './formatWait';

interface ErrorBannerProps {
  error: unknown;
}

/** The server's message for a failed request, plus when to retry after a 429. */
export function ErrorBanner({ error }: ErrorBannerProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const retryAfter = error instanceof ApiError ? error.retryAfterSeconds : undefined;
  // The server's message may already say how long ("Try again in 900 seconds."): not twice.
  const wait = retryAfter !== undefined && !message.includes(String(retryAfter)) ? retryAfter : undefined;
  return (
    <div className="banner banner--error" role="alert">
      <p>{message}</p>
      {wait !== undefined ? <p>You can try again in {formatWait(wait)}.</p> : null}
    </div>
  );
}
