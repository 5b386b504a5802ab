import { NavLink } from 'react-router-dom';
import { useUnreadTotal } from '../messaging/queries';
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

function NavList({ items, badges = {} }: { items: NavItem[]; badges?: Record<string, number> }) {
  return (
    <ul className="side-nav__list">
      {items.map((item) => {
        const count = badges[item.to] ?? 0;
        return (
          <li key={item.to}>
            <NavLink
              to={item.to}
              className="side-nav__link"
              aria-label={count > 0 ? `${item.label}, ${count} unread` : undefined}
            >
              {item.label}
              {count > 0 ? (
                <span className="count-badge" aria-hidden="true">
                  {count > 99 ? '99+' : count}
                </span>
              ) : null}
            </NavLink>
          </li>
        );
      })}
    </ul>
  );
}

export function SideNav() {
  // Kept current by the live messaging events (see useMessagingLive).
  const unreadMessages = useUnreadTotal();
  return (
    <nav className="side-nav" aria-label="Main">
      <OrganizationSwitcher />
      <NavList items={NAV_ITEMS} badges={{ '/messages': unreadMessages }} />
      <h2 className="side-nav__heading">Studio</h2>
      <NavList items={ORGANIZATION_ITEMS} />
      <h2 className="side-nav__heading">Account</h2>
      <NavList items={ACCOUNT_ITEMS} />
    </nav>
  );
}
