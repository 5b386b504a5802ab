import { Outlet } from 'react-router-dom';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { StatusLine } from './StatusLine';

/** The frame every page lives in: header on top, navigation left, status line at the bottom. */
export function AppLayout() {
  return (
    <div className="app-shell">
      <AppHeader />
      <SideNav />
      <main className="app-main" id="main-content">
        <Outlet />
      </main>
      <StatusLine />
    </div>
  );
}
