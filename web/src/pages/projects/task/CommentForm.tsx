import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { postComment } from '../../../api/comments';
import type { ProjectMemberView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { TextAreaField } from '../../../components/Field';
import { splitError } from '../../../components/fieldErrors';
import { projectKeys } from '../../../projects/queryKeys';
import { MentionPicker } from './MentionPicker';
import { mentionedIn, mentionOf } from './mentions';

interface CommentFormProps {
  projectId: string;
  taskId: string;
  members: readonly ProjectMemberView[];
}

/** A new comment (Markdown); `@Name` of someone on the project mentions them. */
export function CommentForm({ projectId, taskId, members }: CommentFormProps) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const post = useMutation({
    mutationFn: (text: string) => postComment(projectId, taskId, text, mentionedIn(text, members)),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: projectKeys.comments(projectId, taskId) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.activity(projectId) });
    },
  });
  const { fields, banner } = splitError(post.error, { body: 'body', mentions: 'body' });

  function insertMention(member: ProjectMemberView) {
    const textarea = field.current;
    const at = textarea ? textarea.selectionStart : body.length;
    const before = body.slice(0, at);
    const spacer = before && !/\s$/.test(before) ? ' ' : '';
    const mention = `${spacer}${mentionOf(member)}`;
    setBody(`${before}${mention}${body.slice(at)}`);
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(at + mention.length, at + mention.length);
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim()) post.mutate(body.trim());
  }

  return (
    <form className="form comment-form" onSubmit={submit} aria-label="New comment">
      <ErrorBanner error={banner} />
      <TextAreaField
        ref={field}
        label="Comment"
        name="body"
        rows={3}
        required
        maxLength={5000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        hint="Markdown works; @Name mentions someone on the project."
        error={fields.body}
      />
      <MentionPicker members={members} onPick={insertMention} />
      <div className="form__actions">
        <button className="button button--primary" type="submit" disabled={post.isPending || !body.trim()}>
          Post comment
        </button>
      </div>
    </form>
  );
}
