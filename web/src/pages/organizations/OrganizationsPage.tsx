import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeading } from '../../components/PageHeading';
import { setCurrentOrganizationId } from '../../organizations/currentOrganization';
import { useOrganizations } from '../../organizations/queries';
import { ROLE_LABELS } from '../../organizations/roles';

/** /organizations: every organization the user belongs to, with their role in it. */
export function OrganizationsPage() {
  const organizations = useOrganizations();

  return (
    <>
      <PageHeading title="Organizations" />
      <ErrorBanner error={organizations.error} />
      {organizations.isPending ? <p aria-busy="true">Loading organizations…</p> : null}
      {organizations.data?.length === 0 ? (
        <EmptyState title="You are not in an organization yet">
          <p>Create one for your studio, or open the link in an invitation you received.</p>
        </EmptyState>
      ) : null}
      {organizations.data?.length ? (
        <ul className="item-list" aria-label="Your organizations">
          {organizations.data.map((organization) => (
            <li className="item-list__item" key={organization.id}>
              <div className="item-list__text">
                <Link
                  className="item-list__title"
                  to={`/organizations/${organization.id}`}
                  onClick={() => setCurrentOrganizationId(organization.id)}
                >
                  {organization.name}
                </Link>
                <p className="item-list__meta">
                  {organization.slug}
                  {organization.memberCount != null
                    ? ` · ${organization.memberCount} ${organization.memberCount === 1 ? 'member' : 'members'}`
                    : ''}
                </p>
              </div>
              <span className="role-tag">{ROLE_LABELS[organization.role]}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link className="button button--primary" to="/organizations/new">
          New organization
        </Link>
      </p>
    </>
  );
}
