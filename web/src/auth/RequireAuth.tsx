import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from './authContext';
import { loginPathFor } from './nextPath';

/**
 * Guards the workspace pages. Renders nothing while the start-up refresh decides (so a
 * signed-in reload never flashes the login page), then the page or a redirect to login
 * that remembers where the visitor was, unless they just signed out on purpose.
 */
export function RequireAuth() {
  const { status, endedBy } = useAuth();
  const location = useLocation();

  if (status === 'loading') return null;
  if (status === 'anonymous') {
    return <Navigate to={endedBy === 'user' ? '/login' : loginPathFor(location)} replace />;
  }
  return <Outlet />;
}
