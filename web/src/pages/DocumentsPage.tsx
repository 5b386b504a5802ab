import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';

export function DocumentsPage() {
  return (
    <>
      <PageHeading title="Documents" />
      <EmptyState title="No documents yet">
        <p>Briefs, notes and specs you write together in real time will be listed here.</p>
      </EmptyState>
    </>
  );
}
