import { useMutation } from '@tanstack/react-query';
import { setUpTwoFactor } from '../../api/auth';
import type { Setup } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';

/** 2FA is off: explains it and asks the server for a new secret. */
export function StartTwoFactor({ onStarted }: { onStarted: (setup: Setup) => void }) {
  const start = useMutation({ mutationFn: setUpTwoFactor, onSuccess: onStarted });
  return (
    <>
      <p>
        Two-factor authentication is <strong>off</strong>. Turn it on to ask for a code from an authenticator app
        each time you sign in, so a stolen password alone is not enough.
      </p>
      <ErrorBanner error={start.error} />
      <div className="panel__actions">
        <button
          className="button button--primary"
          type="button"
          onClick={() => start.mutate()}
          disabled={start.isPending}
        >
          Set up two-factor authentication
        </button>
      </div>
    </>
  );
}
