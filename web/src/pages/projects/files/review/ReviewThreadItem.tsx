import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { useChangeReviewComment } from '../../../../files/reviewMutations';
import { pageOfPin, placeOfPin } from '../../../../files/pinPages';
import type { ReviewThread } from '../../../../files/reviewThreads';
import { ReviewCommentForm } from './ReviewCommentForm';
import { ReviewCommentItem } from './ReviewCommentItem';

interface ReviewThreadItemProps {
  thread: ReviewThread;
  fileId: string;
  number: number;
  selected: boolean;
  onSelect: () => void;
  /** The caller may write, reply, resolve and reopen (leads, editors, reviewers). */
  canComment: boolean;
  /** A PDF: its pin names a page. */
  paged: boolean;
}

/**
 * One thread in the sidebar: its number (the image's marker, selected together), its first
 * comment and replies, a reply box, and Resolve or Reopen for those who comment.
 */
export function ReviewThreadItem({ thread, fileId, number, selected, onSelect, canComment, paged }: ReviewThreadItemProps) {
  const { root, replies } = thread;
  const change = useChangeReviewComment(fileId, number);
  const [replying, setReplying] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) item.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);
  const where = placeOfPin(root.pin, paged);
  const page = pageOfPin(root.pin, paged);
  const classes = ['review-thread', selected ? 'review-thread--selected' : '', root.resolved ? 'review-thread--resolved' : ''];

  return (
    <li
      ref={item}
      className={classes.filter(Boolean).join(' ')}
      aria-label={`Thread ${thread.number}`}
      aria-current={selected || undefined}
    >
      <div className="review-thread__head">
        <button
          className="review-thread__number"
          type="button"
          aria-pressed={selected}
          aria-label={`Select thread ${thread.number}`}
          title={root.pin ? (page !== null ? `Show it on page ${page}` : 'Show it on the image') : undefined}
          onClick={onSelect}
        >
          {thread.number}
        </button>
        <span className="review-thread__where">On {where}</span>
        {root.resolved ? <span className="status-tag">Resolved</span> : null}
        {canComment ? (
          <button
            className="button button--secondary button--small review-thread__resolve"
            type="button"
            disabled={change.isPending}
            onClick={() => change.mutate({ id: root.id, resolved: !root.resolved })}
          >
            {root.resolved ? 'Reopen' : 'Resolve'}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={change.error} />
      <ReviewCommentItem comment={root} fileId={fileId} number={number} />
      {replies.length ? (
        <ol className="review-thread__replies" aria-label="Replies">
          {replies.map((reply) => (
            <li key={reply.id}>
              <ReviewCommentItem comment={reply} fileId={fileId} number={number} />
            </li>
          ))}
        </ol>
      ) : null}
      {canComment && !root.resolved ? (
        replying ? (
          <ReviewCommentForm
            fileId={fileId}
            number={number}
            name={`Reply to thread ${thread.number}`}
            label="Reply"
            submitLabel="Post reply"
            parentId={root.id}
            autoFocus
            onPosted={() => setReplying(false)}
            onCancel={() => setReplying(false)}
          />
        ) : (
          <button
            className="button button--secondary button--small review-thread__reply"
            type="button"
            aria-label={`Reply to thread ${thread.number}`}
            onClick={() => setReplying(true)}
          >
            Reply
          </button>
        )
      ) : null}
    </li>
  );
}
