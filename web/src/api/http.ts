import { forgetCsrfToken, getCsrfToken } from './csrf';
import { ApiError, errorFromResponse } from './errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  body?: unknown;
  /** The access token to send as `Authorization: Bearer`; none for public endpoints. */
  bearer?: string | null;
  signal?: AbortSignal;
}

const UNSAFE: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_ERRORS: ReadonlySet<string> = new Set(['csrf_token_missing', 'csrf_token_invalid']);

/**
 * One JSON request to the API: sends cookies, the CSRF header on unsafe methods and the
 * bearer token when given; answers the parsed body or throws an ApiError. A refused CSRF
 * token is fetched anew and the request retried once. Knows nothing about sessions; see
 * client.ts for requests that refresh an expired access token.
 */
export async function send<T>(method: Method, path: string, options: SendOptions = {}): Promise<T> {
  try {
    return await attempt<T>(method, path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && CSRF_ERRORS.has(error.code)) {
      forgetCsrfToken();
      return attempt<T>(method, path, options);
    }
    throw error;
  }
}

async function attempt<T>(method: Method, path: string, { body, bearer, signal }: SendOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // POST endpoints that take no fields still get `{}`: a JSON body is what they parse.
  const payload = body ?? (method === 'POST' ? {} : undefined);
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = await getCsrfToken();

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw ApiError.network();
  }
  if (!response.ok) throw await errorFromResponse(response);
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server answered with something that is not JSON.');
  }
}

/** A file the server sends as an attachment, with the name it suggests (if any). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | undefined;
}

/**
 * GET a file that needs the bearer token, so a plain link cannot fetch it: answers its
 * bytes and suggested name, or throws an ApiError like `send`.
 */
export async function fetchFile(path: string, bearer: string | null): Promise<DownloadedFile> {
  const headers: Record<string, string> = {};
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw ApiError.network();
  }
  if (!response.ok) throw await errorFromResponse(response);
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('Content-Disposition')) };
}

/** The file name in a Content-Disposition header; `filename*` (RFC 6266, UTF-8) wins. */
function attachmentName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}
