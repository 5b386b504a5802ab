import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADA, ORIGIN, SameOriginRequest } from './testing';
import type { AttachmentView } from './attachments';
import type { MessageView } from './schema';

/** Files on messages: reading them off a message, fetching their bytes with the token. */


interface Seen {
  method: string;
  path: string;
  authorization: string | null;
}

let seen: Seen[] = [];

const message = {
  id: 'm1',
  conversationId: 'c1',
  seq: 1,
  authorId: 'u1',
  authorName: 'Ada',
  body: 'See attached',
  parentId: null,
  replyCount: 0,
  mentions: [],
  reactions: [],
  clientId: 'k1',
  createdAt: '2026-01-01T10:00:00Z',
  editedAt: null,
  deleted: false,
  attachments: [],
} satisfies MessageView;

const attachment: AttachmentView = {
  id: 'cf1',
  name: 'brief.pdf',
  size: 5,
  mime: 'application/pdf',
  kind: 'pdf',
  source: 'conversation',
  contentUrl: '/api/conversations/c1/files/cf1/content',
  previewUrl: null,
};

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(new URL(String(input), ORIGIN), init);
  const path = new URL(request.url).pathname;
  const headers = new Headers(init?.headers ?? request.headers);
  seen.push({ method: request.method, path, authorization: headers.get('Authorization') });
  if (path === '/api/conversations/c1/files/cf1/content') {
    return new Response('hello', { headers: { 'Content-Disposition': 'attachment; filename="brief.pdf"' } });
  }
  throw new Error(`unexpected fetch of ${path}`);
}

async function load() {
  vi.resetModules();
  seen = [];
  vi.stubGlobal('Request', SameOriginRequest);
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  const [attachments, sessionStore] = await Promise.all([import('./attachments'), import('../auth/sessionStore')]);
  sessionStore.signedIn('token', ADA);
  return attachments;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('attachmentsOf', () => {
  it('reads a message’s files, none when it has none', async () => {
    const { attachmentsOf } = await load();
    expect(attachmentsOf(message)).toEqual([]);
    expect(attachmentsOf({ ...message, attachments: [attachment] } as MessageView)).toEqual([attachment]);
  });
});

describe('fetchAttachment', () => {
  it('fetches the bytes with the bearer token, with the name the server suggests', async () => {
    const { fetchAttachment } = await load();
    const file = await fetchAttachment(attachment.contentUrl);
    expect(await file.blob.text()).toBe('hello');
    expect(file.filename).toBe('brief.pdf');
    expect(seen.map(({ method, path, authorization }) => [method, path, authorization])).toEqual([
      ['GET', attachment.contentUrl, 'Bearer token'],
    ]);
  });

  it('sends the token to the API’s own addresses only', async () => {
    const { fetchAttachment } = await load();
    await expect(fetchAttachment('https://elsewhere.test/api/x')).rejects.toMatchObject({ code: 'bad_response' });
    expect(seen).toEqual([]);
  });
});
