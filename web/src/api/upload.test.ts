import type { HttpRequest, HttpResponse, HttpStack, PreviousUpload, UrlStorage } from 'tus-js-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADA, ORIGIN, SameOriginRequest } from './testing';
import type { ApiError } from './errors';
import type { UploadTarget } from './upload';

/**
 * Resumable uploads through the real tus-js-client over a fake tus server (its HTTP stack,
 * file reader and URL storage are the ones tus-js-client lets a caller replace) and a fake
 * `fetch` for the API calls around them: what goes out (metadata, bearer token, chunks), the
 * one refresh after a 401, the server's refusal as an ApiError, pausing and resuming where the
 * server stands, cancelling, and going on with an upload a reload left behind.
 */

const UPLOAD_URL = 'http://localhost/api/uploads/u1';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  bytes: number;
}

/** What the fake server answers to one request; undefined lets the tus server answer. */
type Override = (request: Sent) => FakeResponse | 'hold' | undefined;

let requests: Sent[];
let overrides: Override[];
let refreshes: number;
/** The tus server's upload: the bytes it holds of how many. */
let server: { offset: number; length: number } | null;
let stored: Map<string, PreviousUpload & { fingerprint: string }>;
/** Requests held unanswered (a slow network), to see pausing abort them. */
let held: FakeRequest[];

class FakeResponse implements HttpResponse {
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string> = {},
    private readonly body = '',
  ) {}
  getStatus() {
    return this.status;
  }
  getHeader(name: string) {
    return this.headers[name.toLowerCase()];
  }
  getBody() {
    return this.body;
  }
  getUnderlyingObject() {
    return null;
  }
}

const refusal = (status: number, error: string) =>
  new FakeResponse(status, { 'content-type': 'application/json' }, JSON.stringify({ error, message: `refused: ${error}` }));

