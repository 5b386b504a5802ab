import { describe, expect, it } from 'vitest';
import { fileKeys } from '../files/queryKeys';
import { staleAfter } from './liveKeys';

describe('what a live change makes stale', () => {
  it('reads only the file’s review comments again after a review comment', () => {
    expect(staleAfter('review:comment', 'p', 'f')).toEqual([{ queryKey: fileKeys.comments('f') }]);
  });

  it('reads the file, its versions, their reviews and the lists again after a decision', () => {
    expect(staleAfter('review:decision', 'p', 'f')).toEqual([
      { queryKey: fileKeys.lists('p') },
      { queryKey: fileKeys.one('f'), exact: true },
      { queryKey: fileKeys.versions('f') },
      { queryKey: fileKeys.reviews('f') },
    ]);
  });

  it('reads every open file again when an event names no file', () => {
    expect(staleAfter('review:comment', 'p')).toEqual([{ queryKey: fileKeys.all }]);
    expect(staleAfter('review:decision', 'p', null)).toContainEqual({ queryKey: fileKeys.all });
  });
});
