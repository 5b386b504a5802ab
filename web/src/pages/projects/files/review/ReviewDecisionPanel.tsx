import { ErrorBanner } from '../../../../components/ErrorBanner';
import { useReview } from '../../../../files/reviewQueries';
import { DecisionForm } from './DecisionForm';
import { RequestReviewForm } from './RequestReviewForm';
import { ReviewBadge } from './ReviewBadge';
import { ReviewDecisions } from './ReviewDecisions';

interface ReviewDecisionPanelProps {
  fileId: string;
  projectId: string;
  number: number;
}

/**
 * The version's review: its state, who decided what (with their notes) and who is still
 * asked; Approve and Request changes for leads and reviewers; "Request review" for those who
 * may ask (leads, editors, the uploader).
 */
export function ReviewDecisionPanel({ fileId, projectId, number }: ReviewDecisionPanelProps) {
  const review = useReview(fileId, number);

  return (
    <section className="panel panel--compact review-panel" aria-labelledby="review-title">
      <div className="review-panel__head">
        <h4 className="panel__title" id="review-title">
          Review of v{number}
        </h4>
        {review.data ? <ReviewBadge state={review.data.state} /> : null}
      </div>
      <ErrorBanner error={review.error} />
      {review.isPending ? <p aria-busy="true">Loading the review…</p> : null}
      {review.data ? (
        <>
          <ReviewDecisions review={review.data} />
          {review.data.canDecide ? (
            <DecisionForm fileId={fileId} projectId={projectId} number={number} review={review.data} />
          ) : null}
          {review.data.canRequest ? (
            <RequestReviewForm fileId={fileId} projectId={projectId} number={number} review={review.data} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
