import { NavLink } from 'react-router-dom';
import { OrganizationSwitcher } from './OrganizationSwitcher';

interface NavItem {
  to: string;
  label: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/projects', label: 'Projects' },
  { to: '/messages', label: 'Messages' },
  { to: '/documents', label: 'Documents' },
];

const ORGANIZATION_ITEMS: NavItem[] = [{ to: '/organizations', label: 'Organizations' }];

const ACCOUNT_ITEMS: NavItem[] = [
  { to: '/profile', label: 'Profile' },
  { to: '/settings/security', label: 'Security' },
];

function NavList({ items }: { items: NavItem[] }) {
  return (
    <ul className="side-nav__list">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} className="side-nav__link">
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function SideNav() {
  return (
    <nav className="side-nav" aria-label="Main">
      <OrganizationSwitcher />
      <NavList items={NAV_ITEMS} />
      <h2 className="side-nav__heading">Studio</h2>
      <NavList items={ORGANIZATION_ITEMS} />
      <h2 className="side-nav__heading">Account</h2>
      <NavList items={ACCOUNT_ITEMS} />
    </nav>
  );
}
