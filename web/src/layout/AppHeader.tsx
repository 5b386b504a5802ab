import { Link } from 'react-router-dom';
import { useAuth } from '../auth/authContext';
import { PRODUCT_NAME } from '../product';
import { AccountMenu } from './AccountMenu';
import { NotificationBell } from './NotificationBell';

export function AppHeader() {
  const { status } = useAuth();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <Link to="/" className="brand" aria-label={`${PRODUCT_NAME} home`}>
        <span className="brand__mark" aria-hidden="true">
          F
        </span>
        <h1 className="brand__name">{PRODUCT_NAME}</h1>
      </Link>
      <div className="app-header__end">
        <a className="app-header__link" href="/api/docs">
          API docs
        </a>
        {status === 'authenticated' ? <NotificationBell /> : null}
        <AccountMenu />
      </div>
    </header>
  );
}
