import { useState, type FormEvent } from 'react';
import type { ReviewView } from '../../../../api/schema';
import { useAuth } from '../../../../auth/authContext';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { useRequestReview } from '../../../../files/reviewMutations';
import { useProjectMembers } from '../../../../projects/queries';
import { PROJECT_ROLE_LABELS } from '../../../../projects/vocabulary';

interface RequestReviewFormProps {
  fileId: string;
  projectId: string;
  number: number;
  review: ReviewView;
}

/** Asks the project's leads and reviewers (those who may decide) to review the version; they are notified. */
export function RequestReviewForm({ fileId, projectId, number, review }: RequestReviewFormProps) {
  const { user } = useAuth();
  const members = useProjectMembers(projectId);
  const ask = useRequestReview(fileId, number, projectId);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const asked = new Set(review.requested.map((request) => request.userId));
  const candidates = (members.data ?? []).filter(
    (member) => (member.role === 'lead' || member.role === 'reviewer') && member.userId !== user?.id && !asked.has(member.userId),
  );

  const toggle = (userId: string, on: boolean) =>
    setChosen((was) => {
      const next = new Set(was);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reviewers = candidates.filter((member) => chosen.has(member.userId)).map((member) => member.userId);
    if (reviewers.length) ask.mutate(reviewers, { onSuccess: () => setChosen(new Set()) });
  }

  if (members.isSuccess && candidates.length === 0) return null;
  return (
    <form className="form review-request" aria-label="Request review" onSubmit={submit}>
      <fieldset className="review-request__people">
        <legend className="field__label">Ask for a review</legend>
        <ErrorBanner error={members.error ?? ask.error} />
        {members.isPending ? <p aria-busy="true">Loading people…</p> : null}
        {candidates.map((member) => (
          <label key={member.userId} className="review-request__person">
            <input
              type="checkbox"
              name="reviewers"
              value={member.userId}
              checked={chosen.has(member.userId)}
              onChange={(event) => toggle(member.userId, event.target.checked)}
            />{' '}
            {member.name} <span className="review-request__role">{PROJECT_ROLE_LABELS[member.role]}</span>
          </label>
        ))}
      </fieldset>
      <div className="form__actions">
        <button
          className="button button--secondary button--small"
          type="submit"
          disabled={ask.isPending || !candidates.some((member) => chosen.has(member.userId))}
        >
          Request review
        </button>
      </div>
    </form>
  );
}
