import { NavLink } from 'react-router-dom';

interface NavItem {
  to: string;
  label: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/projects', label: 'Projects' },
  { to: '/messages', label: 'Messages' },
  { to: '/documents', label: 'Documents' },
];

export function SideNav() {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul className="side-nav__list">
        {NAV_ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="side-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
