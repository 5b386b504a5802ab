import { useOutletContext } from 'react-router-dom';
import type { OrganizationView } from '../api/schema';

/** What OrganizationPage hands the tab below it: the organization, with the caller's role. */
export interface OrganizationOutlet {
  organization: OrganizationView;
}

export function useOrganizationOutlet(): OrganizationView {
  return useOutletContext<OrganizationOutlet>().organization;
}
