import { describe, expect, it } from 'vitest';
import { fileKeys } from '../files/queryKeys';
import { staleAfter } from './liveKeys';
import { projectKeys } from './queryKeys';

describe('what a live change makes stale', () => {
  it('reads only the file’s review comments again after a review comment', () => {
    expect(staleAfter('review:comment', 'p', 'f')).toEqual([{ queryKey: fileKeys.comments('f') }]);
  });

  it('reads the file, its versions, their reviews, the lists and the tasks’ files again after a decision', () => {
    expect(staleAfter('review:decision', 'p', 'f')).toEqual([
      { queryKey: fileKeys.lists('p') },
      { queryKey: projectKeys.taskFiles('p') },
      { queryKey: fileKeys.one('f'), exact: true },
      { queryKey: fileKeys.versions('f') },
      { queryKey: fileKeys.reviews('f') },
    ]);
  });

  it('reads every open file again when an event names no file', () => {
    expect(staleAfter('review:comment', 'p')).toEqual([{ queryKey: fileKeys.all }]);
    expect(staleAfter('review:decision', 'p', null)).toContainEqual({ queryKey: fileKeys.all });
  });

  it('reads the tasks’ files again when a task changes (a file attached or taken off) or a file does', () => {
    expect(staleAfter('task:updated', 'p', 't')).toContainEqual({ queryKey: projectKeys.taskFiles('p') });
    expect(staleAfter('task:updated', 'p', 't')).toContainEqual({ queryKey: projectKeys.board('p') });
    for (const event of ['file:created', 'file:version', 'file:updated', 'file:deleted', 'file:preview']) {
      expect(staleAfter(event, 'p', 'f')).toContainEqual({ queryKey: projectKeys.taskFiles('p') });
    }
  });
});
