/**
 * Ref callbacks that point an element at fetched bytes through a `blob:` URL: for files that
 * needed the bearer token, which an `src` or `href` to the API cannot send. The URL is made
 * when the element mounts and revoked when it goes (or gets other bytes), so none outlives
 * its use. Memoize the callback per blob (useMemo), or each render makes a new URL.
 */

/** `<img ref={imageOf(blob)}>`. */
export const imageOf = (blob: Blob) => (image: HTMLImageElement | null) =>
  image ? pointAt(blob, (url) => (image.src = url)) : undefined;

/** `<a ref={linkTo(blob)}>`, e.g. a PDF opened in a new tab. */
export const linkTo = (blob: Blob) => (link: HTMLAnchorElement | null) =>
  link ? pointAt(blob, (url) => (link.href = url)) : undefined;

function pointAt(blob: Blob, point: (url: string) => void): () => void {
  const url = URL.createObjectURL(blob);
  point(url);
  return () => URL.revokeObjectURL(url);
}
