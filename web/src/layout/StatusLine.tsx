import { describeHealth } from '../health/describeHealth';
import { useHealth } from '../health/useHealth';

/** The footer: what the server says about itself, refreshed every 15 seconds. */
export function StatusLine() {
  const { data, isError, dataUpdatedAt } = useHealth();
  const summary = describeHealth({ report: data, failed: isError });
  const checkedAt = dataUpdatedAt ? new Date(dataUpdatedAt).toLocaleTimeString() : undefined;

  return (
    <footer className="status-line">
      <div
        className={`health health--${summary.tone}`}
        data-testid="health-status"
        data-status={summary.status}
        role="status"
        aria-live="polite"
        title={checkedAt ? `Last checked at ${checkedAt}` : undefined}
      >
        <span className="health__dot" aria-hidden="true" />
        <span className="health__word">{summary.status}</span>
        {summary.details.map((detail) => (
          <span className="health__detail" key={detail}>
            <span className="health__separator" aria-hidden="true">
              {' · '}
            </span>
            {detail}
          </span>
        ))}
      </div>
    </footer>
  );
}
