import { ErrorBanner } from '../../components/ErrorBanner';
import { useMembers } from '../../organizations/queries';
import { describeProjectActivity } from '../../projects/describeProjectActivity';
import { useProjectOutlet } from '../../projects/projectContext';
import { useProjectActivity } from '../../projects/queries';
import { formatDateTime } from '../account/formatDateTime';

/** What happened in the project, newest first, with "Load more" for older entries. */
export function ProjectActivityTab() {
  const project = useProjectOutlet();
  const activity = useProjectActivity(project.id);
  // Entries about people name them by id; the organization's members give their names.
  const members = useMembers(project.organizationId);
  const names = new Map((members.data ?? []).map((member) => [member.userId, member.name]));
  const entries = activity.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="panel" aria-labelledby="project-activity-title">
      <h3 className="panel__title" id="project-activity-title">
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
                <strong>{entry.actorName ?? 'Someone'}</strong> {describeProjectActivity(entry, (id) => names.get(id))}
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
