import { Outlet } from 'react-router-dom';
import { useAuth } from '../auth/authContext';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { StatusLine } from './StatusLine';

/**
 * The frame every page lives in: header on top, navigation left (once signed in: its
 * pages need an account), status line at the bottom.
 */
export function AppLayout() {
  const { status } = useAuth();
  const signedIn = status === 'authenticated';
  return (
    <div className={signedIn ? 'app-shell' : 'app-shell app-shell--no-nav'}>
      <AppHeader />
      {signedIn ? <SideNav /> : null}
      <main className="app-main" id="main-content">
        <Outlet />
      </main>
      <StatusLine />
    </div>
  );
}
