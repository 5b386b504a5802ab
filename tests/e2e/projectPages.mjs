// What a person does on the project pages, as steps the browser tests share. Like
// organizationPages.mjs, every step finds controls by label or role and waits for the outcome.

import { button, field, heading } from './accountPages.mjs';
import { mainNav } from './organizationPages.mjs';

/** "Projects" in the side navigation, then "New project" and its form; waits for the project's page. */
export async function createProject(page, name) {
  await mainNav(page).getByRole('link', { name: 'Projects', exact: true }).click();
  await heading(page, 'Projects').waitFor();
  await button(page, 'New project').click();
  await field(page, 'Project name').fill(name);
  await button(page, 'Create project').click();
  await heading(page, name).waitFor();
  return new URL(page.url()).pathname.split('/')[2];
}

/** One of the project's sections (Board, Milestones, Members, Activity). */
export async function openSection(page, name) {
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name, exact: true }).click();
}

/** A board column: `<section aria-label="To do">` and the like. */
export function column(page, label) {
  return page.getByRole('region', { name: label, exact: true });
}

/** A card on the board (anywhere, or in one column), by its task's title. */
export function card(scope, title) {
  return scope.getByRole('article', { name: title, exact: true });
}

/** "Add task" under a column, then title (and assignee); waits for the card. Leaves the form open. */
export async function addTask(page, columnLabel, { title, assignee }) {
  const where = column(page, columnLabel);
  const add = where.getByRole('button', { name: `Add task to ${columnLabel}`, exact: true });
  // The board may still be loading: wait for the button or an open form, then decide.
  await add.or(field(where, 'Task title')).first().waitFor();
  if (await add.isVisible()) await add.click();
  await field(where, 'Task title').fill(title);
  if (assignee) await field(where, 'Assignee').selectOption({ label: assignee });
  await button(where, 'Create task').click();
  await card(where, title).waitFor();
}

/**
 * Waits until a column shows exactly these cards, top to bottom (the page's own order,
 * polled by the browser: no guessed delay).
 */
export async function waitForCards(page, columnLabel, titles) {
  await page.waitForFunction(
    ([label, expected]) => {
      const section = document.querySelector(`section[aria-label="${label}"]`);
      if (!section) return false;
      const shown = [...section.querySelectorAll('article h4')].map((title) => title.textContent.trim());
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    [columnLabel, titles],
  );
}

export async function cardTitles(page, columnLabel) {
  return column(page, columnLabel).locator('article h4').allInnerTexts();
}

/**
 * Drags `source` onto `target` with the mouse (native HTML5 drag and drop) and answers the
 * server's response to the move it makes. `position` is where on the target to let go.
 */
export async function drag(page, source, target, position) {
  const moved = page.waitForResponse(
    (response) => response.request().method() === 'POST' && /\/tasks\/[^/]+\/move$/.test(new URL(response.url()).pathname),
  );
  await source.dragTo(target, position ? { targetPosition: position } : {});
  return moved;
}

/** The header's bell: "Notifications, N unread". */
export function bell(page) {
  return page.locator('header').getByRole('button', { name: /^Notifications, \d+ unread$/ });
}

export function bellWith(page, unread) {
  return page.locator('header').getByRole('button', { name: `Notifications, ${unread} unread`, exact: true });
}
