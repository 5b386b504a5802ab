import type { VersionView } from '../api/schema';

/** The most pages of a PDF the server makes previews of (`?page=` 1 to 30). */
export const PREVIEWED_PAGES = 30;

/**
 * What a file's page shows of one version, by its type and its previews:
 * - `original`: a raster image, drawn from its own bytes in the viewer;
 * - `preview`: an SVG, drawn by the server (its large preview) in the same viewer;
 * - `pages`: a PDF whose previews are ready, page by page (`shown` of its `total` pages);
 * - `pdf`: a PDF without page previews (`preparing` while the server makes them), opened in
 *   the browser's own viewer;
 * - `none`: nothing to look at here (download it).
 * The first three are drawn in the image viewer, where comments are pinned.
 */
export type VersionDisplay =
  | { shows: 'original' }
  | { shows: 'preview' }
  | { shows: 'pages'; shown: number; total: number }
  | { shows: 'pdf'; preparing: boolean }
  | { shows: 'none' };

/** A PDF shown page by page. */
export type PagedDisplay = Extract<VersionDisplay, { shows: 'pages' }>;

/** What the image viewer draws: an image's bytes, an SVG's preview, a PDF's pages. */
export type ViewerDisplay = Extract<VersionDisplay, { shows: 'original' | 'preview' | 'pages' }>;

export function displayOf(version: Pick<VersionView, 'mime' | 'preview' | 'pages'>): VersionDisplay {
  const ready = version.preview === 'ready';
  if (version.mime === 'image/svg+xml') return ready ? { shows: 'preview' } : { shows: 'original' };
  if (version.mime.startsWith('image/')) return { shows: 'original' };
  if (version.mime === 'application/pdf') {
    if (!ready) return { shows: 'pdf', preparing: version.preview === 'pending' };
    // Ready previews without a count (never expected): the first page is there.
    const total = Math.max(1, version.pages ?? 1);
    return { shows: 'pages', shown: Math.min(total, PREVIEWED_PAGES), total };
  }
  return { shows: 'none' };
}

/** Whether the version is drawn in the image viewer, where a click pins a comment. */
export const isViewable = (display: VersionDisplay): display is ViewerDisplay =>
  display.shows === 'original' || display.shows === 'preview' || display.shows === 'pages';

/** A page number kept between 1 and the last page shown. */
export const clampPage = (page: number, shown: number): number => Math.min(Math.max(1, Math.round(page)), Math.max(1, shown));

/** What the pager says under a PDF that has more pages than the server previews, or nothing. */
export function pagesNote(display: VersionDisplay): string | null {
  if (display.shows !== 'pages' || display.total <= display.shown) return null;
  return `This PDF has ${display.total} pages: the first ${display.shown} are shown here; download it for the rest.`;
}
