import { describe, expect, it } from 'vitest';
import type { FileView, TaskFileView } from '../api/schema';
import type { ReviewState } from '../api/vocabularies';
import {
  attachable,
  attachmentsByTask,
  fileCount,
  filesOfTask,
  withoutTaskFile,
  withTaskFiles,
  worstReview,
} from './taskAttachments';

const file = (id: string, review: ReviewState = 'pending'): FileView => ({
  id,
  projectId: 'p',
  name: `${id}.png`,
  kind: 'image',
  canManage: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  versionCount: 1,
  latest: {
    number: 1,
    contentUrl: `/api/files/${id}/versions/1/content`,
    createdAt: '2025-01-01T00:00:00Z',
    mime: 'image/png',
    preview: 'ready',
    review,
    sha256: '0'.repeat(64),
    size: 10,
  },
});

const on = (taskId: string, attached: FileView): TaskFileView => ({ taskId, file: attached });

describe('the badge of several files', () => {
  it('shows nothing while every file is pending, or when there are none', () => {
    expect(worstReview([])).toBeNull();
    expect(worstReview(['pending', 'pending'])).toBeNull();
  });

  it('shows approved once one is approved and none asks for changes', () => {
    expect(worstReview(['pending', 'approved'])).toBe('approved');
    expect(worstReview(['approved', 'approved'])).toBe('approved');
  });

  it('shows changes requested over approved, whatever the order', () => {
    expect(worstReview(['approved', 'changes_requested', 'pending'])).toBe('changes_requested');
    expect(worstReview(['changes_requested', 'approved'])).toBe('changes_requested');
  });
});

describe('attachments by task', () => {
  it('counts each task’s files and takes the worst of their newest versions’ states', () => {
    const byTask = attachmentsByTask([
      on('t1', file('a', 'approved')),
      on('t2', file('b')),
      on('t1', file('c', 'changes_requested')),
      on('t3', file('a', 'approved')),
    ]);
    expect(byTask.get('t1')).toEqual({ count: 2, review: 'changes_requested' });
    expect(byTask.get('t2')).toEqual({ count: 1, review: null });
    expect(byTask.get('t3')).toEqual({ count: 1, review: 'approved' });
    expect(byTask.has('t4')).toBe(false);
  });

  it('picks one task’s files in the order attached', () => {
    const items = [on('t1', file('a')), on('t2', file('b')), on('t1', file('c'))];
    expect(filesOfTask(items, 't1').map((one) => one.id)).toEqual(['a', 'c']);
    expect(filesOfTask(items, 't9')).toEqual([]);
  });

  it('offers only the files not on the task already', () => {
    expect(attachable([file('a'), file('b'), file('c')], [file('b')]).map((one) => one.id)).toEqual(['a', 'c']);
  });

  it('replaces one task’s files with the server’s answer and keeps the others’', () => {
    const items = [on('t1', file('a')), on('t2', file('b'))];
    const now = [on('t1', file('a')), on('t1', file('c'))];
    expect(withTaskFiles(items, 't1', now).map((item) => `${item.taskId}:${item.file.id}`)).toEqual(['t2:b', 't1:a', 't1:c']);
  });

  it('takes one file off one task only', () => {
    const items = [on('t1', file('a')), on('t2', file('a')), on('t1', file('b'))];
    expect(withoutTaskFile(items, 't1', 'a').map((item) => `${item.taskId}:${item.file.id}`)).toEqual(['t2:a', 't1:b']);
  });

  it('says how many files in words', () => {
    expect(fileCount(1)).toBe('1 file');
    expect(fileCount(3)).toBe('3 files');
  });
});
