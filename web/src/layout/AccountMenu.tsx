import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/authContext';
import { signOut } from '../auth/session';

/**
 * The header's right side: who is signed in and "Sign out", or the ways in. Empty while
 * the start-up refresh decides, so it never flips from "Sign in" to a name.
 */
export function AccountMenu() {
  const { status, user } = useAuth();
  const leave = useMutation({ mutationFn: signOut });

  if (status === 'loading') return null;
  if (!user) {
    return (
      <nav className="account-menu" aria-label="Account">
        <Link className="app-header__link" to="/login">
          Sign in
        </Link>
        <Link className="button button--primary button--small" to="/signup">
          Create account
        </Link>
      </nav>
    );
  }
  return (
    <nav className="account-menu" aria-label="Account">
      <Link className="account-menu__user" to="/profile" title={user.email}>
        <span className="avatar" aria-hidden="true">
          {user.name.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <span className="account-menu__name">{user.name}</span>
      </Link>
      <button
        className="button button--secondary button--small"
        type="button"
        onClick={() => leave.mutate()}
        disabled={leave.isPending}
      >
        Sign out
      </button>
    </nav>
  );
}
