// Organizations end to end: creating one, inviting by email, joining from the emailed link
// (signing up on the accept page, or signing in first), roles seen from both sides, and
// links that no longer work. Two browser contexts play the owner and the invitee.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  PASSWORD,
  button,
  field,
  heading,
  isPath,
  signIn,
  signUp,
  submitPassword,
  uniqueEmail,
} from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { bellWith } from './projectPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { emailedLink } from './mailLog.mjs';
import {
  createOrganization,
  invitationsList,
  invite,
  itemWith,
  mainNav,
  membersList,
  openSwitcher,
  openTab,
  roleLine,
} from './organizationPages.mjs';

const ACCEPT_PATH = '/invitations/accept';

describe('organizations in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({ env: { AUTH_RATE_LIMIT_MAX: '1000' } });
  const { url, newPerson } = suite;

  /** A new account through the sign-up page, signed in on `page`. */
  async function ownerOn(page, name) {
    const email = uniqueEmail('owner');
    await page.goto(url('/signup'));
    await signUp(page, { name, email });
    return email;
  }

  /** A name unique to the run (the database may be shared) and the slug the server makes from it. */
  function studioName() {
    const suffix = randomUUID().slice(0, 8);
    return { name: `Atelier Lumière ${suffix}`, slug: `atelier-lumiere-${suffix}` };
  }

  it('invites a member who signs up from the emailed link, and both see the role change', async () => {
    const owner = await newPerson();
    await ownerOn(owner, 'Olivia Owner');
    const studio = studioName();
    const orgId = await createOrganization(owner, { name: studio.name });
    assert.ok(isPath(`/organizations/${orgId}`)(new URL(owner.url())), `on the new organization: ${owner.url()}`);
    // The slug the server made from the name, and the switcher now names the organization.
    await owner.locator('main').getByText(studio.slug, { exact: true }).first().waitFor();
    await roleLine(owner, 'Owner').waitFor();
    await mainNav(owner).getByRole('button', { name: new RegExp(studio.name) }).waitFor();

    // A slug already in use is refused on the Slug field, with the server's words.
    await createOrganizationExpectingSlugError(owner, studio.slug);
    const menu = await openSwitcher(owner);
    await menu.getByRole('link', { name: new RegExp(studio.name) }).click();
    await heading(owner, studio.name).waitFor();

    const inviteeEmail = uniqueEmail('invitee');
    await invite(owner, inviteeEmail, 'member');

    // The invitee opens the emailed link in their own browser, signed out.
    const link = await emailedLink(suite.server, { email: inviteeEmail, path: ACCEPT_PATH });
    const invitee = await newPerson();
    await invitee.goto(url(link));
    await heading(invitee, `Join ${studio.name}`).waitFor();
    const facts = invitee.locator('main dl');
    assert.match(await facts.innerText(), /Member/);
    assert.match(await facts.innerText(), /Olivia Owner/);
    const emailField = field(invitee, 'Email');
    assert.equal(await emailField.inputValue(), inviteeEmail, 'the invited address is filled in');
    assert.equal(await emailField.isEditable(), false, 'and cannot be changed');
    await field(invitee, 'Name').fill('Ian Invitee');
    await field(invitee, 'Password').fill(PASSWORD);
    await button(invitee, 'Create account').click();
    await heading(invitee, studio.name).waitFor();
    assert.ok(isPath(`/organizations/${orgId}`)(new URL(invitee.url())), `landed in the organization: ${invitee.url()}`);
    await roleLine(invitee, 'Member').waitFor();
    await button(invitee.locator('header'), 'Sign out').waitFor();

    // The owner sees both members with their roles.
    await openTab(owner, 'Members');
    const inviteeRow = itemWith(membersList(owner), inviteeEmail);
    await inviteeRow.waitFor();
    assert.equal(await membersList(owner).getByRole('listitem').count(), 2);
    const ownerRow = itemWith(membersList(owner), 'Olivia Owner');
    assert.match(await ownerRow.innerText(), /Owner/);
    const roleSelect = inviteeRow.getByLabel('Role', { exact: true });
    assert.equal(await roleSelect.inputValue(), 'member');

    // The owner makes the invitee a client; the server agrees.
    const saved = owner.waitForResponse(
      (response) => response.request().method() === 'PATCH' && response.url().includes(`/members/`),
    );
    await roleSelect.selectOption('client');
    assert.equal((await saved).status(), 200);
    assert.equal(await roleSelect.inputValue(), 'client');

    // The invitee's view of the organization says client, and offers a client nothing to manage.
    await invitee.reload();
    await roleLine(invitee, 'Client').waitFor();
    const sections = invitee.getByRole('navigation', { name: 'Organization sections' });
    assert.equal(await sections.getByRole('link', { name: 'Invitations' }).count(), 0);
    await openTab(invitee, 'Members');
    const ownView = itemWith(membersList(invitee), inviteeEmail);
    await ownView.filter({ hasText: 'Client' }).waitFor();
    assert.equal(await membersList(invitee).getByRole('combobox').count(), 0, 'no role selects for a client');
    assert.equal(await membersList(invitee).getByRole('button', { name: 'Remove' }).count(), 0, 'no Remove for a client');

    // The link is spent: opened again, it says so.
    await invitee.goto(url(link));
    await invitee.getByText('This invitation has already been used.', { exact: false }).waitFor();
    assert.equal(await button(invitee, 'Create account').count(), 0);

    // The activity feed tells the story.
    await openTab(owner, 'Activity');
    const feed = owner.getByRole('list', { name: 'Activity' });
    await feed.getByRole('listitem').filter({ hasText: 'joined as Member' }).waitFor();
    await feed.getByRole('listitem').filter({ hasText: 'changed the role of Ian Invitee to Client' }).waitFor();
  });

  it('joins with one click after signing in, and tells another account it is not theirs', async () => {
    const owner = await newPerson();
    await ownerOn(owner, 'Odile Owner');
    const studio = studioName();
    const orgId = await createOrganization(owner, { name: studio.name });

    // The invitee already has an account.
    const inviteeEmail = uniqueEmail('existing');
    await signUpThroughApi(inviteeEmail, 'Eve Existing');
    await invite(owner, inviteeEmail, 'client');
    const link = await emailedLink(suite.server, { email: inviteeEmail, path: ACCEPT_PATH });

    // The owner opening it is signed in as someone else: told so, and offered to sign out.
    await owner.goto(url(link));
    await owner.getByText(`This invitation is for ${inviteeEmail}`, { exact: false }).waitFor();
    await button(owner, 'Sign out and continue').waitFor();
    assert.equal(await owner.getByRole('button', { name: /^Join/ }).count(), 0);

    // Signed out, the invitee goes to sign in and comes back to the invitation.
    const invitee = await newPerson();
    await invitee.goto(url(link));
    await heading(invitee, `Join ${studio.name}`).waitFor();
    await invitee.locator('main').getByRole('link', { name: 'Sign in', exact: true }).click();
    await heading(invitee, 'Sign in').waitFor();
    await submitPassword(invitee, inviteeEmail);
    await invitee.waitForURL(isPath(ACCEPT_PATH));
    await invitee.getByRole('button', { name: `Join ${studio.name}`, exact: true }).click();
    await heading(invitee, studio.name).waitFor();
    assert.ok(isPath(`/organizations/${orgId}`)(new URL(invitee.url())));
    await roleLine(invitee, 'Client').waitFor();
    const menu = await openSwitcher(invitee);
    await menu.getByRole('link', { name: new RegExp(studio.name) }).waitFor();
  });

  it('lets an account holder with a verified address join from the notification bell, without the invitation email', async () => {
    const owner = await newPerson();
    await ownerOn(owner, 'Olga Owner');
    const studio = studioName();
    const orgId = await createOrganization(owner, { name: studio.name });

    const invitee = await newPerson();
    const inviteeEmail = uniqueEmail('bell');
    await invitee.goto(url('/signup'));
    await signUp(invitee, { name: 'Bea Bell', email: inviteeEmail });
    // The app shows invitations only to an address its owner has proved.
    await invitee.goto(url(await emailedLink(suite.server, { email: inviteeEmail, path: '/verify-email' })));
    await invitee.locator('main').getByRole('status').waitFor();
    await invite(owner, inviteeEmail, 'member');

    await invitee.reload();
    await bellWith(invitee, 1).click();
    const panel = invitee.getByRole('list', { name: 'Notifications' });
    await panel.getByRole('button', { name: new RegExp(`^(Unread: )?You are invited to join ${studio.name}`) }).click();
    await invitee.waitForURL(isPath('/invitations'));
    await invitee.getByRole('button', { name: `Join ${studio.name}`, exact: true }).click();
    await heading(invitee, studio.name).waitFor();
    assert.ok(isPath(`/organizations/${orgId}`)(new URL(invitee.url())));
    await roleLine(invitee, 'Member').waitFor();
  });

  it('says clearly when a link was replaced, revoked or is unknown', async () => {
    const owner = await newPerson();
    await ownerOn(owner, 'Oscar Owner');
    const studio = studioName();
    await createOrganization(owner, { name: studio.name });
    const email = uniqueEmail('later');
    await invite(owner, email);
    const first = await emailedLink(suite.server, { email, path: ACCEPT_PATH });

    // "Resend" mails a new link; the first one stops working.
    const row = itemWith(invitationsList(owner), email);
    await button(row, 'Resend').click();
    await owner.getByText(`A new link was sent to ${email}.`).waitFor();
    const second = await emailedLink(suite.server, { email, path: ACCEPT_PATH, nth: 2 });
    assert.notEqual(second, first);

    const visitor = await newPerson();
    await visitor.goto(url(first));
    await visitor.getByText('This invitation link is no longer valid', { exact: false }).waitFor();

    await visitor.goto(url(second));
    await heading(visitor, `Join ${studio.name}`).waitFor();

    // "Revoke": the invitation is listed as revoked and its link says so.
    await button(row, 'Revoke').click();
    await row.filter({ hasText: 'Revoked' }).waitFor();
    assert.equal(await button(row, 'Resend').count(), 0, 'nothing to resend once revoked');
    await visitor.goto(url(second));
    await visitor.getByText('This invitation was withdrawn.', { exact: false }).waitFor();
    assert.equal(await button(visitor, 'Create account').count(), 0);

    await visitor.goto(url(`${ACCEPT_PATH}?token=not-a-real-token`));
    await visitor.getByText('This invitation link is no longer valid', { exact: false }).waitFor();
  });

  it('runs teams and the feed, hands ownership over, leaves, and the new owner deletes it', async () => {
    // Both people have accounts already; the owner's API token fills the feed quickly.
    const ownerEmail = uniqueEmail('founder');
    const ownerApi = await signUpThroughApi(ownerEmail, 'Frida Founder');
    const owner = await newPerson();
    await owner.goto(url('/login'));
    await signIn(owner, ownerEmail);

    await mainNav(owner).getByRole('link', { name: 'Organizations', exact: true }).click();
    await heading(owner, 'Organizations').waitFor();
    await owner.getByText('You are not in an organization yet').waitFor();
    const studio = studioName();
    const orgId = await createOrganization(owner, { name: studio.name });

    // The second person joins by signing up through the API with the emailed token.
    const partnerEmail = uniqueEmail('partner');
    await invite(owner, partnerEmail, 'admin');
    const link = await emailedLink(suite.server, { email: partnerEmail, path: ACCEPT_PATH });
    const token = new URL(link, suite.server.baseUrl).searchParams.get('token');
    const joined = await new ApiClient(suite.server.baseUrl).post('/api/auth/signup', {
      email: partnerEmail,
      password: PASSWORD,
      name: 'Paul Partner',
      invitationToken: token,
    });
    assert.equal(joined.status, 201, `signup with the invitation: ${JSON.stringify(joined.body)}`);

    // Teams: create, add the partner, rename, take him out again, delete.
    await openTab(owner, 'Teams');
    await field(owner, 'Team name').fill('Design');
    await button(owner, 'Create team').click();
    const teams = owner.getByRole('list', { name: 'Teams' });
    await teams.getByRole('heading', { name: 'Design', exact: true }).waitFor();
    await field(owner, 'Add a member').selectOption({ label: `Paul Partner (${partnerEmail})` });
    await button(owner, 'Add to team').click();
    await owner.getByRole('list', { name: 'Members of Design' }).getByText(partnerEmail).waitFor();
    await teams.getByText('1 member', { exact: true }).waitFor();
    await button(teams, 'Rename').click();
    await teams.getByLabel('Team name', { exact: true }).fill('Design studio');
    await button(teams, 'Save').click();
    await teams.getByRole('heading', { name: 'Design studio', exact: true }).waitFor();
    await button(owner.getByRole('list', { name: 'Members of Design studio' }), 'Remove').click();
    await teams.getByText('0 members', { exact: true }).waitFor();
    await button(teams, 'Delete team').click();
    await button(teams, 'Yes, delete').click();
    await owner.getByText('No teams yet').waitFor();

    // More entries than one page of the feed: "Load more" brings the older ones.
    for (let n = 1; n <= 50; n += 1) {
      const saved = await ownerApi.as('PATCH', `/api/organizations/${orgId}`, { description: `Revision ${n}` });
      assert.equal(saved.status, 200, `PATCH #${n}: ${JSON.stringify(saved.body)}`);
    }
    await openTab(owner, 'Activity');
    const feed = owner.getByRole('list', { name: 'Activity' }).getByRole('listitem');
    await feed.first().waitFor();
    assert.equal(await feed.count(), 50, 'one page of 50');
    await button(owner, 'Load more').click();
    await feed.nth(50).waitFor();
    await feed.filter({ hasText: 'created the organization' }).waitFor();
    assert.equal(await button(owner, 'Load more').count(), 0, 'nothing older to load');

    // The owner hands the organization to the partner and stays as an admin, then leaves.
    await openTab(owner, 'Overview');
    await field(owner, 'New owner').selectOption({ label: `Paul Partner (${partnerEmail})` });
    await button(owner, 'Transfer ownership').click();
    await button(owner, 'Make Paul Partner the owner').click();
    await roleLine(owner, 'Admin').waitFor();
    await button(owner, 'Leave organization').click();
    await button(owner, 'Yes, leave').click();
    await owner.waitForURL(isPath('/organizations'));
    await owner.getByText('You are not in an organization yet').waitFor();

    // The new owner deletes it, after typing its slug.
    const partner = await newPerson();
    await partner.goto(url(`/organizations/${orgId}`));
    await heading(partner, 'Sign in').waitFor();
    await submitPassword(partner, partnerEmail);
    await roleLine(partner, 'Owner').waitFor();
    await button(partner, 'Delete organization').click();
    await field(partner, `Type ${studio.slug} to confirm`).fill(studio.slug);
    await button(partner, 'Delete forever').click();
    await partner.waitForURL(isPath('/organizations'));
    const gone = await ownerApi.as('GET', `/api/organizations/${orgId}`);
    assert.equal(gone.status, 404);
    await partner.goto(url(`/organizations/${orgId}`));
    await heading(partner, 'Organization not found').waitFor();
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

  /** /organizations/new with a slug that is taken: the Slug field shows the server's refusal. */
  async function createOrganizationExpectingSlugError(page, slug) {
    const menu = await openSwitcher(page);
    await menu.getByRole('link', { name: 'New organization', exact: true }).click();
    await heading(page, 'New organization').waitFor();
    await field(page, 'Organization name').fill('Somebody Else');
    await field(page, 'Slug').fill(slug);
    await button(page, 'Create organization').click();
    const slugField = page.locator('input[name="slug"][aria-invalid="true"]');
    await slugField.waitFor();
    const describedBy = await slugField.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText();
    assert.ok(message.length > 0, 'the field carries the server message');
    assert.ok(isPath('/organizations/new')(new URL(page.url())), 'still on the form');
  }
});
