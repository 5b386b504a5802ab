import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from './errors';

/**
 * Uploads over a fake XMLHttpRequest (and a fake `fetch` for the CSRF token and the refresh):
 * the form and headers that go out, progress, the server's refusal as an ApiError, the two
 * retries the API client also makes (an expired token, a refused CSRF token), and cancelling.
 */

const ORIGIN = 'http://app.test';

/** What the fake server does with one request: report progress, answer, or fail. */
type Answer = (request: FakeRequest) => void;

let answers: Answer[];
let requests: FakeRequest[];
let csrfTokens: number;
let refreshes: number;

class FakeRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  aborted = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: FormData) {
    this.body = body;
    requests.push(this);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected upload to ${this.url}`);
    // Answered later, as a network would.
    queueMicrotask(() => answer(this));
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(input instanceof Request ? input.url : String(input), ORIGIN).pathname;
  if (path === '/api/csrf-token') return json({ csrfToken: `csrf-${++csrfTokens}` });
  if (path === '/api/auth/refresh') {
    refreshes += 1;
    return json({ accessToken: 'new', token: 'new', refreshToken: 'r', expiresIn: 900, tokenType: 'Bearer' });
  }
  throw new Error(`unexpected fetch of ${path}`);
}

/** openapi-fetch builds a Request from a path; outside a browser that needs an origin. */
class SameOriginRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, ORIGIN) : input, init);
  }
}

async function load() {
  vi.resetModules();
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  const [upload, sessionStore] = await Promise.all([import('./upload'), import('../auth/sessionStore')]);
  sessionStore.signedIn('old', {
    id: 'u1',
    email: 'ada@example.com',
    name: 'Ada',
    userType: 'designer',
    createdAt: '2026-01-01T00:00:00Z',
    emailVerified: true,
    isActive: true,
    isAdmin: false,
    twoFactorEnabled: false,
  });
  return upload;
}

const file = new File(['PNG bytes'], 'logo.png', { type: 'image/png' });
const created = { id: 'f1', name: 'logo.png' };
const refusal = (status: number, error: string) => (request: FakeRequest) =>
  request.respond(status, { error, message: `refused: ${error}` });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as ApiError,
  );

beforeEach(() => {
  answers = [];
  requests = [];
  csrfTokens = 0;
  refreshes = 0;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uploadFile', () => {
  it('posts the file as the form’s part `file`, with the token and CSRF header, and reports progress', async () => {
    const { uploadFile } = await load();
    answers.push((request) => {
      request.progress(4, 10);
      request.progress(10, 10);
      request.respond(201, created);
    });
    const progress: Array<[number, number]> = [];
    const answer = await uploadFile('/api/projects/p1/files', file, (sent, total) => progress.push([sent, total]), new AbortController().signal);
    expect(answer).toEqual(created);
    expect(progress).toEqual([
      [4, 10],
      [10, 10],
    ]);
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', url: '/api/projects/p1/files' });
    expect(request!.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer old', 'X-CSRF-Token': 'csrf-1' });
    const part = request!.body!.get('file');
    expect(part).toBeInstanceOf(File);
    expect((part as File).name).toBe('logo.png');
  });

  it('turns a refusal into an ApiError with the server’s message', async () => {
    const { uploadFile } = await load();
    answers.push(refusal(415, 'unsupported_file_type'));
    const error = await caught(uploadFile('/api/files/f1/versions', file, () => {}, new AbortController().signal));
    expect(error).toMatchObject({ name: 'ApiError', status: 415, code: 'unsupported_file_type', message: 'refused: unsupported_file_type' });
  });

  it('says what it can of an answer that is not JSON, and of a dropped connection', async () => {
    const { uploadFile } = await load();
    answers.push((request) => request.respond(413, '<html>Request Entity Too Large</html>'));
    expect(await caught(uploadFile('/u', file, () => {}, new AbortController().signal))).toMatchObject({
      status: 413,
      code: 'http_error',
    });
    answers.push((request) => request.respond(201, 'not json'));
    expect(await caught(uploadFile('/u', file, () => {}, new AbortController().signal))).toMatchObject({
      code: 'bad_response',
    });
    answers.push((request) => request.onerror?.());
    expect(await caught(uploadFile('/u', file, () => {}, new AbortController().signal))).toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });

  it('refreshes the token once after a 401 and sends the file again', async () => {
    const { uploadFile } = await load();
    answers.push(refusal(401, 'unauthorized'), (request) => request.respond(201, created));
    await expect(uploadFile('/u', file, () => {}, new AbortController().signal)).resolves.toEqual(created);
    expect(refreshes).toBe(1);
    expect(requests.map((request) => request.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('fetches a new CSRF token after a refusal and sends the file again, once', async () => {
    const { uploadFile } = await load();
    answers.push(refusal(403, 'csrf_token_invalid'), (request) => request.respond(201, created));
    await expect(uploadFile('/u', file, () => {}, new AbortController().signal)).resolves.toEqual(created);
    expect(requests.map((request) => request.headers['X-CSRF-Token'])).toEqual(['csrf-1', 'csrf-2']);
    answers.push(refusal(403, 'csrf_token_invalid'), refusal(403, 'csrf_token_invalid'));
    expect(await caught(uploadFile('/u', file, () => {}, new AbortController().signal))).toMatchObject({ status: 403 });
    expect(requests).toHaveLength(4);
  });

  it('stops when cancelled, with an AbortError that isAbort recognises', async () => {
    const { uploadFile, isAbort } = await load();
    const controller = new AbortController();
    answers.push((request) => {
      request.progress(2, 10);
      controller.abort();
    });
    const error = await uploadFile('/u', file, () => {}, controller.signal).catch((reason: unknown) => reason);
    expect(isAbort(error)).toBe(true);
    expect(requests[0]!.aborted).toBe(true);
    // Cancelled before it started: nothing is sent.
    const sentBefore = requests.length;
    expect(isAbort(await uploadFile('/u', file, () => {}, controller.signal).catch((reason: unknown) => reason))).toBe(true);
    expect(requests).toHaveLength(sentBefore);
  });
});
