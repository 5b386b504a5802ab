import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';

/** The server said no (4xx): asking again will not change its mind. */
function worthRetrying(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 3;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: worthRetrying,
    },
  },
});