class FakeRequest implements HttpRequest {
  headers: Record<string, string> = {};
  aborted = false;
  private onProgress: (sent: number) => void = () => {};
  constructor(
    private readonly method: string,
    private readonly url: string,
  ) {}
  getMethod() {
    return this.method;
  }
  getURL() {
    return this.url;
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getHeader(name: string) {
    return this.headers[name];
  }
  setProgressHandler(handler: (sent: number) => void) {
    this.onProgress = handler;
  }
  async send(body: Blob | null): Promise<HttpResponse> {
    const sent = { method: this.method, url: this.url, headers: { ...this.headers }, bytes: body?.size ?? 0 };
    requests.push(sent);
    await Promise.resolve();
    const override = overrides.shift()?.(sent);
    if (override === 'hold') {
      held.push(this);
      // Like an XMLHttpRequest aborted: it never settles.
      return new Promise(() => {});
    }
    if (override) return override;
    if (body) this.onProgress(body.size);
    return tusServer(sent);
  }
  async abort() {
    this.aborted = true;
  }
  getUnderlyingObject() {
    return null;
  }
}

const tusHeaders = () => ({ 'upload-offset': String(server!.offset), 'upload-length': String(server!.length) });

function tusServer(request: Sent): FakeResponse {
  expect(request.headers['Tus-Resumable']).toBe('1.0.0');
  switch (request.method) {
    case 'POST':
      server = { offset: 0, length: Number(request.headers['Upload-Length']) };
      return new FakeResponse(201, { location: '/api/uploads/u1' });
    case 'HEAD':
      return server ? new FakeResponse(200, tusHeaders()) : refusal(404, 'not_found');
    case 'PATCH':
      if (!server) return refusal(404, 'not_found');
      if (Number(request.headers['Upload-Offset']) !== server.offset) return refusal(409, 'upload_offset_mismatch');
      server.offset += request.bytes;
      return new FakeResponse(204, tusHeaders());
    case 'DELETE':
      server = null;
      return new FakeResponse(204);
    default:
      throw new Error(`unexpected ${request.method}`);
  }
}

const httpStack: HttpStack = {
  createRequest: (method, url) => new FakeRequest(method, url),
  getName: () => 'fake',
};

const fileReader = {
  openFile: async (input: Blob) => ({
    size: input.size,
    slice: async (start: number, end: number) => ({ value: input.slice(start, end), done: end >= input.size }),
    close() {},
  }),
};

const urlStorage: UrlStorage = {
  findAllUploads: async () => [...stored.values()],
  findUploadsByFingerprint: async (fingerprint) => [...stored.values()].filter((entry) => entry.fingerprint === fingerprint),
  removeUpload: async (key) => {
    stored.delete(key);
  },
  addUpload: async (fingerprint, upload) => {
    const key = `tus::${fingerprint}::${stored.size + 1}`;
    stored.set(key, { ...upload, fingerprint, urlStorageKey: key });
    return key;
  },
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const fileView = { id: 'f1', name: 'logo.png', projectId: 'p1', versionCount: 1 };

async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(input instanceof Request ? input.url : String(input), ORIGIN).pathname;
  if (path === '/api/csrf-token') return json({ csrfToken: 'csrf' });
  if (path === '/api/auth/refresh') {
    refreshes += 1;
    return json({ accessToken: `new-${refreshes}`, token: 'x', refreshToken: 'r', expiresIn: 900, tokenType: 'Bearer' });
  }
  if (path === '/api/uploads/u1') return json({ id: 'u1', offset: server?.offset, length: server?.length, fileId: 'f1', version: 1 });
  if (path === '/api/files/f1') return json(fileView);
  throw new Error(`unexpected fetch of ${path}`);
}

async function load() {
  vi.resetModules();
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  const [upload, sessionStore] = await Promise.all([import('./upload'), import('../auth/sessionStore')]);
  sessionStore.signedIn('old', ADA);
  /** Sends `file` to `target`, with its progress and how it ended. */
  function send(file: File, target: UploadTarget = { projectId: 'p1' }) {
    const progress: number[] = [];
    let settle: (outcome: { file?: unknown; error?: ApiError }) => void = () => {};
    const ended = new Promise<{ file?: unknown; error?: ApiError }>((resolve) => {
      settle = resolve;
    });
    const handle = upload.sendResumable(
      target,
      file,
      {
        onProgress: (sent) => progress.push(sent),
        onSuccess: (made) => settle({ file: made }),
        onError: (error) => settle({ error: error as ApiError }),
      },
      { httpStack, fileReader, urlStorage },
    );
    return { handle, progress, ended };
  }
  return { ...upload, send };
}

const bytes = (count: number) => new File([new Uint8Array(count)], 'logo.png', { type: 'image/png', lastModified: 1 });
const methods = () => requests.map((request) => request.method);
/** Resolves once `count` requests went out. */
const requestsMade = (count: number) => vi.waitFor(() => expect(requests.length).toBeGreaterThanOrEqual(count));

beforeEach(() => {
  requests = [];
  overrides = [];
  refreshes = 0;
  server = null;
  stored = new Map();
  held = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sendResumable', () => {
  it('makes the upload with its metadata, sends it in chunks with the bearer token, and answers the file it made', async () => {
    const { send, CHUNK_BYTES } = await load();
    const size = 2 * CHUNK_BYTES + 10;
    const { ended, progress } = send(bytes(size));
    expect(await ended).toEqual({ file: fileView });
    expect(methods()).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH']);
    const [post, ...patches] = requests;
    expect(post!.url).toBe('http://localhost/api/uploads');
    expect(post!.headers['Upload-Length']).toBe(String(size));
    const metadata = Object.fromEntries(
      post!.headers['Upload-Metadata']!.split(',').map((pair) => {
        const [key, value] = pair.split(' ');
        return [key, atob(value!)];
      }),
    );
    expect(metadata).toEqual({ filename: 'logo.png', projectId: 'p1' });
    expect(patches.map((patch) => [patch.url, patch.headers['Upload-Offset'], patch.bytes])).toEqual([
      [UPLOAD_URL, '0', CHUNK_BYTES],
      [UPLOAD_URL, String(CHUNK_BYTES), CHUNK_BYTES],
      [UPLOAD_URL, String(2 * CHUNK_BYTES), 10],
    ]);
    expect(requests.every((request) => request.headers.Authorization === 'Bearer old')).toBe(true);
    expect(requests.every((request) => request.headers['X-CSRF-Token'] === undefined)).toBe(true);
    expect(progress.at(-1)).toBe(size);
    // Whole: nothing is left to resume.
    expect(stored.size).toBe(0);
  });

  it('names the file of a new version', async () => {
    const { send } = await load();
    await send(bytes(5), { fileId: 'f1' }).ended;
    expect(atob(requests[0]!.headers['Upload-Metadata']!.split(',')[1]!.split(' ')[1]!)).toBe('f1');
    expect(requests[0]!.headers['Upload-Metadata']!.split(',')[1]!.split(' ')[0]).toBe('fileId');
  });

  it('refreshes the token once after a 401 and sends the request again; a second 401 ends it', async () => {
    const { send } = await load();
    overrides.push(() => undefined, () => refusal(401, 'unauthorized'));
    expect(await send(bytes(5)).ended).toEqual({ file: fileView });
    expect(refreshes).toBe(1);
    expect(requests.map((request) => `${request.method} ${request.headers.Authorization}`)).toEqual([
      'POST Bearer old',
      'PATCH Bearer old',
      // tus-js-client asks where the upload stands before it sends again.
      'HEAD Bearer new-1',
      'PATCH Bearer new-1',
    ]);

    requests = [];
    overrides.push(
      () => refusal(401, 'unauthorized'),
      () => refusal(401, 'unauthorized'),
    );
    const { error } = await send(bytes(5)).ended;
    expect(error).toMatchObject({ name: 'ApiError', status: 401, code: 'unauthorized', message: 'refused: unauthorized' });
    expect(refreshes).toBe(2);
    expect(methods()).toEqual(['POST', 'POST']);
  });

  it('turns a refusal into an ApiError with the server’s message, without sending again', async () => {
    const { send } = await load();
    overrides.push(() => undefined, () => refusal(415, 'unsupported_file_type'));
    const { error } = await send(bytes(5)).ended;
    expect(error).toMatchObject({ status: 415, code: 'unsupported_file_type', message: 'refused: unsupported_file_type' });
    expect(methods()).toEqual(['POST', 'PATCH']);
  });

  it('pauses where it is, and resumes from where the server stands', async () => {
    const { send, CHUNK_BYTES } = await load();
    overrides.push(
      () => undefined,
      () => undefined,
      () => 'hold',
    );
    const { handle, ended, progress } = send(bytes(2 * CHUNK_BYTES));
    await requestsMade(3);
    handle.pause();
    expect(held).toHaveLength(1);
    expect(held[0]!.aborted).toBe(true);
    expect(server!.offset).toBe(CHUNK_BYTES);
    const sentBefore = requests.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(sentBefore);

    handle.resume();
    expect(await ended).toEqual({ file: fileView });
    expect(methods().slice(sentBefore)).toEqual(['HEAD', 'PATCH']);
    expect(requests.at(-1)!.headers['Upload-Offset']).toBe(String(CHUNK_BYTES));
    expect(progress.at(-1)).toBe(2 * CHUNK_BYTES);
  });

  it('cancels: stops sending and asks the server to drop the upload', async () => {
    const { send, CHUNK_BYTES } = await load();
    overrides.push(
      () => undefined,
      () => 'hold',
    );
    const { handle } = send(bytes(2 * CHUNK_BYTES));
    await requestsMade(2);
    handle.cancel();
    await requestsMade(3);
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url: UPLOAD_URL, headers: { Authorization: 'Bearer old' } });
    await vi.waitFor(() => expect(stored.size).toBe(0));
    expect(server).toBeNull();
  });

