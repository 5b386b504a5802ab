import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PinBody, ReviewCommentView } from '../../../../api/schema';
import { ErrorBanner } from '../../../../components/ErrorBanner';
import { TextAreaField } from '../../../../components/Field';
import { splitError } from '../../../../components/fieldErrors';
import { usePostReviewComment } from '../../../../files/reviewMutations';
import { useProjectOutlet } from '../../../../projects/projectContext';
import { useProjectMembers } from '../../../../projects/queries';
import { mentionedIn } from '../../task/mentions';

interface ReviewCommentFormProps {
  fileId: string;
  number: number;
  /** The form's name, its field's label and its button. */
  name: string;
  label: string;
  submitLabel: string;
  /** A reply to this thread's root. */
  parentId?: string;
  /** A new thread pinned here on the image. */
  pin?: PinBody;
  autoFocus?: boolean;
  hint?: string;
  onPosted?: (comment: ReviewCommentView) => void;
  /** Shows "Cancel" (and Escape cancels). */
  onCancel?: () => void;
}

/**
 * A new review comment on a version (Markdown): a thread of its own, pinned or not, or a reply.
 * `@Name` of someone on the project mentions them.
 */
export function ReviewCommentForm(props: ReviewCommentFormProps) {
  const { fileId, number, name, label, submitLabel, parentId, pin, autoFocus, hint, onPosted, onCancel } = props;
  const project = useProjectOutlet();
  const members = useProjectMembers(project.id);
  const [body, setBody] = useState('');
  const post = usePostReviewComment(fileId, number);
  const { fields, banner } = splitError(post.error, { body: 'body', mentions: 'body' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    const mentions = mentionedIn(text, members.data ?? []);
    post.mutate(
      { body: text, mentions, ...(parentId ? { parentId } : {}), ...(pin ? { pin } : {}) },
      {
        onSuccess: (comment) => {
          setBody('');
          onPosted?.(comment);
        },
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form className="form review-comment-form" aria-label={name} onSubmit={submit} onKeyDown={onKeyDown}>
      <ErrorBanner error={banner} />
      <TextAreaField
        label={label}
        name="body"
        rows={2}
        required
        maxLength={5000}
        value={body}
        autoFocus={autoFocus}
        hint={hint}
        onChange={(event) => setBody(event.target.value)}
        error={fields.body}
      />
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={post.isPending || !body.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button className="button button--secondary button--small" type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
