import { Link, NavLink, useLocation } from 'react-router-dom';

/** The project's sections; "Board" stays current while one of its tasks is open. */
export function ProjectTabs({ projectId }: { projectId: string }) {
  const { pathname } = useLocation();
  const base = `/projects/${projectId}`;
  const onBoard = pathname === base || pathname === `${base}/` || pathname.startsWith(`${base}/tasks/`);
  const tabs = [
    { to: `${base}/milestones`, label: 'Milestones' },
    // Also current inside one of its documents.
    { to: `${base}/documents`, label: 'Documents' },
    // Also current inside one of its files.
    { to: `${base}/files`, label: 'Files' },
    { to: `${base}/members`, label: 'Members' },
    { to: `${base}/activity`, label: 'Activity' },
  ];
  return (
    <nav className="tabs" aria-label="Project sections">
      <Link to={base} className={onBoard ? 'tabs__link active' : 'tabs__link'} aria-current={onBoard ? 'page' : undefined}>
        Board
      </Link>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} className="tabs__link">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
