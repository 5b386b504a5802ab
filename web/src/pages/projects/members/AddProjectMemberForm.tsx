import type { FormEvent } from 'react';
import type { MemberView } from '../../../api/schema';
import type { ProjectRole } from '../../../api/vocabularies';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField } from '../../../components/Field';
import { formText, splitError } from '../../../components/fieldErrors';
import { optionsOf, PROJECT_ROLE_LABELS, PROJECT_ROLES } from '../../../projects/vocabulary';

interface AddProjectMemberFormProps {
  /** Organization members not on the project yet. */
  candidates: readonly MemberView[];
  pending: boolean;
  error: unknown;
  onAdd: (userId: string, role: ProjectRole, form: HTMLFormElement) => void;
}

/** A lead puts someone from the organization on the project, with a project role. */
export function AddProjectMemberForm({ candidates, pending, error, onAdd }: AddProjectMemberFormProps) {
  const { fields, banner } = splitError(error, { userId: 'userId', role: 'role' });

  if (candidates.length === 0) {
    return <p className="panel__intro">Everyone in the organization is on this project.</p>;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const userId = formText(form, 'userId');
    if (userId) onAdd(userId, formText(form, 'role') as ProjectRole, form);
  }

  return (
    <>
      <ErrorBanner error={banner} />
      <form className="form form--inline" onSubmit={submit}>
        <SelectField
          label="Add a member"
          name="userId"
          required
          defaultValue=""
          options={[
            { value: '', label: 'Someone in the organization…' },
            ...candidates.map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` })),
          ]}
          error={fields.userId}
        />
        <SelectField
          label="Project role"
          name="role"
          defaultValue="editor"
          options={optionsOf(PROJECT_ROLES, PROJECT_ROLE_LABELS)}
          error={fields.role}
        />
        <button className="button button--primary" type="submit" disabled={pending}>
          Add to project
        </button>
      </form>
    </>
  );
}
