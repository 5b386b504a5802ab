import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { updateOrganization } from '../../api/organizations';
import type { OrganizationChangeBody, OrganizationView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { Notice } from '../../components/Notice';
import { organizationKeys } from '../../organizations/queryKeys';
import { SLUG_RULE } from './slugHint';

const FIELDS = { name: 'name', slug: 'slug', description: 'description' } as const;

/** Only what changed goes to the server; an emptied description is sent as null (cleared). */
function changesFrom(form: HTMLFormElement, organization: OrganizationView): OrganizationChangeBody {
  const changes: OrganizationChangeBody = {};
  const name = formText(form, 'name');
  const slug = formText(form, 'slug');
  const description = formText(form, 'description') || null;
  if (name !== organization.name) changes.name = name;
  if (slug !== organization.slug) changes.slug = slug;
  if (description !== (organization.description ?? null)) changes.description = description;
  return changes;
}

/** Rename the organization, change its slug or description (owner and admins). */
export function OrganizationDetailsForm({ organization }: { organization: OrganizationView }) {
  const queryClient = useQueryClient();
  const [unchanged, setUnchanged] = useState(false);
  const save = useMutation({
    mutationFn: (changes: OrganizationChangeBody) => updateOrganization(organization.id, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(organizationKeys.one(organization.id), updated);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.activity(organization.id) });
    },
  });
  const { fields, banner } = splitError(save.error, FIELDS, { slug_taken: 'slug' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesFrom(event.currentTarget, organization);
    // The server would record an empty change as an update in the activity feed.
    const nothing = Object.keys(changes).length === 0;
    setUnchanged(nothing);
    if (nothing) save.reset();
    else save.mutate(changes);
  }

  return (
    <>
      {save.isSuccess ? <Notice tone="success">The organization is saved.</Notice> : null}
      {unchanged ? <Notice>Nothing has changed.</Notice> : null}
      <ErrorBanner error={banner} />
      {/* Re-mounted when the saved values change, so the fields show what the server kept. */}
      <form className="form" onSubmit={submit} key={organization.updatedAt}>
        <TextField
          label="Organization name"
          name="name"
          defaultValue={organization.name}
          required
          maxLength={100}
          error={fields.name}
        />
        <TextField
          label="Slug"
          name="slug"
          defaultValue={organization.slug}
          required
          autoCapitalize="off"
          spellCheck={false}
          maxLength={60}
          hint={SLUG_RULE}
          error={fields.slug}
        />
        <TextField
          label="Description"
          name="description"
          defaultValue={organization.description ?? ''}
          error={fields.description}
        />
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          Save changes
        </button>
      </form>
    </>
  );
}
