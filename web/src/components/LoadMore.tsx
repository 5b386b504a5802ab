interface LoadMoreProps {
  /** A paged list (react-query's infinite query). */
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label?: string;
}

/** "Load more" under a paged list while the server has more (nextCursor). */
export function LoadMore({ list, label = 'Load more' }: LoadMoreProps) {
  if (!list.hasNextPage) return null;
  return (
    <div className="panel__actions">
      <button
        className="button button--secondary"
        type="button"
        onClick={() => void list.fetchNextPage()}
        disabled={list.isFetchingNextPage}
      >
        {list.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </div>
  );
}
