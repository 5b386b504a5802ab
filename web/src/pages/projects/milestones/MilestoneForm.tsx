import type { FormEvent } from 'react';
import type { MilestoneChangeBody, MilestoneView } from '../../../api/schema';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { TextAreaField, TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';

const FIELDS = { title: 'title', description: 'description', dueDate: 'dueDate' } as const;

interface MilestoneFormProps {
  /** The milestone being edited; none for a new one. */
  milestone?: MilestoneView;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** What changed (all of it for a new milestone); emptied fields are null. */
  onSubmit: (values: MilestoneChangeBody & { title: string }, form: HTMLFormElement) => void;
  onCancel?: () => void;
}

/** Title, description and due date of a milestone, new or edited. */
export function MilestoneForm({ milestone, submitLabel, pending, error, onSubmit, onCancel }: MilestoneFormProps) {
  const { fields, banner } = splitError(error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    onSubmit(
      {
        title: formText(form, 'title'),
        description: formText(form, 'description') || null,
        dueDate: formText(form, 'dueDate') || null,
      },
      form,
    );
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField label="Milestone title" name="title" defaultValue={milestone?.title} required maxLength={300} error={fields.title} />
        <TextAreaField label="Description" name="description" rows={2} defaultValue={milestone?.description ?? ''} error={fields.description} />
        <TextField label="Due date" name="dueDate" type="date" defaultValue={milestone?.dueDate ?? ''} error={fields.dueDate} />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={pending}>
            {submitLabel}
          </button>
          {onCancel ? (
            <button className="button button--secondary" type="button" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
