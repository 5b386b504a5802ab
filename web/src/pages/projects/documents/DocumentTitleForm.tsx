import type { FormEvent } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';

const FIELDS = { title: 'title' } as const;

/** The server's limit (longer titles are refused on `title`). */
export const TITLE_MAX_LENGTH = 200;

interface DocumentTitleFormProps {
  /** The current title when renaming. */
  title?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (title: string, form: HTMLFormElement) => void;
  onCancel?: () => void;
}

/** A document's title, new or changed; the server's word on it shows on the field. */
export function DocumentTitleForm({ title, submitLabel, pending, error, onSubmit, onCancel }: DocumentTitleFormProps) {
  const { fields, banner } = splitError(error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    onSubmit(formText(form, 'title'), form);
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form form--inline" onSubmit={submit}>
        <TextField
          label="Document title"
          name="title"
          defaultValue={title}
          required
          maxLength={TITLE_MAX_LENGTH}
          error={fields.title}
        />
        <button className="button button--primary" type="submit" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button className="button button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </form>
    </>
  );
}
