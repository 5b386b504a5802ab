// Projects end to end: a project with a second person on it as editor, tasks on the board
// dragged between and within columns (the order survives a reload), the assignee's
// notification bell leading to the task, comments with a mention. Two browser contexts play
// the owner and the invited member.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { PASSWORD, button, field, heading, isPath, signUp, uniqueEmail } from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { browserSuite } from './browserSuite.mjs';
import { emailedLink } from './mailLog.mjs';
import { createOrganization, invite } from './organizationPages.mjs';
import {
  addTask,
  bell,
  bellWith,
  card,
  cardTitles,
  column,
  createProject,
  drag,
  openSection,
  waitForCards,
} from './projectPages.mjs';

const ACCEPT_PATH = '/invitations/accept';

describe('projects in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({ env: { AUTH_RATE_LIMIT_MAX: '1000' }, viewport: { width: 1600, height: 1000 } });
  const { url, newPerson } = suite;

  const suffix = () => randomUUID().slice(0, 8);

  /** An owner signed up in the browser, in a new organization, who invited `memberName` as a member who joined from the email. */
  async function studioWithMember(ownerName, memberName) {
    const owner = await newPerson();
    await owner.goto(url('/signup'));
    await signUp(owner, { name: ownerName, email: uniqueEmail('owner') });
    const studio = `Studio ${suffix()}`;
    const orgId = await createOrganization(owner, { name: studio });

    const memberEmail = uniqueEmail('member');
    await invite(owner, memberEmail, 'member');
    const link = await emailedLink(suite.server, { email: memberEmail, path: ACCEPT_PATH });
    const member = await newPerson();
    await member.goto(url(link));
    await heading(member, `Join ${studio}`).waitFor();
    await field(member, 'Name').fill(memberName);
    await field(member, 'Password').fill(PASSWORD);
    await button(member, 'Create account').click();
    await heading(member, studio).waitFor();
    return { owner, member, memberEmail, orgId };
  }

  it('staffs a project, drags tasks that stay put after a reload, and rings the assignee', async () => {
    const { owner, member, memberEmail } = await studioWithMember('Olga Owner', 'Ivan Member');

    // The owner creates a project (and leads it) and puts Ivan on it as an editor.
    const projectName = `Rebrand ${suffix()}`;
    const projectId = await createProject(owner, projectName);
    assert.ok(isPath(`/projects/${projectId}`)(new URL(owner.url())), `on the new project: ${owner.url()}`);
    await owner.getByText('Your role: Lead').waitFor();
    await openSection(owner, 'Members');
    await field(owner, 'Add a member').selectOption({ label: `Ivan Member (${memberEmail})` });
    await field(owner, 'Project role').selectOption('editor');
    await button(owner, 'Add to project').click();
    const members = owner.getByRole('list', { name: 'Project members' });
    const ivanRow = members.getByRole('listitem').filter({ hasText: memberEmail });
    await ivanRow.waitFor();
    assert.equal(await ivanRow.getByLabel('Project role of Ivan Member').inputValue(), 'editor');

    // Three tasks in To do, the second assigned to Ivan.
    await openSection(owner, 'Board');
    for (const label of ['To do', 'In progress', 'Review', 'Done', 'Blocked']) {
      await column(owner, label).waitFor();
    }
    await addTask(owner, 'To do', { title: 'Moodboard' });
    await addTask(owner, 'To do', { title: 'Logo concepts', assignee: 'Ivan Member' });
    await addTask(owner, 'To do', { title: 'Style guide' });
    await waitForCards(owner, 'To do', ['Moodboard', 'Logo concepts', 'Style guide']);
    await card(column(owner, 'To do'), 'Logo concepts').getByText('Ivan Member').waitFor();
    await button(column(owner, 'To do'), 'Close').click();

    // Drag "Moodboard" into In progress, then "Style guide" to the top of To do.
    const toInProgress = await drag(owner, card(owner, 'Moodboard'), column(owner, 'In progress'));
    assert.equal(toInProgress.status(), 200, `move across: ${await toInProgress.text()}`);
    assert.deepEqual(toInProgress.request().postDataJSON(), { status: 'in_progress', index: 0 });
    await waitForCards(owner, 'In progress', ['Moodboard']);
    await waitForCards(owner, 'To do', ['Logo concepts', 'Style guide']);

    const toTop = await drag(owner, card(owner, 'Style guide'), card(owner, 'Logo concepts'), { x: 24, y: 4 });
    assert.equal(toTop.status(), 200, `move within: ${await toTop.text()}`);
    assert.deepEqual(toTop.request().postDataJSON(), { status: 'todo', index: 0 });
    await waitForCards(owner, 'To do', ['Style guide', 'Logo concepts']);

    // The server kept the order: a reload shows the same board.
    await owner.reload();
    await card(column(owner, 'In progress'), 'Moodboard').waitFor();
    assert.deepEqual(await cardTitles(owner, 'To do'), ['Style guide', 'Logo concepts']);
    assert.deepEqual(await cardTitles(owner, 'In progress'), ['Moodboard']);

    // Ivan's bell says one unread; opening it leads to the task he was given.
    await member.reload();
    await bellWith(member, 1).waitFor();
    await bellWith(member, 1).click();
    const panel = member.getByRole('list', { name: 'Notifications' });
    const assigned = panel.getByRole('button', { name: /^(Unread: )?You were assigned .Logo concepts./ });
    await assigned.waitFor();
    await assigned.click();
    const taskDialog = member.getByRole('dialog', { name: 'Logo concepts' });
    await taskDialog.waitFor();
    await member.waitForURL((address) => address.pathname.startsWith(`/projects/${projectId}/tasks/`));
    await bellWith(member, 0).waitFor();

    // Ivan answers in the thread and mentions Olga, whose bell rings in turn.
    await field(taskDialog, 'Comment').fill('First sketches are up. ');
    await field(taskDialog, 'Mention').selectOption({ label: 'Olga Owner' });
    await button(taskDialog, 'Insert mention').click();
    assert.match(await field(taskDialog, 'Comment').inputValue(), /@Olga Owner/);
    await button(taskDialog, 'Post comment').click();
    const thread = taskDialog.getByRole('list', { name: 'Comments' });
    await thread.getByText('First sketches are up.', { exact: false }).waitFor();
    // Escape closes the task and goes back to the board.
    await member.keyboard.press('Escape');
    await taskDialog.waitFor({ state: 'hidden' });
    await member.waitForURL(isPath(`/projects/${projectId}`));
    await card(column(member, 'To do'), 'Logo concepts').waitFor();

    await owner.reload();
    await bellWith(owner, 1).click();
    await owner
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: /^(Unread: )?You were mentioned on .Logo concepts./ })
      .click();
    const ownerDialog = owner.getByRole('dialog', { name: 'Logo concepts' });
    await ownerDialog.getByRole('list', { name: 'Comments' }).getByText('@Olga Owner', { exact: false }).waitFor();
    await button(ownerDialog, 'Close').click();
    await ownerDialog.waitFor({ state: 'hidden' });
    assert.ok(isPath(`/projects/${projectId}`)(new URL(owner.url())), `back on the board: ${owner.url()}`);
  });

  it('puts a refused move back with the server’s words, and filters the project list', async () => {
    const ownerEmail = uniqueEmail('lead');
    const api = await signUpThroughApi(ownerEmail, 'Lena Lead');
    const organization = await api.as('POST', '/api/organizations', { name: `Studio ${suffix()}` });
    assert.equal(organization.status, 201, JSON.stringify(organization.body));
    const orgId = organization.body.id;

    // 51 projects: one more than a page. The oldest is on hold, the newest is named "Zeppelin".
    for (let n = 1; n <= 51; n += 1) {
      const body = { organizationId: orgId, name: n === 51 ? 'Zeppelin launch' : `Project ${n}` };
      if (n === 1) body.status = 'on_hold';
      const created = await api.as('POST', '/api/projects', body);
      assert.equal(created.status, 201, `project #${n}: ${JSON.stringify(created.body)}`);
    }

    const owner = await newPerson();
    await owner.goto(url('/login?next=%2Fprojects'));
    await field(owner, 'Email').fill(ownerEmail);
    await field(owner, 'Password').fill(PASSWORD);
    await button(owner, 'Sign in').click();
    await heading(owner, 'Projects').waitFor();
    const list = owner.getByRole('list', { name: 'Projects' }).getByRole('listitem');
    await list.first().waitFor();
    assert.equal(await list.count(), 50, 'one page of 50');
    assert.equal(await list.first().getByRole('link').innerText(), 'Zeppelin launch', 'newest first');
    await button(owner, 'Load more').click();
    await list.nth(50).waitFor();
    assert.equal(await button(owner, 'Load more').count(), 0, 'nothing older to load');

    await field(owner, 'Status').selectOption('on_hold');
    await owner.waitForURL((address) => address.searchParams.get('status') === 'on_hold');
    await owner.getByRole('list', { name: 'Projects' }).getByRole('link', { name: 'Project 1', exact: true }).waitFor();
    await owner.waitForFunction(() => document.querySelectorAll('ul[aria-label="Projects"] > li').length === 1);
    await field(owner, 'Status').selectOption('');
    await field(owner, 'Search').fill('zeppelin');
    await owner.waitForURL((address) => address.searchParams.get('q') === 'zeppelin');
    await owner.waitForFunction(() => document.querySelectorAll('ul[aria-label="Projects"] > li').length === 1);

    // On the board, a move the server refuses goes back where it was, with the server's message.
    await owner.getByRole('link', { name: 'Zeppelin launch', exact: true }).click();
    await heading(owner, 'Zeppelin launch').waitFor();
    await addTask(owner, 'To do', { title: 'Countdown' });
    await owner.route('**/api/projects/*/tasks/*/move', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'conflict', message: 'Someone else moved this task first.' }),
      }),
    );
    await drag(owner, card(owner, 'Countdown'), column(owner, 'Done'));
    await owner.getByRole('alert').filter({ hasText: 'Someone else moved this task first.' }).waitFor();
    await waitForCards(owner, 'To do', ['Countdown']);
    await waitForCards(owner, 'Done', []);
    await owner.unroute('**/api/projects/*/tasks/*/move');

    // The keyboard way: "Move", then the next column.
    await card(owner, 'Countdown').getByRole('button', { name: 'Move Countdown', exact: true }).click();
    await card(owner, 'Countdown').getByRole('button', { name: 'In progress →', exact: true }).click();
    await waitForCards(owner, 'In progress', ['Countdown']);
    // The card is a new element in its new column; its Move buttons keep the keyboard focus.
    await owner.waitForFunction(
      () => document.activeElement?.closest('[role="group"]')?.getAttribute('aria-label') === 'Move Countdown',
    );
    await owner.reload();
    await card(column(owner, 'In progress'), 'Countdown').waitFor();
    assert.equal(await bell(owner).getAttribute('aria-label'), 'Notifications, 0 unread');
  });

  /** An account made through the API, with a way to call the API as it (bearer token). */
  async function signUpThroughApi(email, name) {
    const client = new ApiClient(suite.server.baseUrl);
    const signup = await client.post('/api/auth/signup', { email, password: PASSWORD, name });
    assert.equal(signup.status, 201, `signup through the API: ${JSON.stringify(signup.body)}`);
    const authorization = `Bearer ${signup.body.accessToken}`;
    return {
      async as(method, path, body) {
        const response = await fetch(url(path), {
          method,
          headers: { authorization, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: response.status, body: await response.json().catch(() => undefined) };
      },
    };
  }
});
