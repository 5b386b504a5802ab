import { describe, expect, it } from 'vitest';
import { chosenVersion, versionSearch } from './versionChoice';

describe('the version a file page shows', () => {
  it('is the one in the address when the file has it', () => {
    expect(chosenVersion('2', 3)).toBe(2);
    expect(chosenVersion('3', 3)).toBe(3);
  });

  it('is the newest otherwise', () => {
    for (const param of [null, '', '0', '-1', '1.5', 'two', '4', '02']) expect(chosenVersion(param, 3)).toBe(3);
  });

  it('leaves the newest out of the address', () => {
    expect(versionSearch(3, 3)).toBe('');
    expect(versionSearch(1, 3)).toBe('?version=1');
  });
});
