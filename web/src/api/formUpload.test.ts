import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADA, ORIGIN, SameOriginRequest } from './testing';
import type { ConversationFileView } from './attachments';
import type { ApiError } from './errors';

/**
 * A file uploaded in a form through a fake XMLHttpRequest (and a fake `fetch` for the token
 * refresh): what goes out (the part `file`, the bearer token, no CSRF header), its progress,
 * the server's answer, the one refresh after a 401, refusals in the server's words, cancelling.
 */


class FakeXhr {
  static made: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  answerHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: Pick<ProgressEvent, 'loaded' | 'total' | 'lengthComputable'>) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.made.push(this);
  }
  abort() {
    this.aborted = true;
  }
  getResponseHeader(name: string): string | null {
    return this.answerHeaders[name] ?? null;
  }

  /** What the test makes happen. */
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.answerHeaders = headers;
    this.onload?.();
  }
}

let refreshes = 0;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(input instanceof Request ? input.url : String(input), ORIGIN).pathname;
  if (path === '/api/csrf-token') return json({ csrfToken: 'csrf' });
  if (path === '/api/auth/refresh') {
    refreshes += 1;
    return json({ accessToken: `new-${refreshes}`, token: 'x', refreshToken: 'r', expiresIn: 900, tokenType: 'Bearer' });
  }
  throw new Error(`unexpected fetch of ${path}`);
}

const made: ConversationFileView = {
  id: 'cf1',
  conversationId: 'c1',
  name: 'brief.pdf',
  size: 5,
  mime: 'application/pdf',
  kind: 'pdf',
  sha256: 'ab',
  uploadedBy: 'u1',
  createdAt: '2026-01-01T00:00:00Z',
};

async function load() {
  vi.resetModules();
  FakeXhr.made = [];
  refreshes = 0;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  const [attachments, sessionStore] = await Promise.all([import('./attachments'), import('../auth/sessionStore')]);
  sessionStore.signedIn('old', ADA);
  const progress: Array<[number, number]> = [];
  const outcomes: Array<{ file?: ConversationFileView; error?: ApiError }> = [];
  const file = new File(['hello'], 'brief.pdf', { type: 'application/pdf' });
  const handle = attachments.uploadConversationFile('c1', file, {
    onProgress: (sent, total) => progress.push([sent, total]),
    onSuccess: (answer) => outcomes.push({ file: answer }),
    onError: (error) => outcomes.push({ error: error as ApiError }),
  });
  return { handle, file, progress, outcomes };
}

/** The `n`th request, once it went out. */
async function request(n: number): Promise<FakeXhr> {
  await vi.waitFor(() => expect(FakeXhr.made.length).toBeGreaterThanOrEqual(n));
  return FakeXhr.made[n - 1]!;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uploadConversationFile', () => {
  it('posts the file as the form’s part `file` with the bearer token, reports progress and answers what the server made', async () => {
    const { file, progress, outcomes } = await load();
    const sent = await request(1);
    expect([sent.method, sent.url]).toEqual(['POST', '/api/conversations/c1/files']);
    expect(sent.headers.Authorization).toBe('Bearer old');
    expect(sent.headers['X-CSRF-Token']).toBeUndefined();
    expect(sent.body?.get('file')).toMatchObject({ name: file.name, size: file.size });
    sent.progress(2, 5);
    sent.progress(5, 5);
    sent.answer(201, made);
    expect(progress).toEqual([
      [2, 5],
      [5, 5],
    ]);
    expect(outcomes).toEqual([{ file: made }]);
  });

  it('refreshes the token once after a 401 and sends the file again', async () => {
    const { outcomes } = await load();
    (await request(1)).answer(401, { error: 'invalid_token', message: 'Sign in again.' });
    const again = await request(2);
    expect(again.headers.Authorization).toBe('Bearer new-1');
    again.answer(401, { error: 'invalid_token', message: 'Sign in again.' });
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]!.error).toMatchObject({ status: 401, code: 'invalid_token' });
    expect(FakeXhr.made).toHaveLength(2);
    expect(refreshes).toBe(1);
  });

  it('gives a refusal in the server’s words', async () => {
    const { outcomes } = await load();
    (await request(1)).answer(413, { error: 'file_too_large', message: 'A file holds at most 50 MB.' }, { 'Retry-After': '3' });
    expect(outcomes).toEqual([{ error: expect.objectContaining({ status: 413, code: 'file_too_large', retryAfterSeconds: 3 }) }]);
    expect(outcomes[0]!.error!.message).toBe('A file holds at most 50 MB.');
  });

  it('says so when there is no answer, or a success that is not JSON', async () => {
    const lost = await load();
    (await request(1)).onerror?.();
    expect(lost.outcomes[0]!.error).toMatchObject({ status: 0, code: 'network_error' });
    const garbled = await load();
    (await request(1)).answer(201, '<html>proxy</html>');
    expect(garbled.outcomes[0]!.error).toMatchObject({ status: 201, code: 'bad_response' });
  });

  it('stops when cancelled, and reports nothing more', async () => {
    const { handle, progress, outcomes } = await load();
    const sent = await request(1);
    handle.cancel();
    expect(sent.aborted).toBe(true);
    sent.progress(5, 5);
    sent.answer(201, made);
    expect(progress).toEqual([]);
    expect(outcomes).toEqual([]);
  });
});
