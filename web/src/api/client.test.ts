import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADA, ORIGIN, SameOriginRequest } from './testing';
import type { ApiError } from './errors';

/**
 * The typed clients over a fake `fetch`: what goes out (cookies, CSRF, bearer, `{}`), what
 * comes back (JSON checked, errors as ApiError) and the two retries (a refused CSRF token,
 * an expired access token), each once.
 */


interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  init: RequestInit;
}

type Route = (request: Sent) => Response | Promise<Response>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const refusal = (status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json({ error, message: `refused: ${error}`, ...extra }, status, headers);

let sent: Sent[];
let routes: Map<string, Route[]>;
let csrfTokens: number;

/** Answers `method path` with the routes given, one per call, the last one repeating. */
function on(method: string, path: string, ...answers: Route[]) {
  routes.set(`${method} ${path}`, answers);
}

async function fakeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input), ORIGIN);
  const request: Sent = {
    method: init.method ?? 'GET',
    path: url.pathname + url.search,
    headers: { ...(init.headers as Record<string, string>) },
    body: init.body === undefined || init.body === null ? undefined : String(init.body),
    init,
  };
  sent.push(request);
  if (request.path === '/api/csrf-token') return json({ csrfToken: `csrf-${++csrfTokens}` });
  const answers = routes.get(`${request.method} ${url.pathname}`);
  if (!answers?.length) throw new Error(`unexpected ${request.method} ${request.path}`);
  const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
  return answer(request);
}

async function load() {
  vi.resetModules();
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  const [client, http, sessionStore, auth, documents] = await Promise.all([
    import('./client'),
    import('./http'),
    import('../auth/sessionStore'),
    import('./auth'),
    import('./documents'),
  ]);
  return { ...client, ...http, ...sessionStore, auth, documents };
}

const caught = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected a refusal');
  },
  (error: unknown) => error as ApiError,
);

beforeEach(() => {
  sent = [];
  routes = new Map();
  csrfTokens = 0;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the public client', () => {
  it('sends JSON with cookies, no-store and the CSRF header on unsafe methods', async () => {
    const { auth } = await load();
    on('POST', '/api/auth/forgot-password', () => json({ message: 'sent' }, 202));
    await expect(auth.forgotPassword('ada@example.com')).resolves.toEqual({ message: 'sent' });
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.body).toBe('{"email":"ada@example.com"}');
    expect(post.headers).toMatchObject({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-Token': 'csrf-1',
    });
    expect(post.headers.Authorization).toBeUndefined();
    expect(post.init).toMatchObject({ credentials: 'same-origin', cache: 'no-store' });
  });

  it('sends `{}` as the body of a POST without fields, and no CSRF header on a GET', async () => {
    const { auth, publicApi, unwrap } = await load();
    on('POST', '/api/auth/logout', () => json({ message: 'bye' }));
    await auth.logout();
    expect(sent.at(-1)).toMatchObject({ body: '{}', headers: { 'Content-Type': 'application/json' } });
    on('GET', '/api/invitations/abc%2F1', () => json({ status: 'pending' }));
    await unwrap(publicApi.GET('/api/invitations/{token}', { params: { path: { token: 'abc/1' } } }));
    expect(sent.at(-1)!.headers['X-CSRF-Token']).toBeUndefined();
    expect(sent.at(-1)!.body).toBeUndefined();
  });

  it('fetches a new CSRF token after a refusal and retries once', async () => {
    const { auth } = await load();
    on(
      'POST',
      '/api/auth/verify-email',
      () => refusal(403, 'csrf_token_invalid'),
      () => json({ message: 'verified' }),
    );
    await expect(auth.verifyEmail('t')).resolves.toEqual({ message: 'verified' });
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.headers['X-CSRF-Token'])).toEqual(['csrf-1', 'csrf-2']);
    expect(posts.map((r) => r.body)).toEqual(['{"token":"t"}', '{"token":"t"}']);
  });

  it('does not retry a second CSRF refusal', async () => {
    const { auth } = await load();
    on('POST', '/api/auth/verify-email', () => refusal(403, 'csrf_token_missing'));
    const error = await caught(auth.verifyEmail('t'));
    expect(error).toMatchObject({ status: 403, code: 'csrf_token_missing' });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('turns a refusal into an ApiError with its field and Retry-After', async () => {
    const { auth } = await load();
    on('POST', '/api/auth/signup', () => refusal(429, 'rate_limited', { field: 'email' }, { 'Retry-After': '30' }));
    const error = await caught(auth.signup({ email: 'a@b.c', password: 'x', name: 'A' }));
    expect(error).toMatchObject({ name: 'ApiError', status: 429, code: 'rate_limited', field: 'email', retryAfterSeconds: 30 });
    expect(error.message).toBe('refused: rate_limited');
  });

  it('calls an unreachable server network_error and a non-JSON answer bad_response', async () => {
    const { auth } = await load();
    on('POST', '/api/auth/reset-password', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await caught(auth.resetPassword('t', 'p'))).toMatchObject({ status: 0, code: 'network_error' });
    on('POST', '/api/auth/reset-password', () => new Response('<html>proxy</html>', { status: 200 }));
    expect(await caught(auth.resetPassword('t', 'p'))).toMatchObject({ status: 200, code: 'bad_response' });
    on('POST', '/api/auth/reset-password', () => new Response('<html>bad gateway</html>', { status: 502 }));
    expect(await caught(auth.resetPassword('t', 'p'))).toMatchObject({ status: 502, code: 'http_error' });
  });
});