  it('does not ask the server to drop an upload it dropped with its refusal', async () => {
    const { send } = await load();
    overrides.push(() => undefined, () => refusal(415, 'unsupported_file_type'));
    const { handle, ended } = send(bytes(5));
    expect((await ended).error).toMatchObject({ status: 415 });
    handle.cancel();
    await vi.waitFor(() => expect(stored.size).toBe(0));
    expect(methods()).toEqual(['POST', 'PATCH']);
  });

  it('goes on with the same file for the same place after a reload, from where the server stands', async () => {
    const first = await load();
    const size = 2 * first.CHUNK_BYTES;
    overrides.push(
      () => undefined,
      () => undefined,
      () => 'hold',
    );
    first.send(bytes(size));
    await requestsMade(3);
    expect(stored.size).toBe(1);

    // A new page (modules loaded afresh) with the same file chosen again.
    const second = await load();
    requests = [];
    expect(await second.send(bytes(size)).ended).toEqual({ file: fileView });
    expect(methods()).toEqual(['HEAD', 'PATCH']);
    expect(requests[1]!.headers['Upload-Offset']).toBe(String(first.CHUNK_BYTES));
    expect(stored.size).toBe(0);

    // Another place is another upload.
    requests = [];
    await second.send(bytes(size), { projectId: 'p2' }).ended;
    expect(methods()[0]).toBe('POST');
  });
});
