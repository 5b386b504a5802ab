import { useState, type FormEvent } from 'react';
import { TextAreaField } from '../../components/Field';

interface EditMessageFormProps {
  body: string;
  busy: boolean;
  onSave: (body: string) => void;
  onCancel: () => void;
}

/** Edits one's own message in place. */
export function EditMessageForm({ body, busy, onSave, onCancel }: EditMessageFormProps) {
  const [text, setText] = useState(body);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim()) onSave(text.trim());
  }
  return (
    <form className="form message__edit" onSubmit={submit}>
      <TextAreaField
        label="Edit message"
        rows={2}
        required
        maxLength={10_000}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
        autoFocus
      />
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={busy || !text.trim()}>
          Save
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
