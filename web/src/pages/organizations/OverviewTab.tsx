import { useOrganizationOutlet } from '../../organizations/organizationContext';
import { formatDateTime } from '../account/formatDateTime';
import { DeleteOrganizationSection } from './DeleteOrganizationSection';
import { LeaveOrganizationSection } from './LeaveOrganizationSection';
import { OrganizationDetailsForm } from './OrganizationDetailsForm';
import { StorageSection } from './StorageSection';
import { TransferOwnershipSection } from './TransferOwnershipSection';

/** The organization's details (editable by the owner and admins), its storage, and leaving, handing over, deleting. */
export function OverviewTab() {
  const organization = useOrganizationOutlet();
  const { can } = organization;

  return (
    <>
      <section className="panel" aria-labelledby="org-details-title">
        <h3 className="panel__title" id="org-details-title">
          Details
        </h3>
        <dl className="facts">
          <dt>Slug</dt>
          <dd>{organization.slug}</dd>
          <dt>Description</dt>
          <dd>{organization.description ?? '—'}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(organization.createdAt)}</dd>
        </dl>
        {can.update ? <OrganizationDetailsForm organization={organization} /> : null}
      </section>
      <StorageSection organizationId={organization.id} />
      {can.transferOwnership ? <TransferOwnershipSection organization={organization} /> : null}
      <LeaveOrganizationSection organization={organization} allowed={can.leave} />
      {can.delete ? <DeleteOrganizationSection organization={organization} /> : null}
    </>
  );
}
