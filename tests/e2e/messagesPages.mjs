// What people do on the Messages page (and the live board), as steps the browser tests
// share, plus the REST set-up those tests start from. Like projectPages.mjs, every step
// finds controls by label or role and waits for the outcome, never for a guessed time.

import assert from 'node:assert/strict';
import { PASSWORD, button, field, heading, uniqueEmail } from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { mainNav } from './organizationPages.mjs';
import { verifyEmail } from './realtimeStudio.mjs';

// --- Set-up over REST ----------------------------------------------------------------------

/** A person signed up through the API, who can call it with their bearer token. */
export async function apiPerson(server, name) {
  const email = uniqueEmail(name.split(' ')[0].toLowerCase());
  const signup = await new ApiClient(server.baseUrl).post('/api/auth/signup', { email, password: PASSWORD, name });
  assert.equal(signup.status, 201, `signup of ${name}: ${JSON.stringify(signup.body)}`);
  const authorization = `Bearer ${signup.body.accessToken}`;
  return {
    name,
    email,
    id: signup.body.user.id,
    token: signup.body.accessToken,
    /** One request as this person; insists on a 2xx and answers the body. */
    async call(method, path, body) {
      const response = await fetch(new URL(path, server.baseUrl), {
        method,
        headers: { authorization, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      assert.ok(response.ok, `${method} ${path} as ${name} answered ${response.status}: ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
  };
}

/** Two people in one organization: `ownerName` made it and invited `memberName`, who accepted. */
export async function studioOfTwo(server, ownerName, memberName, studioName) {
  const owner = await apiPerson(server, ownerName);
  const member = await apiPerson(server, memberName);
  await verifyEmail(server, member.email);
  const organization = await owner.call('POST', '/api/organizations', { name: studioName });
  await owner.call('POST', `/api/organizations/${organization.id}/invitations`, { email: member.email, role: 'member' });
  const mine = await member.call('GET', '/api/invitations/mine');
  const invitation = mine.items.find((item) => item.organizationId === organization.id);
  assert.ok(invitation, `${memberName} sees the invitation to ${studioName}`);
  await member.call('POST', `/api/invitations/mine/${invitation.id}/accept`);
  return { owner, member, organizationId: organization.id };
}

/** Someone else signed up, invited to the organization by `owner` as `role`, and in it. */
export async function joinStudio(server, owner, organizationId, name, role = 'member') {
  const person = await apiPerson(server, name);
  await verifyEmail(server, person.email);
  await owner.call('POST', `/api/organizations/${organizationId}/invitations`, { email: person.email, role });
  const mine = await person.call('GET', '/api/invitations/mine');
  const invitation = mine.items.find((item) => item.organizationId === organizationId);
  assert.ok(invitation, `${name} sees the invitation`);
  await person.call('POST', `/api/invitations/mine/${invitation.id}/accept`);
  return person;
}

// --- The Messages page ---------------------------------------------------------------------

/** "Messages" in the side navigation: named "Messages" or "Messages, N unread". */
export function messagesNav(page, unread = 0) {
  const name = unread > 0 ? `Messages, ${unread} unread` : 'Messages';
  return mainNav(page).getByRole('link', { name, exact: true });
}

export async function openMessages(page) {
  await mainNav(page).getByRole('link', { name: /^Messages/ }).click();
  await heading(page, 'Messages').waitFor();
}

/** "New message", tick `names`, start: waits for the new conversation to be open. */
export async function startConversation(page, names, title = names.join(', ')) {
  await button(page, 'New message').click();
  const form = page.getByRole('form', { name: 'New conversation' });
  for (const name of names) await form.getByLabel(name, { exact: true }).check();
  await button(form, names.length > 1 ? 'Start group' : 'Start conversation').click();
  await chat(page, title).waitFor();
  return new URL(page.url()).pathname.split('/')[2];
}

/** A conversation in the list, by title (and its unread count, when it has one). */
export function conversationLink(page, title, unread = 0) {
  const name = unread > 0 ? `${title}, ${unread} unread` : title;
  return page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name, exact: true });
}

/** The open conversation: a region named after its title. */
export function chat(page, title) {
  return page.getByRole('region', { name: title, exact: true });
}

/** The message (or reply) in `scope` whose text holds `text`. */
export function messageItem(scope, text, list = 'Messages') {
  return scope.getByRole('list', { name: list, exact: true }).getByRole('listitem').filter({ hasText: text });
}

/** Writes and sends a message; waits until the server has it (no longer "Sending…"). */
export async function sendMessage(scope, text, { label = 'Message', submit = 'Send', list = 'Messages' } = {}) {
  await field(scope, label).fill(text);
  await button(scope, submit).click();
  const item = messageItem(scope, text, list);
  await item.waitFor();
  await item.filter({ hasText: 'Sending…' }).waitFor({ state: 'detached' });
  return item;
}

/** The people named in the open conversation's header (not the caller). */
export function peopleInChat(scope) {
  return scope.getByRole('list', { name: 'People in this conversation', exact: true });
}

/** The notice left when the person leaves a conversation or is removed from it. */
export function removalNotice(page, title) {
  return page.getByRole('status').filter({ hasText: `You’re no longer in “${title}”.` });
}

/** "Ann is typing…" and the like, under the open conversation. */
export function typingIndicator(scope, text) {
  return scope.getByRole('status').filter({ hasText: text });
}

// --- The live board --------------------------------------------------------------------------

/** "Also here: …" on a project's page. */
export function alsoHere(page, names) {
  return page.getByText(`Also here: ${names.join(', ')}`, { exact: true });
}
