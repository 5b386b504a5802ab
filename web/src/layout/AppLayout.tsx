import { Outlet } from 'react-router-dom';
import { useAuth } from '../auth/authContext';
import { LiveUpdates } from '../realtime/LiveUpdates';
import { ReconnectingBanner } from '../realtime/ReconnectingBanner';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { StatusLine } from './StatusLine';

/**
 * The frame every page lives in: header on top, navigation left (once signed in: its
 * pages need an account), status line at the bottom. Signed in, the sockets are connected
 * and their events heard on every page; "Reconnecting…" shows while one is coming back.
 */
export function AppLayout() {
  const { status, user } = useAuth();
  const signedIn = status === 'authenticated';
  return (
    <RealtimeProvider>
      {signedIn && user ? <LiveUpdates key={user.id} me={user.id} /> : null}
      <div className={signedIn ? 'app-shell' : 'app-shell app-shell--no-nav'}>
        <AppHeader />
        {signedIn ? <SideNav /> : null}
        <main className="app-main" id="main-content">
          <Outlet />
        </main>
        <StatusLine />
      </div>
      <ReconnectingBanner />
    </RealtimeProvider>
  );
}
