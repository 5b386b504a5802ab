// What people do on a project's documents, as steps the browser tests share. Like
// projectPages.mjs, every step finds controls by label or role and waits for what the page
// shows, never for a guessed time.

import { button, field, heading } from './accountPages.mjs';

/** The collaborative editor: a textbox named "Document text". */
export function editor(page) {
  return page.getByRole('textbox', { name: 'Document text', exact: true });
}

/** The save state ("Saved", "Saving…", "Offline — changes kept", "Connecting…"). */
export function saveStatus(page, text) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^${text}$`) });
}

/** Someone else's caret in the editor, labelled with their name. */
export function caretLabel(page, name) {
  return editor(page).locator('.collaboration-carets__label').filter({ hasText: new RegExp(`^${name}$`) });
}

/** Clicks into the editor, goes to the end of the text and types `text` there. */
export async function typeAtEnd(page, text, { newParagraph = false } = {}) {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  if (newParagraph) await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/**
 * The editor's text as the person reads it: others' carets (with their name labels) are
 * drawn inside the text, so they are left out.
 */
export function editorText(page) {
  return page.evaluate(readEditorText);
}

/** Waits until the editor's text holds every one of `includes` and none of `excludes`. */
export async function waitForText(page, { includes = [], excludes = [] }) {
  // A function, not a string: the app's Content-Security-Policy forbids evaluating strings.
  await page.waitForFunction(readEditorText, { wanted: includes, unwanted: excludes });
}

/** Runs in the page: the editor's text (null before it shows); given `expect`, whether that text holds every wanted part and no unwanted one. */
function readEditorText(expect) {
  const root = document.querySelector('[role="textbox"][aria-label="Document text"]');
  if (!root) return expect ? false : null;
  const copy = root.cloneNode(true);
  for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
  const text = copy.textContent;
  if (!expect) return text;
  return expect.wanted.every((part) => text.includes(part)) && expect.unwanted.every((part) => !text.includes(part));
}

/** The project's Documents section, then the document by its title in the list; waits for its editor. */
export async function openDocumentFromList(page, url, projectId, title) {
  await page.goto(url(`/projects/${projectId}/documents`));
  await page.getByRole('list', { name: 'Documents', exact: true }).getByRole('link', { name: title, exact: true }).click();
  await heading(page, title).waitFor();
  await editor(page).waitFor();
}

/** "New document" on the project's Documents section: lands in the new document's editor. */
export async function createDocument(page, url, projectId, title) {
  await page.goto(url(`/projects/${projectId}/documents`));
  await field(page, 'Document title').fill(title);
  await button(page, 'Create document').click();
  await heading(page, title).waitFor();
  await editor(page).waitFor();
  return new URL(page.url()).pathname.split('/')[4];
}

/** The history's list of saved versions. */
export function versions(page) {
  return page.getByRole('list', { name: 'Versions', exact: true });
}

/** A version by its name: a string names it exactly, a RegExp matches it ("Before restoring …"). */
export function versionItem(page, name) {
  const title = typeof name === 'string' ? page.getByText(name, { exact: true }) : page.getByText(name);
  return versions(page).getByRole('listitem').filter({ has: title });
}

/** "Save version" under `name`; waits for it in the history. */
export async function saveVersion(page, name) {
  await field(page, 'Version name').fill(name);
  await button(page, 'Save version').click();
  await versionItem(page, name).waitFor();
}

/** "Restore" on the version named `name`, confirmed; answers the server's response. */
export async function restoreVersion(page, name) {
  const item = versionItem(page, name);
  await button(item, 'Restore').click();
  const restored = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/restore'),
  );
  await button(item, 'Yes, restore').click();
  return restored;
}
