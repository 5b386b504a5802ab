import { describe, expect, it } from 'vitest';
import { formatSize } from './formatSize';

const size = (bytes: number) => formatSize(bytes, 'en-US');

describe('formatSize', () => {
  it('counts bytes below a kilobyte', () => {
    expect(size(0)).toBe('0 bytes');
    expect(size(1)).toBe('1 byte');
    expect(size(812)).toBe('812 bytes');
    expect(size(1023)).toBe('1,023 bytes');
  });

  it('steps by 1024, with one decimal under 10 and none above', () => {
    expect(size(1024)).toBe('1 KB');
    expect(size(1536)).toBe('1.5 KB');
    expect(size(10 * 1024 + 300)).toBe('10 KB');
    expect(size(12.4 * 1024 * 1024)).toBe('12 MB');
    expect(size(3.25 * 1024 ** 3)).toBe('3.3 GB');
    expect(size(2 * 1024 ** 4)).toBe('2 TB');
  });

  it('moves to the next unit rather than show 1024 of this one', () => {
    expect(size(1024 * 1024 - 1)).toBe('1 MB');
    expect(size(1024 * 1023.7)).toBe('1 MB');
    expect(size(1024 * 1023.4)).toBe('1,023 KB');
  });

  it('stays in terabytes above them', () => {
    expect(size(5000 * 1024 ** 4)).toBe('5,000 TB');
  });
});
