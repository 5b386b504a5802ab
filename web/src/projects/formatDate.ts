const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * A calendar date from the API (`YYYY-MM-DD`) in the reader's locale. Read and written in
 * UTC, so it shows the same day in every time zone.
 */
export function formatDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : FORMAT.format(parsed);
}

/** Today as `YYYY-MM-DD` in the reader's zone, to tell overdue dates. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
