import { useState } from 'react';
import type { ReviewView } from '../../../../api/schema';
import type { ReviewDecision } from '../../../../api/vocabularies';
import { useAuth } from '../../../../auth/authContext';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { TextAreaField } from '../../../../components/Field';
import { splitError } from '../../../../components/fieldErrors';
import { useDecideReview } from '../../../../files/reviewMutations';
import { DECISION_WORDS } from '../../../../files/vocabulary';

interface DecisionFormProps {
  fileId: string;
  projectId: string;
  number: number;
  review: ReviewView;
}

/** Approve the version or ask for changes, with an optional note; a later decision replaces the caller's earlier one. */
export function DecisionForm({ fileId, projectId, number, review }: DecisionFormProps) {
  const { user } = useAuth();
  const [note, setNote] = useState('');
  const decide = useDecideReview(fileId, number, projectId);
  const { fields, banner } = splitError(decide.error, { note: 'note' });
  const mine = review.decisions.find((decision) => decision.reviewerId === user?.id);

  const send = (decision: ReviewDecision) => {
    const text = note.trim();
    decide.mutate({ decision, ...(text ? { note: text } : {}) }, { onSuccess: () => setNote('') });
  };

  return (
    <form className="form review-decide" aria-label="Your decision" onSubmit={(event) => event.preventDefault()}>
      {mine ? <p className="panel__intro">You {DECISION_WORDS[mine.decision]}; deciding again replaces it.</p> : null}
      <ErrorBanner error={banner} />
      <TextAreaField
        label="Note (optional)"
        name="note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fields.note}
      />
      <div className="form__actions">
        <button
          className="button button--primary button--small"
          type="button"
          disabled={decide.isPending}
          onClick={() => send('approved')}
        >
          Approve
        </button>
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={decide.isPending}
          onClick={() => send('changes_requested')}
        >
          Request changes
        </button>
      </div>
    </form>
  );
}
