import type { StorageView } from '../api/schema';
import { formatSize } from '../files/formatSize';

/** An organization's storage in words, and how full it is when there is a quota. */
export interface StorageUsage {
  /** "12 MB used of 1 GB", or "12 MB used" without a quota. */
  words: string;
  /** 0–100 of the quota (past it still 100); null without a quota. */
  percent: number | null;
}

export function storageUsage({ usedBytes, quotaBytes }: StorageView, locale?: string): StorageUsage {
  const used = `${formatSize(usedBytes, locale)} used`;
  if (quotaBytes === null || quotaBytes === undefined) return { words: used, percent: null };
  // A quota of nothing is full from the start.
  const percent = quotaBytes > 0 ? Math.min(100, (Math.max(0, usedBytes) / quotaBytes) * 100) : 100;
  return { words: `${used} of ${formatSize(quotaBytes, locale)}`, percent };
}
