import createClient from 'openapi-fetch';
import { forgetCsrfToken, getCsrfToken } from './csrf';
import { ApiError, errorFromBody, errorFromResponse } from './errors';
import type { paths } from './schema';

/**
 * The transport under the typed clients: `createClient<paths>()` builds each request from
 * the OpenAPI types (path, parameters and body checked by the compiler) and hands it to
 * `send`, which is the only place requests are sent and retried. Knows nothing about
 * sessions; client.ts wraps `send` for requests that refresh an expired access token.
 */

const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_ERRORS: ReadonlySet<string> = new Set(['csrf_token_missing', 'csrf_token_invalid']);
const JSON_TYPE = 'application/json';

/** A request as openapi-fetch built it, read once so that it can be sent again. */
export interface Outgoing {
  method: string;
  url: string;
  /** What the caller reads: JSON unless it asked for something else (a file). */
  accept: string;
  body: string | undefined;
  signal: AbortSignal;
}

export async function outgoing(request: Request): Promise<Outgoing> {
  const text = await request.text();
  return {
    method: request.method,
    url: request.url,
    accept: request.headers.get('Accept') ?? JSON_TYPE,
    // POST endpoints that take no fields still get `{}`: a JSON body is what they parse.
    body: text !== '' ? text : request.method === 'POST' ? '{}' : undefined,
    signal: request.signal,
  };
}

/**
 * Sends a request with cookies, the CSRF header on unsafe methods and the bearer token
 * when given; answers the response when it is a success (a JSON one checked to be JSON),
 * or throws an ApiError. A refused CSRF token is fetched anew and the request retried once.
 */
export function send(request: Outgoing, bearer: string | null): Promise<Response> {
  return withCsrfRetry(() => attempt(request, bearer));
}

/**
 * Runs `attempt` (which sends the CSRF token it gets from getCsrfToken), and once more with a
 * fresh token when the server refused it.
 */
async function withCsrfRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && CSRF_ERRORS.has(error.code)) {
      forgetCsrfToken();
      return attempt();
    }
    throw error;
  }
}

async function attempt({ method, url, accept, body, signal }: Outgoing, bearer: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = JSON_TYPE;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = await getCsrfToken();

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw ApiError.network();
  }
  if (!response.ok) throw await errorFromResponse(response);
  return accept === JSON_TYPE ? checkedJson(response) : response;
}

/** The response again, once its body is known to be JSON (or empty); 'bad_response' otherwise. */
async function checkedJson(response: Response): Promise<Response> {
  const text = await response.text();
  if (text) {
    try {
      JSON.parse(text);
    } catch {
      throw ApiError.notJson(response.status);
    }
  }
  const { status, statusText, headers } = response;
  return new Response(text || null, { status, statusText, headers });
}

/** The client for public endpoints (sign-in, sign-up, invitation previews, refresh): no bearer token. */
export const publicApi = createClient<paths>({ fetch: async (request) => send(await outgoing(request), null) });

/** What an openapi-fetch call answers: the parsed success body, or the error body. */
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The success body of a typed call, or an ApiError. `send` already throws for every failed
 * response, so the error branch only guards against a response that bypassed it.
 */
export async function unwrap<A extends Answer>(call: Promise<A>): Promise<NonNullable<A['data']>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw errorFromBody(response.status, error, response.headers.get('Retry-After'));
  }
  // An empty success body (204) comes back undefined; the types say so (`never`).
  return data as NonNullable<A['data']>;
}

/** A file the server sends as an attachment, with the name it suggests (if any). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | undefined;
}

/**
 * The file a typed call fetched with `parseAs: 'blob'` (and an `Accept` other than JSON, so
 * `send` leaves its bytes alone): its bytes and suggested name, or an ApiError.
 */
export async function unwrapFile(call: Promise<Answer & { data?: Blob }>): Promise<DownloadedFile> {
  const blob = await unwrap(call);
  const { response } = await call;
  return { blob, filename: attachmentName(response.headers.get('Content-Disposition')) };
}

/** A file response's bytes and the name it suggests, for a request sent without openapi-fetch. */
export async function downloaded(response: Response): Promise<DownloadedFile> {
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('Content-Disposition')) };
}

/** The file name in a Content-Disposition header; `filename*` (RFC 6266, UTF-8) wins. */
export function attachmentName(header: string | null): string | undefined {
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
