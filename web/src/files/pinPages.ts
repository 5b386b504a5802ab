import type { PinView } from '../api/schema';
import type { ReviewThread } from './reviewThreads';

/**
 * Review pins on a PDF's pages: each thread pinned to a PDF names its page (`pin.page`, from
 * 1), and the viewer draws a page's markers only while that page is shown. On an image, pins
 * have no page and all show.
 */

/** The page a thread is pinned on (a PDF pin without one is taken as the first), or null when it is not pinned to a page. */
export function pageOfPin(pin: Pick<PinView, 'page'> | null | undefined, paged: boolean): number | null {
  if (!pin || !paged) return null;
  return pin.page ?? 1;
}

/** The threads whose markers show while `page` is shown (every pinned one on an image: `page` null). */
export function threadsOnPage(threads: readonly ReviewThread[], page: number | null): ReviewThread[] {
  if (page === null) return [...threads];
  return threads.filter((thread) => !thread.root.pin || pageOfPin(thread.root.pin, true) === page);
}

/** The page to go to when a thread is selected: its pin's, or null to stay (not pinned, or not a PDF). */
export const pageOfThread = (threads: readonly ReviewThread[], rootId: string, paged: boolean): number | null =>
  pageOfPin(threads.find((thread) => thread.root.id === rootId)?.root.pin, paged);

/** Where a thread is, in words: "the whole version", "a point on the image", "an area of page 2"… */
export function placeOfPin(pin: PinView | null | undefined, paged: boolean): string {
  if (!pin) return 'the whole version';
  const area = pin.width != null && pin.height != null;
  const page = pageOfPin(pin, paged);
  if (page === null) return area ? 'an area of the image' : 'a point on the image';
  return area ? `an area of page ${page}` : `a point on page ${page}`;
}
