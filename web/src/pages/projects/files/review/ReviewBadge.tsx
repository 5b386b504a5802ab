import type { ReviewState } from '../../../../api/vocabularies';
import { REVIEW_STATE_LABELS } from '../../../../files/vocabulary';

/** A version's review state as a coloured tag: pending, approved or changes requested. */
export function ReviewBadge({ state }: { state: ReviewState }) {
  return (
    <span className={`review-badge review-badge--${state}`}>
      <span className="visually-hidden">Review: </span>
      {REVIEW_STATE_LABELS[state]}
    </span>
  );
}
