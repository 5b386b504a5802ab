import { describe, expect, it } from 'vitest';
import { clampPage, displayOf, isViewable, pagesNote } from './versionDisplay';

const version = (mime: string, preview: 'none' | 'pending' | 'ready' | 'failed', pages: number | null = null) => ({
  mime,
  preview,
  pages,
});

describe('what a version shows', () => {
  it('draws raster images from their own bytes, whatever their previews', () => {
    expect(displayOf(version('image/png', 'ready'))).toEqual({ shows: 'original' });
    expect(displayOf(version('image/tiff', 'pending'))).toEqual({ shows: 'original' });
  });

  it('draws an SVG from its large preview once made, from its bytes before', () => {
    expect(displayOf(version('image/svg+xml', 'ready'))).toEqual({ shows: 'preview' });
    expect(displayOf(version('image/svg+xml', 'pending'))).toEqual({ shows: 'original' });
  });

  it('shows a PDF page by page once its previews are ready, at most 30 of them', () => {
    expect(displayOf(version('application/pdf', 'ready', 3))).toEqual({ shows: 'pages', shown: 3, total: 3 });
    expect(displayOf(version('application/pdf', 'ready', 45))).toEqual({ shows: 'pages', shown: 30, total: 45 });
    expect(displayOf(version('application/pdf', 'ready', null))).toEqual({ shows: 'pages', shown: 1, total: 1 });
  });

  it('opens a PDF without page previews in the browser, saying when they are on their way', () => {
    expect(displayOf(version('application/pdf', 'pending'))).toEqual({ shows: 'pdf', preparing: true });
    expect(displayOf(version('application/pdf', 'failed'))).toEqual({ shows: 'pdf', preparing: false });
  });

  it('has nothing to show of other types', () => {
    expect(displayOf(version('video/mp4', 'none'))).toEqual({ shows: 'none' });
    expect(isViewable({ shows: 'none' })).toBe(false);
    expect(isViewable({ shows: 'pdf', preparing: true })).toBe(false);
    expect(isViewable({ shows: 'pages', shown: 2, total: 2 })).toBe(true);
    expect(isViewable({ shows: 'preview' })).toBe(true);
  });
});

describe('pages', () => {
  it('keeps a page between the first and the last shown', () => {
    expect(clampPage(0, 3)).toBe(1);
    expect(clampPage(2, 3)).toBe(2);
    expect(clampPage(7, 3)).toBe(3);
    expect(clampPage(2, 0)).toBe(1);
  });

  it('says the rest is in the download only when there are more pages than previews', () => {
    expect(pagesNote({ shows: 'pages', shown: 3, total: 3 })).toBeNull();
    expect(pagesNote({ shows: 'pages', shown: 30, total: 45 })).toBe(
      'This PDF has 45 pages: the first 30 are shown here; download it for the rest.',
    );
    expect(pagesNote({ shows: 'original' })).toBeNull();
  });
});
