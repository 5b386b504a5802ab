import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

export function MessagesPage() {
  return (
    <>
      <PageHeading title="Messages" />
      <EmptyState title="No conversations yet">
        <p>Direct messages and project channels with your team and clients will show up here.</p>
      </EmptyState>
    </>
  );
}
