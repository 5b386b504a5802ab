import { pickCurrent, useCurrentOrganizationId } from './currentOrganization';
import { useOrganizations } from './queries';

/** The organization being worked in (the switcher's), with the query that lists them all. */
export function useCurrentOrganization() {
  const organizations = useOrganizations();
  const currentId = useCurrentOrganizationId();
  const current = organizations.data ? pickCurrent(organizations.data, currentId) : undefined;
  return { organizations, current };
}
