import { describe, expect, it } from 'vitest';
import { storageUsage } from './storageUsage';

const MB = 1024 * 1024;

describe('storageUsage', () => {
  it('says what is used of the quota, and how full it is', () => {
    expect(storageUsage({ usedBytes: 12 * MB, quotaBytes: 1024 * MB }, 'en')).toEqual({ words: '12 MB used of 1 GB', percent: (12 / 1024) * 100 });
    expect(storageUsage({ usedBytes: 0, quotaBytes: 50 * MB }, 'en')).toEqual({ words: '0 bytes used of 50 MB', percent: 0 });
  });

  it('says only what is used when there is no quota', () => {
    expect(storageUsage({ usedBytes: 1536, quotaBytes: null }, 'en')).toEqual({ words: '1.5 KB used', percent: null });
    expect(storageUsage({ usedBytes: 1 }, 'en')).toEqual({ words: '1 byte used', percent: null });
  });

  it('reads a quota passed (it can be lowered after the fact), or of nothing, as full', () => {
    expect(storageUsage({ usedBytes: 60 * MB, quotaBytes: 50 * MB }, 'en')).toMatchObject({ words: '60 MB used of 50 MB', percent: 100 });
    expect(storageUsage({ usedBytes: 0, quotaBytes: 0 }, 'en')).toMatchObject({ percent: 100 });
  });
});
