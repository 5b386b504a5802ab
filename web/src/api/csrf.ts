import { ApiError, errorFromResponse, isRecord } from './errors';

/**
 * The CSRF token for unsafe requests that carry no bearer token. Fetched lazily, once,
 * and shared; the server also sets the matching HttpOnly cookie on that response.
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

async function fetchCsrfToken(): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/csrf-token', {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw ApiError.network();
  }
  if (!response.ok) throw await errorFromResponse(response);
  const body: unknown = await response.json();
  if (!isRecord(body) || typeof body.csrfToken !== 'string') {
    throw new ApiError(response.status, 'bad_response', 'The server answered without a CSRF token.');
  }
  return body.csrfToken;
}