describe('the signed-in client', () => {
  const tokens = (accessToken: string) => () =>
    json({ accessToken, token: accessToken, refreshToken: 'r', expiresIn: 900, tokenType: 'Bearer' });

  it('sends the bearer token and the typed path and query', async () => {
    const { api, unwrap, signedIn } = await load();
    signedIn('access-1', ADA);
    on('GET', '/api/projects', () => json({ items: [], nextCursor: null }));
    await unwrap(api.GET('/api/projects', { params: { query: { organizationId: 'o 1', cursor: 'c' } } }));
    expect(sent.at(-1)).toMatchObject({
      path: '/api/projects?organizationId=o%201&cursor=c',
      headers: { Authorization: 'Bearer access-1' },
    });
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const { auth, signedIn, getAccessToken } = await load();
    signedIn('old', ADA);
    on('POST', '/api/auth/refresh', tokens('new'));
    on(
      'PATCH',
      '/api/auth/me',
      () => refusal(401, 'unauthorized'),
      () => json({ ...ADA, name: 'Ada L.' }),
    );
    await expect(auth.updateMe({ name: 'Ada L.' })).resolves.toMatchObject({ name: 'Ada L.' });
    const patches = sent.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(patches.map((r) => r.body)).toEqual(['{"name":"Ada L."}', '{"name":"Ada L."}']);
    expect(sent.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(getAccessToken()).toBe('new');
  });

  it('does not refresh for a 401 about what the user typed', async () => {
    const { auth, signedIn } = await load();
    signedIn('access', ADA);
    on('POST', '/api/auth/password', () => refusal(401, 'wrong_password'));
    expect(await caught(auth.changePassword('old', 'new-password'))).toMatchObject({ code: 'wrong_password' });
    on('POST', '/api/auth/2fa/confirm', () => refusal(401, 'unauthorized', { field: 'code' }));
    expect(await caught(auth.confirmTwoFactor('123456'))).toMatchObject({ field: 'code' });
    expect(sent.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(0);
  });

  it('ends the session when the refresh is refused', async () => {
    const { auth, signedIn, getAuthState } = await load();
    signedIn('old', ADA);
    on('POST', '/api/auth/refresh', () => refusal(401, 'invalid_refresh_token'));
    on('GET', '/api/auth/me', () => refusal(401, 'unauthorized'));
    expect(await caught(auth.fetchMe())).toMatchObject({ status: 401, code: 'session_expired' });
    expect(getAuthState()).toMatchObject({ status: 'anonymous', endedBy: 'expired' });
  });

  it('refreshes first when there is no token yet', async () => {
    const { auth } = await load();
    on('POST', '/api/auth/refresh', tokens('fresh'));
    on('GET', '/api/auth/me', () => json(ADA));
    await auth.fetchMe();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/csrf-token', 'POST /api/auth/refresh', 'GET /api/auth/me']);
    expect(sent.at(-1)!.headers.Authorization).toBe('Bearer fresh');
  });

  it('downloads a file with its suggested name, bytes untouched', async () => {
    const { documents, signedIn } = await load();
    signedIn('access', ADA);
    on(
      'GET',
      '/api/documents/d1/export',
      () =>
        new Response('# Brief\n', {
          headers: { 'Content-Type': 'text/markdown', 'Content-Disposition': "attachment; filename=\"x.md\"; filename*=UTF-8''Br%C3%AEef.md" },
        }),
    );
    const file = await documents.exportDocument('d1', 'markdown');
    expect(file.filename).toBe('Brîef.md');
    expect(await file.blob.text()).toBe('# Brief\n');
    expect(sent.at(-1)).toMatchObject({ path: '/api/documents/d1/export?format=markdown', headers: { Accept: '*/*' } });
  });

  it('answers undefined for an empty success (204)', async () => {
    const { documents, signedIn } = await load();
    signedIn('access', ADA);
    on('DELETE', '/api/documents/d1', () => new Response(null, { status: 204 }));
    await expect(documents.deleteDocument('d1')).resolves.toBeUndefined();
  });
});
