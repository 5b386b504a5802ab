import { NavLink } from 'react-router-dom';
import type { Organization } from '../../api/workspaceTypes';
import { canManageInvitations } from '../../organizations/permissions';

/** The organization's sections; Invitations only for those who manage them. */
export function OrganizationTabs({ organization }: { organization: Organization }) {
  const base = `/organizations/${organization.id}`;
  const tabs = [
    { to: base, label: 'Overview', end: true },
    { to: `${base}/members`, label: 'Members' },
    ...(canManageInvitations(organization.role) ? [{ to: `${base}/invitations`, label: 'Invitations' }] : []),
    { to: `${base}/teams`, label: 'Teams' },
    { to: `${base}/activity`, label: 'Activity' },
  ];
  return (
    <nav className="tabs" aria-label="Organization sections">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className="tabs__link">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
