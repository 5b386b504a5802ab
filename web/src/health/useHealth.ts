import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from '../api/health';

export const HEALTH_POLL_INTERVAL_MS = 15_000;

/**
 * Polls the server's health every 15 seconds. Failed checks are not retried in a
 * burst: the next poll is the retry, so the status line turns "unreachable" promptly.
 */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: HEALTH_POLL_INTERVAL_MS,
    retry: false,
  });
}
