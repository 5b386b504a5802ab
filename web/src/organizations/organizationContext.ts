import { useOutletContext } from 'react-router-dom';
import type { Organization } from '../api/workspaceTypes';

/** What OrganizationPage hands the tab below it: the organization, with the caller's role. */
export interface OrganizationOutlet {
  organization: Organization;
}

export function useOrganizationOutlet(): Organization {
  return useOutletContext<OrganizationOutlet>().organization;
}
