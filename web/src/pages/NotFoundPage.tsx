import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  const { pathname } = useLocation();

  return (
    <>
      <PageHeading title="Page not found" />
      <EmptyState title="There is nothing at this address">
        <p>
          <code>{pathname}</code> does not match any page. Check the link, or go back to{' '}
          <Link to="/projects">your projects</Link>.
        </p>
      </EmptyState>
    </>
  );
}
