import type { FormEvent } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';

const FIELDS = { name: 'name' } as const;

/** The server's limit, in characters. */
const NAME_MAX_LENGTH = 255;

interface FileNameFormProps {
  name: string;
  pending: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}

/** A file's new name; the server's word on it shows on the field. */
export function FileNameForm({ name, pending, error, onSubmit, onCancel }: FileNameFormProps) {
  const { fields, banner } = splitError(error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(formText(event.currentTarget, 'name'));
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form form--inline" onSubmit={submit}>
        <TextField
          label="File name"
          name="name"
          defaultValue={name}
          required
          maxLength={NAME_MAX_LENGTH}
          error={fields.name}
          autoFocus
        />
        <button className="button button--primary" type="submit" disabled={pending}>
          Save name
        </button>
        <button className="button button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </>
  );
}
