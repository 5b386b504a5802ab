// What a person does on the account pages, as steps the browser tests share. Every step
// finds controls by their label or role (what the user sees) and waits for the page to
// show the outcome, never for a guessed time.

import { randomUUID } from 'node:crypto';

/** Meets the server's rule: 8+ characters with upper, lower and a digit. */
export const PASSWORD = 'Correct-Horse-42';

/** A fresh address per test: the database may be shared by the whole run (PostgreSQL). */
export function uniqueEmail(label) {
  return `${label}-${randomUUID().slice(0, 12)}@studio.example`;
}

export function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

export function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

export function heading(page, name) {
  return page.getByRole('heading', { name, exact: true });
}

export function isPath(pathname) {
  return (url) => url.pathname === pathname;
}

/** Fills in /signup (the page must be open) and waits to land signed in on `landing`. */
export async function signUp(page, { name, email, password = PASSWORD, userType = 'designer', landing = 'Projects' }) {
  await field(page, 'Name').fill(name);
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await field(page, 'I am a').selectOption(userType);
  await button(page, 'Create account').click();
  await heading(page, landing).waitFor();
  await button(page.locator('header'), 'Sign out').waitFor();
}

/** Fills in the login form's first step (the page must show it). */
export async function submitPassword(page, email, password = PASSWORD) {
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await button(page, 'Sign in').click();
}

export async function signIn(page, email, password = PASSWORD) {
  await submitPassword(page, email, password);
  await heading(page, 'Projects').waitFor();
}

/** "Sign out" in the header, which lands on a plain /login (no ?next=). */
export async function signOut(page) {
  await button(page.locator('header'), 'Sign out').click();
  await page.waitForURL((url) => url.pathname === '/login' && !url.searchParams.has('next'));
  await heading(page, 'Sign in').waitFor();
}

export async function openSecurityPage(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security', exact: true }).click();
  await heading(page, 'Security').waitFor();
}
