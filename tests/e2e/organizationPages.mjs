// What a person does on the organization pages, as steps the browser tests share. Like
// accountPages.mjs, every step finds controls by label or role and waits for the outcome.

import { button, field, heading } from './accountPages.mjs';

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** The side navigation's organization switcher: opens its menu. */
export async function openSwitcher(page) {
  const toggle = mainNav(page).getByRole('button', { name: /^Organization/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return mainNav(page).getByRole('list', { name: 'Your organizations' });
}

/** "New organization" from the switcher, then the form; waits for the organization's page. */
export async function createOrganization(page, { name, slug }) {
  const menu = await openSwitcher(page);
  await menu.getByRole('link', { name: 'New organization', exact: true }).click();
  await heading(page, 'New organization').waitFor();
  await field(page, 'Organization name').fill(name);
  if (slug) await field(page, 'Slug').fill(slug);
  await button(page, 'Create organization').click();
  await heading(page, name).waitFor();
  return new URL(page.url()).pathname.split('/')[2];
}

/** One of the organization's tabs (Overview, Members, Invitations, Teams, Activity). */
export async function openTab(page, name) {
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name, exact: true }).click();
}

export function membersList(page) {
  return page.getByRole('list', { name: 'Members' });
}

export function invitationsList(page) {
  return page.getByRole('list', { name: 'Invitations' });
}

/** The list item holding `text` (an email address). */
export function itemWith(list, text) {
  return list.getByRole('listitem').filter({ hasText: text });
}

/** Invitations tab: email and role, "Invite", and the new invitation listed as pending. */
export async function invite(page, email, role = 'member') {
  await openTab(page, 'Invitations');
  await field(page, 'Email').fill(email);
  await field(page, 'Role').selectOption(role);
  await button(page, 'Invite').click();
  await itemWith(invitationsList(page), email).filter({ hasText: 'Pending' }).waitFor();
}

/** "Your role: …" under the organization's name. */
export function roleLine(page, roleLabel) {
  return page.locator('.org-heading__meta').filter({ hasText: `Your role: ${roleLabel}` });
}
