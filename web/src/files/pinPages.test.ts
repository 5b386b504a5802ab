import { describe, expect, it } from 'vitest';
import type { PinView, ReviewCommentView } from '../api/schema';
import { pageOfPin, pageOfThread, placeOfPin, threadsOnPage } from './pinPages';
import type { ReviewThread } from './reviewThreads';

const pin = (changes: Partial<PinView> = {}): PinView => ({ x: 0.5, y: 0.5, width: null, height: null, page: null, ...changes });

const thread = (id: string, number: number, root: Pick<ReviewCommentView, 'pin'>): ReviewThread => ({
  number,
  root: {
    id,
    fileId: 'f',
    version: 1,
    parentId: null,
    authorId: 'u',
    authorName: 'Ann',
    body: id,
    mentions: [],
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: null,
    deletedAt: null,
    canEdit: true,
    ...root,
  },
  replies: [],
});

describe('pins on a PDF’s pages', () => {
  const threads = [
    thread('one', 1, { pin: pin({ page: 2 }) }),
    thread('two', 2, { pin: pin({ page: 1 }) }),
    thread('whole', 3, { pin: null }),
    thread('old', 4, { pin: pin() }),
  ];

  it('shows a page’s markers only on that page (a pin without a page on the first)', () => {
    expect(threadsOnPage(threads, 2).map((one) => one.root.id)).toEqual(['one', 'whole']);
    expect(threadsOnPage(threads, 1).map((one) => one.root.id)).toEqual(['two', 'whole', 'old']);
    expect(threadsOnPage(threads, 3).map((one) => one.root.id)).toEqual(['whole']);
  });

  it('shows every marker on an image', () => {
    expect(threadsOnPage(threads, null)).toHaveLength(4);
  });

  it('goes to a selected thread’s page, and stays for one that is not pinned or not on a PDF', () => {
    expect(pageOfThread(threads, 'one', true)).toBe(2);
    expect(pageOfThread(threads, 'old', true)).toBe(1);
    expect(pageOfThread(threads, 'whole', true)).toBeNull();
    expect(pageOfThread(threads, 'one', false)).toBeNull();
    expect(pageOfThread(threads, 'missing', true)).toBeNull();
    expect(pageOfPin(null, true)).toBeNull();
  });

  it('says where a thread is, with its page on a PDF', () => {
    expect(placeOfPin(null, true)).toBe('the whole version');
    expect(placeOfPin(pin(), false)).toBe('a point on the image');
    expect(placeOfPin(pin({ width: 0.2, height: 0.1 }), false)).toBe('an area of the image');
    expect(placeOfPin(pin({ page: 2 }), true)).toBe('a point on page 2');
    expect(placeOfPin(pin({ page: 3, width: 0.2, height: 0.1 }), true)).toBe('an area of page 3');
  });
});
