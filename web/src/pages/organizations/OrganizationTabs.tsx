import { NavLink } from 'react-router-dom';
import type { OrganizationView } from '../../api/schema';

/** The organization's sections; Invitations only for those who manage them (who may invite a member). */
export function OrganizationTabs({ organization }: { organization: OrganizationView }) {
  const base = `/organizations/${organization.id}`;
  const tabs = [
    { to: base, label: 'Overview', end: true },
    { to: `${base}/members`, label: 'Members' },
    ...(organization.can.inviteRoles.includes('member') ? [{ to: `${base}/invitations`, label: 'Invitations' }] : []),
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
