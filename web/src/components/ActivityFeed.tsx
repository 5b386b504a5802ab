import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ActivityView } from '../api/schema';
import { formatDateTime } from '../pages/account/formatDateTime';
import { ErrorBanner } from './ErrorBanner';

interface ActivityFeedProps {
  /** The paged feed (an organization's or a project's). */
  activity: UseInfiniteQueryResult<InfiniteData<{ items: ActivityView[] }>>;
  /** Puts an entry in words; people it names by id are looked up with `nameOf`. */
  describe: (entry: ActivityView, nameOf: (userId: string) => string | undefined) => string;
  names: Map<string, string>;
  titleId: string;
}

/** What happened, newest first, with "Load more" for older entries. */
export function ActivityFeed({ activity, describe, names, titleId }: ActivityFeedProps) {
  const entries = activity.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 className="panel__title" id={titleId}>
        Activity
      </h3>
      <ErrorBanner error={activity.error} />
      {activity.isPending ? <p aria-busy="true">Loading activity…</p> : null}
      {activity.isSuccess && entries.length === 0 ? <p className="panel__intro">Nothing has happened yet.</p> : null}
      {entries.length ? (
        <ol className="item-list activity-list" aria-label="Activity">
          {entries.map((entry) => (
            <li className="item-list__item" key={entry.id}>
              <p className="item-list__text">
                <strong>{entry.actorName ?? 'Someone'}</strong> {describe(entry, (id) => names.get(id))}
              </p>
              <time className="item-list__meta" dateTime={entry.createdAt}>
                {formatDateTime(entry.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      ) : null}
      {activity.hasNextPage ? (
        <div className="panel__actions">
          <button
            className="button button--secondary"
            type="button"
            onClick={() => void activity.fetchNextPage()}
            disabled={activity.isFetchingNextPage}
          >
            {activity.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
