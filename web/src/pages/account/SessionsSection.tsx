import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSessions, revokeSession } from '../../api/auth';
import type { SessionView } from '../../api/schema';
import { signOutEverywhere } from '../../auth/session';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SESSIONS_KEY } from './sessionQueries';
import { SessionItem } from './SessionItem';

/** Every device signed in to this account, with a way to end any of them. */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: fetchSessions });
  const revoke = useMutation({
    mutationFn: revokeSession,
    onSuccess: (_answer, id) => {
      // Gone at once, then confirmed by a fresh list.
      queryClient.setQueryData<SessionView[]>(SESSIONS_KEY, (list) => list?.filter((session) => session.id !== id));
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  // Ends this session too; RequireAuth then shows the login page.
  const everywhere = useMutation({ mutationFn: signOutEverywhere });

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h3 className="panel__title" id="sessions-title">
        Where you are signed in
      </h3>
      <ErrorBanner error={sessions.error ?? revoke.error ?? everywhere.error} />
      {sessions.isPending ? <p aria-busy="true">Loading sessions…</p> : null}
      {sessions.data ? (
        <ul className="session-list" aria-label="Sessions">
          {sessions.data.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              onRevoke={() => revoke.mutate(session.id)}
              revoking={revoke.isPending && revoke.variables === session.id}
            />
          ))}
        </ul>
      ) : null}
      <div className="panel__actions">
        <button
          className="button button--danger"
          type="button"
          onClick={() => everywhere.mutate()}
          disabled={everywhere.isPending}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
