import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { saveSnapshot } from '../../../api/documents';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { TextField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';
import { documentKeys } from '../../../documents/queryKeys';

const FIELDS = { name: 'name' } as const;

/** "Save version": the text as the server has it now, under a name, to come back to. */
export function SaveVersionForm({ documentId }: { documentId: string }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (name: string) => saveSnapshot(documentId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.snapshots(documentId) }),
  });
  const { fields, banner } = splitError(save.error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    save.mutate(formText(form, 'name'), { onSuccess: () => form.reset() });
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form form--inline" onSubmit={submit}>
        <TextField label="Version name" name="name" required maxLength={200} error={fields.name} />
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          Save version
        </button>
      </form>
    </>
  );
}
