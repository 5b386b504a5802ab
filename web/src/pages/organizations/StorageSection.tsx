import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { useStorage } from '../../organizations/queries';
import { storageUsage } from '../../organizations/storageUsage';

/** What the organization's files take: "X used of Y" with a bar under a quota, "X used" without one. */
export function StorageSection({ organizationId }: { organizationId: string }) {
  const storage = useStorage(organizationId);
  const usage = storage.data ? storageUsage(storage.data) : null;
  return (
    <section className="panel" aria-labelledby="org-storage-title">
      <h3 className="panel__title" id="org-storage-title">
        Storage
      </h3>
      <p className="panel__intro">Every version of every file in the organization’s projects counts.</p>
      {storage.isPending ? <p aria-busy="true">Loading storage…</p> : null}
      {storage.isError ? <ErrorBanner error={storage.error} /> : null}
      {usage ? (
        <>
          <p>{usage.words}</p>
          {usage.percent !== null ? <ProgressBar value={usage.percent} label="Storage used" /> : null}
        </>
      ) : null}
    </section>
  );
}
