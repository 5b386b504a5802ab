import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

/** Shown inside the layout when a page throws while rendering or loading. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';

  return (
    <>
      <PageHeading title="Something went wrong" />
      <EmptyState title="This page could not be shown">
        <p>{message}</p>
        <p>
          <Link to="/projects">Back to projects</Link>
        </p>
      </EmptyState>
    </>
  );
}
