import type { ReviewView } from '../../../../api/schema';
import { DECISION_WORDS } from '../../../../files/vocabulary';
import { formatDateTime } from '../../../account/formatDateTime';

/** Each reviewer's current decision with its note, then those asked who have not decided yet. */
export function ReviewDecisions({ review }: { review: ReviewView }) {
  const decided = new Set(review.decisions.map((decision) => decision.reviewerId));
  const waiting = review.requested.filter((request) => !decided.has(request.userId));

  if (!review.decisions.length && !waiting.length) {
    return <p className="panel__intro">Nobody has reviewed this version yet.</p>;
  }
  return (
    <>
      {review.decisions.length ? (
        <ul className="review-decisions" aria-label="Decisions">
          {review.decisions.map((decision) => (
            <li key={decision.reviewerId} className={`review-decision review-decision--${decision.decision}`}>
              <p>
                <strong>{decision.reviewerName ?? 'A former member'}</strong> {DECISION_WORDS[decision.decision]}{' '}
                <time className="review-decision__time" dateTime={decision.decidedAt}>
                  {formatDateTime(decision.decidedAt)}
                </time>
              </p>
              {decision.note ? <p className="review-decision__note">{decision.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {waiting.length ? (
        <p className="panel__intro">
          Waiting for: {waiting.map((request) => request.name ?? 'a former member').join(', ')}
        </p>
      ) : null}
    </>
  );
}
