/**
 * The close codes the collaboration server (/collab/{documentId}) ends a connection with.
 * y-websocket treats every 44xx close as final and stops reconnecting; these say what to do
 * instead. Any other close (a network drop, a restart) is reconnected by y-websocket itself.
 */
export const CLOSE_MALFORMED = 4400;
/**
 * Missing, invalid or expired token, or a session that ended while the document was open:
 * refresh the token and connect again (a refused refresh sends the page to sign in).
 */
export const CLOSE_UNAUTHORIZED = 4401;
/** The person lost access to the document's project while it was open. */
export const CLOSE_ACCESS_ENDED = 4403;
/** No such document, or no access to it: reconnecting cannot help. */
export const CLOSE_NOT_FOUND = 4404;
export const CLOSE_TOO_LARGE = 4413;

/** Why live editing stopped for good (until the page is opened again). */
export type CollabProblem = 'not_found' | 'access_ended' | 'too_large' | 'malformed' | 'refused' | 'unauthorized';

export function problemForClose(code: number): CollabProblem {
  switch (code) {
    case CLOSE_NOT_FOUND:
      return 'not_found';
    case CLOSE_ACCESS_ENDED:
      return 'access_ended';
    case CLOSE_TOO_LARGE:
      return 'too_large';
    case CLOSE_MALFORMED:
      return 'malformed';
    case CLOSE_UNAUTHORIZED:
      return 'unauthorized';
    default:
      return 'refused';
  }
}

/** What to tell the person; `not_found` gets a page of its own. */
export const PROBLEM_MESSAGES: Record<CollabProblem, string> = {
  not_found: 'This document no longer exists, or you no longer have access to it.',
  access_ended:
    'Your access to this project was removed while the document was open, so live editing stopped. Ask a project lead if you need it back.',
  too_large:
    'The server refused a change because it was too large, so live editing stopped. Copy anything you need, then reload the page.',
  malformed: 'The server could not read a change from this page, so live editing stopped. Reload the page to continue.',
  unauthorized: 'The server did not accept your session for live editing. Reload the page to continue.',
  refused: 'The server closed the live connection to this document. Reload the page to continue.',
};
