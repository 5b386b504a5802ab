import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { deleteOrganization } from '../../api/organizations';
import type { OrganizationView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { forgetOrganization } from '../../organizations/currentOrganization';
import { organizationKeys } from '../../organizations/queryKeys';

/** The owner deletes the organization and everything in it, after typing its slug. */
export function DeleteOrganizationSection({ organization }: { organization: OrganizationView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => deleteOrganization(organization.id),
    onSuccess: () => {
      forgetOrganization(organization.id);
      queryClient.removeQueries({ queryKey: organizationKeys.one(organization.id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
      navigate('/organizations', { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (typed.trim() === organization.slug) remove.mutate();
  }

  return (
    <section className="panel panel--danger" aria-labelledby="delete-org-title">
      <h3 className="panel__title" id="delete-org-title">
        Delete organization
      </h3>
      <p>This deletes {organization.name} with all its teams, projects and invitations. It cannot be undone.</p>
      <ErrorBanner error={remove.error} />
      {asking ? (
        <form className="form" onSubmit={submit}>
          <TextField
            label={`Type ${organization.slug} to confirm`}
            name="confirmSlug"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="form__actions">
            <button
              className="button button--danger"
              type="submit"
              disabled={remove.isPending || typed.trim() !== organization.slug}
            >
              Delete forever
            </button>
            <button className="button button--secondary" type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="panel__actions">
          <button className="button button--danger" type="button" onClick={() => setAsking(true)}>
            Delete organization
          </button>
        </div>
      )}
    </section>
  );
}
