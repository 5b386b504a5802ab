/** Where to go after signing in when nothing else was asked for. */
export const HOME_PATH = '/projects';

/**
 * The `next` query parameter, only if it is a path on this site: an absolute URL or a
 * protocol-relative `//host` would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_PATH;
  return next;
}

/** `/login?next=…` for the page the visitor was on. */
export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return `/login?next=${encodeURIComponent(here)}`;
}
