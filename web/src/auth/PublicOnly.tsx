import { Navigate, Outlet, useSearchParams } from 'react-router-dom';
import { useAuth } from './authContext';
import { safeNextPath } from './nextPath';

/** Login and signup: a signed-in visitor goes straight on to `next` (or home). */
export function PublicOnly() {
  const { status } = useAuth();
  const [params] = useSearchParams();

  if (status === 'loading') return null;
  if (status === 'authenticated') return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return <Outlet />;
}
