import { describe, expect, it } from 'vitest';
import type { ReviewCommentView } from '../api/schema';
import { resolvedCount, shownThreads, threadOf, threadsOf } from './reviewThreads';

let clock = 0;
const comment = (id: string, changes: Partial<ReviewCommentView> = {}): ReviewCommentView => ({
  id,
  fileId: 'f',
  version: 1,
  parentId: null,
  authorId: 'u',
  authorName: 'Ann',
  body: `text of ${id}`,
  mentions: [],
  pin: null,
  resolved: false,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, clock++)).toISOString(),
  updatedAt: null,
  deletedAt: null,
  canEdit: true,
  ...changes,
});

describe('review threads', () => {
  it('puts each reply under its root, in order, and numbers the threads as they were started', () => {
    const a = comment('a', { pin: { x: 0.5, y: 0.5, width: null, height: null, page: null } });
    const b = comment('b');
    const a1 = comment('a1', { parentId: 'a' });
    const b1 = comment('b1', { parentId: 'b' });
    const a2 = comment('a2', { parentId: 'a' });
    const threads = threadsOf([a, b, a1, b1, a2]);
    expect(threads.map((thread) => [thread.number, thread.root.id, thread.replies.map((reply) => reply.id)])).toEqual([
      [1, 'a', ['a1', 'a2']],
      [2, 'b', ['b1']],
    ]);
  });

  it('leaves out threads with nothing left to read, and replies without their root', () => {
    const deleted = { deletedAt: '2025-01-02T00:00:00Z', body: '' };
    const threads = threadsOf([
      comment('gone', deleted),
      comment('kept', deleted),
      comment('kept-reply', { parentId: 'kept' }),
      comment('gone-reply', { parentId: 'gone', ...deleted }),
      comment('stray', { parentId: 'unknown' }),
      comment('open'),
    ]);
    expect(threads.map((thread) => [thread.number, thread.root.id])).toEqual([
      [1, 'kept'],
      [2, 'open'],
    ]);
  });

  it('hides resolved threads unless asked, keeping their numbers', () => {
    const threads = threadsOf([comment('a', { resolved: true }), comment('b'), comment('c', { resolved: true })]);
    expect(shownThreads(threads, false).map((thread) => thread.number)).toEqual([2]);
    expect(shownThreads(threads, true).map((thread) => thread.number)).toEqual([1, 2, 3]);
    expect(resolvedCount(threads)).toBe(2);
  });

  it('finds the thread of a root or of a reply', () => {
    const threads = threadsOf([comment('a'), comment('b'), comment('b1', { parentId: 'b' })]);
    expect(threadOf(threads, 'b1')?.root.id).toBe('b');
    expect(threadOf(threads, 'a')?.root.id).toBe('a');
    expect(threadOf(threads, 'nope')).toBeUndefined();
  });
});
