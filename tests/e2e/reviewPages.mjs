// What people do in the design review of a file's versions, as steps the browser tests share:
// pinning a comment on the image, reading threads, deciding. Like the other *Pages.mjs, every
// step finds controls by label or role and waits for what the page shows, never for a time.

import { randomUUID } from 'node:crypto';
import { button, field } from './accountPages.mjs';
import { joinStudio, studioOfTwo } from './messagesPages.mjs';

/** The file page's image viewer (its stage, a region). */
export function imageViewer(page) {
  return page.getByRole('region', { name: 'Image viewer', exact: true });
}

/** The image in the viewer. */
export function viewerImage(page) {
  return imageViewer(page).locator('img.image-viewer__image');
}

/**
 * Clicks the viewer's image at `x`, `y` (fractions of its width and height from its top-left
 * corner), wherever the zoom and pan have put it: its box on the screen is the transformed one.
 */
export async function clickImageAt(page, x, y) {
  // The mouse clicks where the page is now: the stage has to be in the window first.
  await imageViewer(page).scrollIntoViewIfNeeded();
  const box = await viewerImage(page).boundingBox();
  if (!box) throw new Error('the viewer shows no image');
  await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
}

/** The composer a click on the image opens. */
export function pinComposer(page) {
  return page.getByRole('form', { name: 'New pinned comment', exact: true });
}

/** Pins `text` on the image at `x`, `y` (fractions) and waits for the composer to close. */
export async function pinComment(page, x, y, text) {
  await clickImageAt(page, x, y);
  const composer = pinComposer(page);
  await field(composer, 'Comment').fill(text);
  await button(composer, 'Pin comment').click();
  await composer.waitFor({ state: 'detached' });
}

/** A numbered marker on the image. */
export function pinMarker(page, number) {
  return imageViewer(page).getByRole('button', { name: `Pin ${number}`, exact: true });
}

/** The sidebar's threads on the version shown. */
export function threadList(page) {
  return page.getByRole('list', { name: 'Comment threads', exact: true });
}

/** One thread in the sidebar, by its number. */
export function thread(page, number) {
  return threadList(page).getByRole('listitem', { name: `Thread ${number}`, exact: true });
}

/** The review panel of version `number` ("Review of v2"). */
export function reviewPanel(page, number) {
  return page.getByRole('region', { name: `Review of v${number}`, exact: true });
}

/** A review state badge ("Approved", "Changes requested", "Pending review") inside `scope`. */
export function reviewBadge(scope, words) {
  return scope.locator('.review-badge').filter({ hasText: new RegExp(`^Review: ${words}$`) });
}

/** `name`'s current decision in the review panel of version `number` ("Cleo Client approved …"). */
export function decisionBy(page, number, name) {
  return reviewPanel(page, number)
    .getByRole('list', { name: 'Decisions', exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
}

/** Approves the version shown (or asks for changes) with an optional note, as a lead or reviewer. */
export async function decide(page, number, decision, note = '') {
  const form = reviewPanel(page, number).getByRole('form', { name: 'Your decision', exact: true });
  if (note) await field(form, 'Note (optional)').fill(note);
  await button(form, decision === 'approved' ? 'Approve' : 'Request changes').click();
}

/**
 * Holds the page's upload requests (a form's POST, or a resumable upload's POST and PATCHes)
 * until `release()`, so that the uploads are seen under way whatever their size.
 */
export async function holdUploads(page) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const isUpload = (url) => {
    const { pathname } = new URL(url);
    return /^\/api\/(uploads(\/|$)|projects\/[^/]+\/files$|files\/[^/]+\/versions$)/.test(pathname);
  };
  const hold = async (route) => {
    const method = route.request().method();
    if (method !== 'POST' && method !== 'PATCH') return route.fallback();
    await released;
    return route.fallback();
  };
  await page.route(isUpload, hold);
  // Once released, every upload request goes straight through.
  return { release };
}

/** The viewer's PDF pager ("Pages": previous, "Page N of M", next). */
export function pager(page) {
  return page.getByRole('group', { name: 'Pages', exact: true });
}

/** Waits until the viewer says it shows page `number` of `count`. */
export async function waitForPage(page, number, count) {
  await pager(page).getByText(`Page ${number} of ${count}`, { exact: true }).waitFor();
}

/** The picture of a PDF's page `number` in the viewer (its alt text names the file and the page). */
export function viewerPage(page, fileName, number) {
  return imageViewer(page).getByRole('img', { name: `${fileName}, page ${number}`, exact: true });
}

/** A studio's owner (who leads a new project `name`) and a client of the studio made a
 * reviewer on it. */
export async function projectWithClient(server, name) {
  const suffix = randomUUID().slice(0, 8);
  const { owner, organizationId } = await studioOfTwo(server, 'Dana Designer', 'Otto Other', `Studio ${suffix}`);
  const client = await joinStudio(server, owner, organizationId, 'Cleo Client', 'client');
  const project = await owner.call('POST', '/api/projects', { organizationId, name: `${name} ${suffix}` });
  await owner.call('PUT', `/api/projects/${project.id}/members/${client.id}`, { role: 'reviewer' });
  return { designer: owner, client, project };
}
