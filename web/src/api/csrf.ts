import { ApiError } from './errors';
import { publicApi, unwrap } from './http';

/**
 * The CSRF token for unsafe requests. Fetched lazily, once, and shared; the server also
 * sets the matching HttpOnly cookie on that response.
 */
let pending: Promise<string> | null = null;

export function getCsrfToken(): Promise<string> {
  pending ??= fetchCsrfToken().catch((error: unknown) => {
    // A failed fetch must not stick: the next request tries again.
    pending = null;
    throw error;
  });
  return pending;
}

/** Called when the server refuses the token (expired or rotated), so the next call fetches a new one. */
export function forgetCsrfToken(): void {
  pending = null;
}

/** A GET, so `send` asks for no token to fetch one. */
async function fetchCsrfToken(): Promise<string> {
  const body = await unwrap(publicApi.GET('/api/csrf-token'));
  if (typeof body?.csrfToken !== 'string') {
    throw new ApiError(200, 'bad_response', 'The server answered without a CSRF token.');
  }
  return body.csrfToken;
}
