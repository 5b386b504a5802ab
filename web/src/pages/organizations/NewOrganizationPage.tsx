import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { createOrganization } from '../../api/organizations';
import type { NewOrganizationBody } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { PageHeading } from '../../components/PageHeading';
import { setCurrentOrganizationId } from '../../organizations/currentOrganization';
import { organizationKeys } from '../../organizations/queryKeys';
import { NEW_SLUG_HINT } from './slugHint';

const FIELDS = { name: 'name', slug: 'slug', description: 'description' } as const;

/** /organizations/new: the creator becomes the owner, and the new organization the current one. */
export function NewOrganizationPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createOrganization,
    onSuccess: (organization) => {
      setCurrentOrganizationId(organization.id);
      queryClient.setQueryData(organizationKeys.one(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
      navigate(`/organizations/${organization.id}`);
    },
  });
  // 409 slug_taken names the slug field, as do the 422s about it.
  const { fields, banner } = splitError(create.error, FIELDS, { slug_taken: 'slug' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input: NewOrganizationBody = { name: formText(form, 'name') };
    const slug = formText(form, 'slug');
    const description = formText(form, 'description');
    if (slug) input.slug = slug;
    if (description) input.description = description;
    create.mutate(input);
  }

  return (
    <>
      <PageHeading title="New organization" />
      <section className="panel" aria-labelledby="new-organization-title">
        <h3 className="panel__title" id="new-organization-title">
          Your studio's workspace
        </h3>
        <p className="panel__intro">
          An organization holds your projects, the people who work on them and your clients. You will be its owner.
        </p>
        <ErrorBanner error={banner} />
        <form className="form" onSubmit={submit}>
          <TextField label="Organization name" name="name" required maxLength={100} error={fields.name} />
          <TextField
            label="Slug"
            name="slug"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={60}
            hint={NEW_SLUG_HINT}
            error={fields.slug}
          />
          <TextField label="Description" name="description" hint="Optional." error={fields.description} />
          <button className="button button--primary" type="submit" disabled={create.isPending}>
            Create organization
          </button>
        </form>
      </section>
    </>
  );
}
