import { describe, expect, it } from 'vitest';
import { isBusy, nextQueue, percentSent, sameTarget, toStart, type Upload, type UploadEvent } from './uploadQueue';

const TO = { projectId: 'p1' };
const file = (name: string, bytes = 10) => new File([new Uint8Array(bytes)], name, { type: 'image/png' });

/** The queue after each event in turn, from an empty one. */
const after = (...events: UploadEvent[]) => events.reduce<readonly Upload[]>(nextQueue, []);
const added = (...names: string[]): UploadEvent => ({
  type: 'added',
  uploads: names.map((name, index) => ({ id: index + 1, file: file(name), target: TO })),
});
const statuses = (queue: readonly Upload[]) => queue.map((upload) => `${upload.file.name}:${upload.status}`);

describe('the upload queue', () => {
  it('adds files as waiting, in order, with nothing sent yet', () => {
    const queue = after(added('a.png', 'b.png'));
    expect(statuses(queue)).toEqual(['a.png:waiting', 'b.png:waiting']);
    expect(queue[0]).toMatchObject({ id: 1, target: TO, sent: 0, total: 10, error: null });
  });

  it('sends, reports progress, and lets a finished upload leave the queue', () => {
    let queue = after(added('a.png', 'b.png'), { type: 'started', id: 1 });
    expect(statuses(queue)).toEqual(['a.png:sending', 'b.png:waiting']);
    queue = nextQueue(queue, { type: 'progressed', id: 1, sent: 60, total: 120 });
    expect(queue[0]).toMatchObject({ sent: 60, total: 120 });
    expect(percentSent(queue[0]!)).toBe(50);
    queue = nextQueue(queue, { type: 'finished', id: 1 });
    expect(statuses(queue)).toEqual(['b.png:waiting']);
  });

  it('keeps a failed upload with its reason, and a retry sends it from the start', () => {
    const reason = new Error('Not a type FluxStudio takes.');
    let queue = after(
      added('a.png'),
      { type: 'started', id: 1 },
      { type: 'progressed', id: 1, sent: 5, total: 12 },
      { type: 'failed', id: 1, error: reason },
    );
    expect(queue[0]).toMatchObject({ status: 'failed', error: reason, sent: 5 });
    queue = nextQueue(queue, { type: 'retried', id: 1 });
    expect(queue[0]).toMatchObject({ status: 'waiting', error: null, sent: 0, total: 10 });
  });

  it('pauses a sending upload where it is, and resumes it to wait for a place and go on from there', () => {
    let queue = after(added('a.png', 'b.png'), { type: 'started', id: 1 }, { type: 'progressed', id: 1, sent: 4, total: 10 });
    queue = nextQueue(queue, { type: 'paused', id: 1 });
    expect(statuses(queue)).toEqual(['a.png:paused', 'b.png:waiting']);
    expect(queue[0]).toMatchObject({ sent: 4, total: 10 });
    expect(percentSent(queue[0]!)).toBe(40);
    // Paused, it holds no place: the next one may start, and late progress changes nothing.
    expect(toStart(queue, 1).map((upload) => upload.id)).toEqual([2]);
    expect(nextQueue(queue, { type: 'progressed', id: 1, sent: 6, total: 10 })).toBe(queue);
    expect(nextQueue(queue, { type: 'started', id: 1 })).toBe(queue);
    queue = nextQueue(queue, { type: 'resumed', id: 1 });
    expect(statuses(queue)).toEqual(['a.png:waiting', 'b.png:waiting']);
    queue = nextQueue(queue, { type: 'started', id: 1 });
    expect(queue[0]).toMatchObject({ status: 'sending', sent: 4 });
    queue = nextQueue(queue, { type: 'progressed', id: 1, sent: 10, total: 10 });
    expect(statuses(nextQueue(queue, { type: 'finished', id: 1 }))).toEqual(['b.png:waiting']);
  });

  it('pauses a waiting upload before it starts; resumes only what is paused', () => {
    const queue = nextQueue(after(added('a.png')), { type: 'paused', id: 1 });
    expect(statuses(queue)).toEqual(['a.png:paused']);
    expect(toStart(queue, 3)).toEqual([]);
    const sending = after(added('a.png'), { type: 'started', id: 1 });
    expect(nextQueue(sending, { type: 'resumed', id: 1 })).toBe(sending);
    const failed = nextQueue(sending, { type: 'failed', id: 1, error: null });
    expect(nextQueue(failed, { type: 'paused', id: 1 })).toBe(failed);
    expect(nextQueue(failed, { type: 'resumed', id: 1 })).toBe(failed);
  });

  it('drops a cancelled upload whatever its state', () => {
    const queue = after(
      added('a.png', 'b.png', 'c.png', 'd.png'),
      { type: 'started', id: 2 },
      { type: 'started', id: 3 },
      { type: 'paused', id: 4 },
    );
    const failed = nextQueue(queue, { type: 'failed', id: 3, error: new Error('no') });
    const left = [1, 2, 3, 4].reduce((rest, id) => nextQueue(rest, { type: 'cancelled', id }), failed);
    expect(left).toEqual([]);
  });

  it('ignores steps that do not fit: late progress, a second start, a retry of one that did not fail', () => {
    const queue = after(added('a.png'), { type: 'started', id: 1 });
    expect(nextQueue(queue, { type: 'started', id: 1 })).toBe(queue);
    expect(nextQueue(queue, { type: 'retried', id: 1 })).toBe(queue);
    const waiting = after(added('a.png'));
    expect(nextQueue(waiting, { type: 'progressed', id: 1, sent: 3, total: 10 })).toBe(waiting);
    expect(nextQueue(waiting, { type: 'failed', id: 1, error: null })).toBe(waiting);
    const gone = nextQueue(queue, { type: 'cancelled', id: 1 });
    expect(nextQueue(gone, { type: 'progressed', id: 1, sent: 3, total: 10 })).toBe(gone);
    expect(nextQueue(gone, { type: 'finished', id: 1 })).toBe(gone);
  });

  it('starts the oldest waiting uploads while places are free', () => {
    let queue = after(added('a.png', 'b.png', 'c.png', 'd.png'));
    expect(toStart(queue, 2).map((upload) => upload.id)).toEqual([1, 2]);
    queue = after(added('a.png', 'b.png', 'c.png', 'd.png'), { type: 'started', id: 1 }, { type: 'started', id: 2 });
    expect(toStart(queue, 2)).toEqual([]);
    queue = nextQueue(queue, { type: 'failed', id: 1, error: null });
    expect(toStart(queue, 2).map((upload) => upload.id)).toEqual([3]);
  });

  it('counts as busy while anything waits, is sent or is paused, not for failures left to look at', () => {
    expect(isBusy([])).toBe(false);
    expect(isBusy(after(added('a.png')))).toBe(true);
    expect(isBusy(after(added('a.png'), { type: 'paused', id: 1 }))).toBe(true);
    const failed = after(added('a.png'), { type: 'started', id: 1 }, { type: 'failed', id: 1, error: null });
    expect(isBusy(failed)).toBe(false);
  });

  it('tells targets apart: a project’s new files, a file’s new versions', () => {
    expect(sameTarget({ projectId: 'p1' }, { projectId: 'p1' })).toBe(true);
    expect(sameTarget({ projectId: 'p1' }, { projectId: 'p2' })).toBe(false);
    expect(sameTarget({ fileId: 'f1' }, { fileId: 'f1' })).toBe(true);
    expect(sameTarget({ projectId: 'x' }, { fileId: 'x' })).toBe(false);
    expect(sameTarget({ fileId: 'x' }, { projectId: 'x' })).toBe(false);
  });

  it('reads nothing sent of nothing as 0%, and never more than 100%', () => {
    expect(percentSent({ sent: 0, total: 0 })).toBe(0);
    expect(percentSent({ sent: 130, total: 120 })).toBe(100);
  });
});
