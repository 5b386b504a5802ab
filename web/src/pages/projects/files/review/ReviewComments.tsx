import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import type { ReviewCommentView } from '../../../../api/schema';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { resolvedCount, shownThreads, type ReviewThread } from '../../../../files/reviewThreads';
import { ReviewCommentForm } from './ReviewCommentForm';
import { ReviewThreadItem } from './ReviewThreadItem';

interface ReviewCommentsProps {
  fileId: string;
  number: number;
  comments: UseQueryResult<ReviewCommentView[]>;
  threads: readonly ReviewThread[];
  selected: string | null;
  onSelect: (rootId: string) => void;
  showResolved: boolean;
  onShowResolved: (show: boolean) => void;
  canComment: boolean;
  /** Whether the version is drawn in the viewer, where clicking pins a comment. */
  pinnable: boolean;
  /** A PDF: its threads are pinned on pages. */
  paged: boolean;
}

/**
 * The version's review comments as threads, the open ones (and the resolved ones when asked),
 * with a box for a comment on the whole version. Viewers read them but write nothing.
 */
export function ReviewComments(props: ReviewCommentsProps) {
  const { fileId, number, comments, threads, selected, onSelect, showResolved, onShowResolved, canComment, pinnable, paged } = props;
  const toggleId = useId();
  const shown = shownThreads(threads, showResolved);
  const resolved = resolvedCount(threads);

  return (
    <section className="panel panel--compact review-comments" aria-labelledby="review-comments-title">
      <div className="review-comments__head">
        <h4 className="panel__title" id="review-comments-title">
          Comments on v{number}
        </h4>
        <label className="review-comments__toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={showResolved}
            onChange={(event) => onShowResolved(event.target.checked)}
          />{' '}
          Show resolved ({resolved})
        </label>
      </div>
      <ErrorBanner error={comments.error} />
      {comments.isPending ? <p aria-busy="true">Loading comments…</p> : null}
      {comments.isSuccess && shown.length === 0 ? (
        <p className="panel__intro">
          {threads.length ? 'Every thread is resolved.' : 'No comments on this version yet.'}
          {canComment && pinnable ? ` Click the ${paged ? 'page' : 'image'} to pin one to a spot.` : null}
        </p>
      ) : null}
      {shown.length ? (
        <ol className="review-threads" aria-label="Comment threads">
          {shown.map((thread) => (
            <ReviewThreadItem
              key={thread.root.id}
              thread={thread}
              fileId={fileId}
              number={number}
              selected={thread.root.id === selected}
              onSelect={() => onSelect(thread.root.id)}
              canComment={canComment}
              paged={paged}
            />
          ))}
        </ol>
      ) : null}
      {canComment ? (
        <ReviewCommentForm
          fileId={fileId}
          number={number}
          name="New comment on the version"
          label={`Comment on v${number}`}
          submitLabel="Post comment"
          hint="Markdown works; @Name mentions someone on the project."
          onPosted={(comment) => onSelect(comment.id)}
        />
      ) : (
        <p className="panel__intro">Only the project’s leads, editors and reviewers comment.</p>
      )}
    </section>
  );
}
