import { useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeading } from '../../components/PageHeading';
import { setCurrentOrganizationId } from '../../organizations/currentOrganization';
import type { OrganizationOutlet } from '../../organizations/organizationContext';
import { useOrganization } from '../../organizations/queries';
import { ROLE_LABELS } from '../../organizations/roles';
import { OrganizationTabs } from './OrganizationTabs';

/**
 * /organizations/:orgId and its tabs: loads the organization (with the caller's role, which
 * decides what the tabs offer) and makes it the current one.
 */
export function OrganizationPage() {
  const { orgId = '' } = useParams();
  const organization = useOrganization(orgId);
  const found = organization.isSuccess;

  useEffect(() => {
    if (found) setCurrentOrganizationId(orgId);
  }, [found, orgId]);

  if (organization.isPending) return <p aria-busy="true">Loading organization…</p>;
  if (organization.isError) {
    // Outsiders get the same 404 as for an organization that does not exist.
    if (organization.error instanceof ApiError && organization.error.status === 404) {
      return (
        <>
          <PageHeading title="Organization not found" />
          <EmptyState title="There is no organization here for you">
            <p>
              It may have been deleted, or you are not one of its members. See <Link to="/organizations">your organizations</Link>.
            </p>
          </EmptyState>
        </>
      );
    }
    return <ErrorBanner error={organization.error} />;
  }

  const org = organization.data;
  const outlet: OrganizationOutlet = { organization: org };
  return (
    <>
      <div className="org-heading">
        <PageHeading title={org.name} />
        <p className="org-heading__meta">
          <span className="org-heading__slug" title="Slug">
            {org.slug}
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            Your role: <strong>{ROLE_LABELS[org.role]}</strong>
          </span>
        </p>
      </div>
      <OrganizationTabs organization={org} />
      <Outlet context={outlet} />
    </>
  );
}
