/**
 * The one error type every API call throws, so pages can show the server's words
 * (`message`), point at the field at fault (`field`) and say when to retry (429).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  /** The server's stable code, e.g. `invalid_credentials`. */
  readonly code: string;
  /** The request field at fault (camelCase, as sent), when the server named one. */
  readonly field: string | undefined;
  /** Seconds until a rate-limited request may be retried (from Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static network(): ApiError {
    return new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }

  /** A success whose body should have been JSON and was not. */
  static notJson(status: number): ApiError {
    return new ApiError(status, 'bad_response', 'The server answered with something that is not JSON.');
  }
}

/** Builds an ApiError from a failed response, whatever its body holds. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML page or an empty body: still an error the UI can show.
  }
  return errorFromBody(response.status, body, response.headers.get('Retry-After'));
}

/** The ApiError for a failed response's status, its body (already read) and its Retry-After header. */
export function errorFromBody(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (isRecord(body) && typeof body.error === 'string' && typeof body.message === 'string') {
    const field = typeof body.field === 'string' ? body.field : undefined;
    return new ApiError(status, body.error, body.message, field, retryAfter);
  }
  return new ApiError(status, 'http_error', `The server answered HTTP ${status}.`, undefined, retryAfter);
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
