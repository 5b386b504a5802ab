// What people do with the files attached to a task, as steps the browser tests share: the
// task drawer's Attachments section (attach a file of the project, remove one) and what a
// board card says of its files. Like the other *Pages.mjs, every step finds controls by label
// or role and waits for what the page shows, never for a time.

import { button, field } from './accountPages.mjs';
import { card } from './projectPages.mjs';

/** Opens a task's drawer from its card on the board; waits for its Attachments section. */
export async function openTask(page, title) {
  await card(page, title).getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('dialog', { name: title, exact: true }).waitFor();
  await attachments(page).waitFor();
}

/** The open drawer's "Close": back to the board. */
export async function closeTask(page) {
  await button(page.getByRole('dialog'), 'Close').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** The open task's Attachments section. */
export function attachments(page) {
  return page.getByRole('dialog').getByRole('region', { name: 'Attachments', exact: true });
}

/** One attached file in the open task's list, by its name. */
export function attachment(page, name) {
  return attachments(page)
    .getByRole('list', { name: 'Attached files', exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** "Attach a file": picks `name` among the project's files, attaches it, waits for it in the list. */
export async function attachFile(page, name) {
  const form = attachments(page).getByRole('form', { name: 'Attach a file', exact: true });
  await field(form, 'File to attach').selectOption({ label: name });
  await button(form, 'Attach').click();
  await attachment(page, name).waitFor();
}

/** What a board card says of its attached files ("1 file", "2 files"), inside the card. */
export function cardFiles(scope, title, count) {
  return card(scope, title).getByText(`${count} ${count === 1 ? 'file' : 'files'}`, { exact: true });
}
