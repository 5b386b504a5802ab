import { Link } from 'react-router-dom';
import { PRODUCT_NAME } from '../product';
import { AccountMenu } from './AccountMenu';

export function AppHeader() {
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
        <AccountMenu />
      </div>
    </header>
  );
}
