import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENTS } from '../api/attachments';
import { ApiError } from '../api/errors';
import {
  attachPlace,
  leftOutNotice,
  nextDrafts,
  NO_DRAFTS,
  readyFiles,
  sendability,
  type DraftEvent,
  type Drafts,
  type NewDraft,
} from './attachmentDrafts';

/** The files a composer holds for its next message: uploads, picks, the limit, and when Send may go. */

const upload = (key: number, size = 100): NewDraft => ({ key, name: `file-${key}.png`, size });
const pick = (key: number, id: string): NewDraft => ({ key, name: `${id}.pdf`, size: 2048, id });
const run = (...events: DraftEvent[]): Drafts => events.reduce(nextDrafts, NO_DRAFTS);
const added = (...files: NewDraft[]): DraftEvent => ({ type: 'added', files });
const statuses = (drafts: Drafts) => drafts.items.map((item) => [item.key, item.status]);

describe('nextDrafts', () => {
  it('adds uploads as uploading, and picked files as ready with their id', () => {
    const drafts = run(added(upload(1, 500), pick(2, 'f9')));
    expect(drafts.items).toEqual([
      { key: 1, name: 'file-1.png', size: 500, status: 'uploading', sent: 0, total: 500, id: null, error: null },
      { key: 2, name: 'f9.pdf', size: 2048, status: 'ready', sent: 0, total: 2048, id: 'f9', error: null },
    ]);
    expect(drafts.leftOut).toBe(0);
  });

  it('follows an upload’s progress, then takes the id the server gave', () => {
    let drafts = run(added(upload(1, 500)), { type: 'progressed', key: 1, sent: 200, total: 500 });
    expect(drafts.items[0]).toMatchObject({ status: 'uploading', sent: 200, total: 500 });
    drafts = nextDrafts(drafts, { type: 'uploaded', key: 1, id: 'c1' });
    expect(drafts.items[0]).toMatchObject({ status: 'ready', sent: 500, id: 'c1' });
  });

  it('keeps a failed upload with the server’s reason until it is removed', () => {
    const refusal = new ApiError(413, 'file_too_large', 'A file holds at most 50 MB.');
    const drafts = run(added(upload(1), upload(2)), { type: 'failed', key: 1, error: refusal });
    expect(statuses(drafts)).toEqual([
      [1, 'failed'],
      [2, 'uploading'],
    ]);
    expect(drafts.items[0]!.error).toBe(refusal);
    expect(statuses(nextDrafts(drafts, { type: 'removed', key: 1 }))).toEqual([[2, 'uploading']]);
  });

  it('ignores what a stopped upload reports late, and steps that do not fit', () => {
    const removed = run(added(upload(1)), { type: 'removed', key: 1 });
    for (const late of [
      { type: 'progressed', key: 1, sent: 1, total: 2 },
      { type: 'uploaded', key: 1, id: 'c1' },
      { type: 'failed', key: 1, error: new Error('x') },
      { type: 'removed', key: 1 },
    ] as const) {
      expect(nextDrafts(removed, late)).toBe(removed);
    }
    const ready = run(added(pick(1, 'f1')));
    expect(nextDrafts(ready, { type: 'progressed', key: 1, sent: 5, total: 10 })).toBe(ready);
    expect(nextDrafts(ready, { type: 'failed', key: 1, error: new Error('x') })).toBe(ready);
    const failed = run(added(upload(2)), { type: 'failed', key: 2, error: null });
    expect(nextDrafts(failed, { type: 'uploaded', key: 2, id: 'c2' })).toBe(failed);
  });

  it(`takes at most ${MAX_ATTACHMENTS} files and says how many it left out`, () => {
    const twelve = Array.from({ length: 12 }, (_, index) => upload(index + 1));
    const drafts = run(added(...twelve));
    expect(drafts.items.map((item) => item.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(drafts.leftOut).toBe(2);
    // Full: one more is left out too, and a removal makes room again and drops the notice.
    const full = nextDrafts(drafts, added(pick(13, 'f13')));
    expect(full.items).toHaveLength(MAX_ATTACHMENTS);
    expect(full.leftOut).toBe(1);
    const room = nextDrafts(full, { type: 'removed', key: 4 });
    expect(room.leftOut).toBe(0);
    const again = nextDrafts(room, added(upload(14), upload(15)));
    expect(again.items.map((item) => item.key)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 14]);
    expect(again.leftOut).toBe(1);
  });

  it('counts failed files against the limit until they are removed', () => {
    const nine = Array.from({ length: 9 }, (_, index) => upload(index + 1));
    const drafts = run(added(...nine), { type: 'failed', key: 1, error: null }, added(upload(10), upload(11)));
    expect(drafts.items).toHaveLength(MAX_ATTACHMENTS);
    expect(drafts.leftOut).toBe(1);
  });

  it('takes a project file once, however often it is picked', () => {
    const drafts = run(added(pick(1, 'f1')), added(pick(2, 'f1'), pick(3, 'f2'), pick(4, 'f2')));
    expect(drafts.items.map((item) => item.id)).toEqual(['f1', 'f2']);
    expect(drafts.leftOut).toBe(0);
  });

  it('is empty again once the message is on its way', () => {
    expect(run(added(upload(1), pick(2, 'f2')), { type: 'cleared' })).toEqual(NO_DRAFTS);
  });
});

describe('readyFiles', () => {
  it('answers the files to send with, in the order they were added, leaving out those not ready', () => {
    const drafts = run(
      added(upload(1, 10), pick(2, 'f2'), upload(3, 30), upload(4, 40)),
      { type: 'uploaded', key: 3, id: 'c3' },
      { type: 'failed', key: 4, error: null },
    );
    expect(readyFiles(drafts)).toEqual([
      { id: 'f2', name: 'f2.pdf', size: 2048 },
      { id: 'c3', name: 'file-3.png', size: 30 },
    ]);
  });
});

describe('sendability', () => {
  it('needs text, files or not (the server refuses a blank body)', () => {
    expect(sendability('', NO_DRAFTS)).toEqual({ canSend: false, hint: null });
    expect(sendability('  \n', NO_DRAFTS)).toEqual({ canSend: false, hint: null });
    expect(sendability('hi', NO_DRAFTS)).toEqual({ canSend: true, hint: null });
    const ready = run(added(pick(1, 'f1')));
    expect(sendability(' ', ready)).toEqual({ canSend: false, hint: 'Write a message to go with the files.' });
    expect(sendability('here', ready)).toEqual({ canSend: true, hint: null });
  });

  it('waits for uploads, and for failed ones to be removed', () => {
    const uploading = run(added(upload(1)));
    expect(sendability('hi', uploading)).toEqual({ canSend: false, hint: 'Wait for the files to finish uploading.' });
    const failed = nextDrafts(uploading, { type: 'failed', key: 1, error: null });
    expect(sendability('hi', failed)).toEqual({ canSend: false, hint: 'Remove the files that could not be uploaded.' });
  });
});

describe('attachPlace', () => {
  it('uploads into a direct or group conversation, and into a project channel’s project', () => {
    expect(attachPlace(undefined)).toBeNull();
    expect(attachPlace({ id: 'c1', kind: 'direct' })).toEqual({ conversationId: 'c1' });
    expect(attachPlace({ id: 'c2', kind: 'group', projectId: null })).toEqual({ conversationId: 'c2' });
    expect(attachPlace({ id: 'c3', kind: 'project', projectId: 'p1' })).toEqual({ projectId: 'p1' });
    expect(attachPlace({ id: 'c4', kind: 'project', projectId: null })).toBeNull();
  });
});

describe('leftOutNotice', () => {
  it('says the limit and how many files were left out', () => {
    expect(leftOutNotice(1)).toBe(`A message holds at most ${MAX_ATTACHMENTS} files: 1 file was left out.`);
    expect(leftOutNotice(3)).toBe(`A message holds at most ${MAX_ATTACHMENTS} files: 3 files were left out.`);
  });
});
