// Accounts end to end: the web app's sign-up, sign-in, sessions and two-factor pages
// against the real server, in headless Chromium, with a second "device" played by Node's
// fetch.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  PASSWORD,
  button,
  field,
  heading,
  isPath,
  openSecurityPage,
  signIn,
  signOut,
  signUp,
  submitPassword,
  uniqueEmail,
} from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { launchChromium } from './chromium.mjs';
import { startServer } from './harness.mjs';
import { emailedLink } from './mailLog.mjs';
import { nextStepAfter, stepAt, totpForStep } from './totp.mjs';

describe('accounts in the browser', { timeout: 240_000 }, () => {
  let server;
  let browser;
  /** A fresh browser profile (cookies) per test, so each starts signed out. */
  let context;
  let page;
  let pageErrors;

  const url = (path) => new URL(path, server.baseUrl).href;

  before(async () => {
    // Many sign-ups and sign-ins from one address: keep the auth rate limiter out of the way.
    server = await startServer({ env: { AUTH_RATE_LIMIT_MAX: '1000' } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    pageErrors = [];
    context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    context.on('weberror', (webError) => pageErrors.push(webError.error()));
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
    assert.deepEqual(pageErrors.map(String), [], 'page scripts threw');
  });

  function sessionList() {
    return page.getByRole('list', { name: 'Sessions' });
  }

  /** POST /api/auth/refresh from a fresh client holding only this refresh token as its cookie. */
  async function refreshWith(cookieName, refreshToken) {
    const probe = new ApiClient(server.baseUrl);
    probe.cookies.set(cookieName, refreshToken);
    return probe.post('/api/auth/refresh');
  }

  it('signs up, out and in, survives a reload, and revokes another device', async () => {
    const email = uniqueEmail('sessions');

    await page.goto(url('/signup'));
    await signUp(page, { name: 'Ada Lovelace', email });
    assert.match(await page.locator('header').innerText(), /Ada Lovelace/);

    await signOut(page);
    await signIn(page, email);

    // The access token lives in memory only: a reload gets a new one from the refresh cookie.
    await page.reload();
    await heading(page, 'Projects').waitFor();
    assert.ok(isPath('/projects')(new URL(page.url())), `still on /projects after reload: ${page.url()}`);
    await button(page.locator('header'), 'Sign out').waitFor();

    await openSecurityPage(page);
    await sessionList().getByRole('listitem').filter({ hasText: 'This device' }).waitFor();
    assert.equal(await sessionList().getByRole('listitem').count(), 1, 'signing out ended the first session');

    // A second device: a script signing in with the same password.
    const device = new ApiClient(server.baseUrl, { userAgent: 'curl/8.0' });
    const login = await device.post('/api/auth/login', { email, password: PASSWORD });
    assert.equal(login.status, 200, `login from fetch: ${JSON.stringify(login.body)}`);
    const { refreshToken } = login.body;
    assert.equal(typeof refreshToken, 'string', 'the login body carries a refresh token');
    const refreshCookie = device.cookieNameHolding(refreshToken);
    assert.ok(refreshCookie, `the login set a cookie holding the refresh token; cookies: ${[...device.cookies.keys()]}`);

    await page.reload();
    const items = sessionList().getByRole('listitem');
    await items.nth(1).waitFor();
    assert.equal(await items.count(), 2);
    const other = items.filter({ hasNotText: 'This device' });
    assert.equal(await other.count(), 1, 'exactly one session is not this device');
    await button(other, 'Revoke').click();
    await other.waitFor({ state: 'detached' });
    assert.equal(await items.count(), 1);
    await items.filter({ hasText: 'This device' }).waitFor();

    const refused = await refreshWith(refreshCookie, refreshToken);
    assert.equal(refused.status, 401, `refresh with the revoked session's token: ${JSON.stringify(refused.body)}`);

    // Control: the same request with a live session's token works, so the 401 above is the revocation.
    const control = await new ApiClient(server.baseUrl).post('/api/auth/login', { email, password: PASSWORD });
    assert.equal(control.status, 200);
    const accepted = await refreshWith(refreshCookie, control.body.refreshToken);
    assert.equal(accepted.status, 200, `refresh with a live token: ${JSON.stringify(accepted.body)}`);

    // "Sign out everywhere" ends this browser's session and the script's.
    await button(page, 'Sign out everywhere').click();
    await page.waitForURL(isPath('/login'));
    await heading(page, 'Sign in').waitFor();
    const afterAll = await refreshWith(refreshCookie, accepted.body.refreshToken);
    assert.equal(afterAll.status, 401, `refresh after signing out everywhere: ${JSON.stringify(afterAll.body)}`);
    await page.reload();
    await heading(page, 'Sign in').waitFor();
  });

  it('refreshes the access token a minute before it expires, without a request failing first', async () => {
    // The page's clock is fake, so 14 minutes pass at once; the server keeps real time.
    await page.clock.install();
    let refreshes = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/auth/refresh') refreshes += 1;
    });

    await page.goto(url('/signup'));
    await signUp(page, { name: 'Annie Easley', email: uniqueEmail('timer') });
    assert.equal(refreshes, 1, 'one refresh at start-up (refused: nobody was signed in yet)');

    // Access tokens live 900 s; the refresh is due at 840 s.
    await page.clock.fastForward('13:50');
    // A request of our own after the jump: a refresh started by it would have been seen first.
    await page.evaluate(() => fetch('/api/health').then((response) => response.status));
    assert.equal(refreshes, 1, 'no refresh ten seconds before it is due');
    const refreshed = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/auth/refresh',
    );
    await page.clock.fastForward('00:11');
    assert.equal((await refreshed).status(), 200);

    // The new token works: a page that needs it loads.
    await openSecurityPage(page);
    await sessionList().getByRole('listitem').filter({ hasText: 'This device' }).waitFor();
  });

  it('keeps two tabs signed in when they reload at the same moment', async () => {
    // Both tabs start by refreshing with the same rotating cookie. Sent together, the
    // second would be a reused token and end the session; the tabs must take turns.
    await page.goto(url('/signup'));
    await signUp(page, { name: 'Katherine Johnson', email: uniqueEmail('tabs') });
    const second = await context.newPage();
    await second.goto(url('/settings/security'));
    await heading(second, 'Security').waitFor();

    // Each refresh is held back a little before it reaches the server, so the tabs'
    // start-up refreshes overlap in time unless the app makes them take turns.
    const statuses = [];
    await context.route('**/api/auth/refresh', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const response = await route.fetch();
      statuses.push(response.status());
      await route.fulfill({ response });
    });
    await Promise.all([page.reload(), second.reload()]);
    await heading(second, 'Security').waitFor();
    await openSecurityPage(page);
    await sessionList().getByRole('listitem').filter({ hasText: 'This device' }).waitFor();
    assert.deepEqual(statuses, [200, 200], 'both refreshes succeed, neither is taken for reuse');
    assert.equal(await sessionList().getByRole('listitem').count(), 1, 'still one session');
  });

  it('sends a user whose session was revoked elsewhere back to sign in, remembering the page', async () => {
    const email = uniqueEmail('revoked');
    await page.goto(url('/signup'));
    await signUp(page, { name: 'Christine Darden', email });
    await openSecurityPage(page);
    await sessionList().getByRole('listitem').filter({ hasText: 'This device' }).waitFor();

    // From another device: end the browser's session.
    const device = new ApiClient(server.baseUrl);
    const login = await device.post('/api/auth/login', { email, password: PASSWORD });
    assert.equal(login.status, 200);
    const bearer = { authorization: `Bearer ${login.body.accessToken}` };
    const listed = await fetch(url('/api/auth/sessions'), { headers: bearer }).then((response) => response.json());
    const browserSession = listed.sessions.find((session) => !session.isCurrent);
    assert.ok(browserSession, `the browser's session is listed: ${JSON.stringify(listed)}`);
    const revoked = await fetch(url(`/api/auth/sessions/${browserSession.id}`), { method: 'DELETE', headers: bearer });
    assert.equal(revoked.status, 200);

    // Back to sign in, by whichever comes first: the next request (401, and the refresh is
    // refused too), or the page's own live connection, which the server closed with the
    // session (the tab then signs out by itself, or a background read meets the 401).
    const signedOut = page.waitForURL(isPath('/login'));
    await Promise.race([
      signedOut,
      button(page, 'Set up two-factor authentication')
        .click()
        .catch(() => {}),
    ]);
    await signedOut;
    assert.equal(new URL(page.url()).searchParams.get('next'), '/settings/security');
    await submitPassword(page, email);
    await heading(page, 'Security').waitFor();
  });

  it('turns on two-factor authentication and then asks for a code at sign-in', async () => {
    const email = uniqueEmail('2fa');

    await page.goto(url('/signup'));
    await signUp(page, { name: 'Grace Hopper', email, userType: 'client' });
    await openSecurityPage(page);

    await button(page, 'Set up two-factor authentication').click();
    const secretElement = page.getByTestId('totp-secret');
    await secretElement.waitFor();
    const secret = (await secretElement.innerText()).trim();
    assert.match(secret, /^[A-Z2-7]+=*$/, `a base32 secret: ${secret}`);
    await page.getByRole('img', { name: /QR code/ }).waitFor();

    const confirmStep = stepAt();
    await field(page, 'Authentication code').fill(totpForStep(secret, confirmStep));
    await button(page, 'Turn on').click();
    const recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await recoveryCodes.first().waitFor();
    assert.equal(await recoveryCodes.count(), 10);
    const codes = (await recoveryCodes.allInnerTexts()).map((code) => code.trim());
    assert.equal(new Set(codes).size, 10, 'the recovery codes differ');

    await signOut(page);
    await submitPassword(page, email);
    const codeField = field(page, 'Authentication code');
    await codeField.waitFor();

    // A wrong code is refused at the field (one that is not the code of any nearby step).
    const nearby = new Set([-1, 0, 1].map((offset) => totpForStep(secret, stepAt() + offset)));
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !nearby.has(code));
    await codeField.fill(wrong);
    await button(page, 'Verify').click();
    await page.locator('input[aria-invalid="true"]').waitFor();

    // The confirm step's code is spent: use the next step's.
    const loginStep = await nextStepAfter(confirmStep);
    await codeField.fill(totpForStep(secret, loginStep));
    await button(page, 'Verify').click();
    await heading(page, 'Projects').waitFor();
    await button(page.locator('header'), 'Sign out').waitFor();

    // A recovery code works in place of the app's code.
    await signOut(page);
    await submitPassword(page, email);
    await field(page, 'Authentication code').fill(codes[0]);
    await button(page, 'Verify').click();
    await heading(page, 'Projects').waitFor();

    await openSecurityPage(page);
    await button(page, 'Turn off two-factor authentication').waitFor();
  });

  it('sends an anonymous visitor to sign in, and back to the page they asked for', async () => {
    await page.goto(url('/projects/123?tab=files'));
    await page.waitForURL(isPath('/login'));
    assert.equal(new URL(page.url()).searchParams.get('next'), '/projects/123?tab=files');
    await heading(page, 'Sign in').waitFor();

    // The signup link keeps ?next=, so a new account lands there too.
    await page.getByRole('link', { name: 'Create an account', exact: true }).click();
    await page.waitForURL(isPath('/signup'));
    await signUp(page, { name: 'Katherine Johnson', email: uniqueEmail('next'), landing: 'Project not found' });
    assert.equal(new URL(page.url()).search, '?tab=files');

    // A signed-in visitor sent to /login goes straight on.
    await page.goto(url('/login?next=%2Fdocuments'));
    await heading(page, 'Documents').waitFor();
  });

  it('verifies the email address and sets a new password from the emailed links', async () => {
    const email = uniqueEmail('links');
    const newPassword = 'Brand-New-Horse-7';

    await page.goto(url('/signup'));
    await signUp(page, { name: 'Dorothy Vaughan', email });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile', exact: true }).click();
    await heading(page, 'Profile').waitFor();
    const unverified = page.getByRole('region', { name: 'Email not verified' });
    await unverified.waitFor();

    // "Resend" mails a second link; the newest one is followed.
    await button(unverified, 'Resend verification email').click();
    await unverified.getByRole('status').waitFor();
    const verifyLink = await emailedLink(server, { email, path: '/verify-email', nth: 2 });
    await page.goto(url(verifyLink));
    await page.locator('main').getByRole('status').waitFor();
    await page.getByRole('link', { name: 'Go to your profile', exact: true }).click();
    await heading(page, 'Profile').waitFor();
    assert.equal(await unverified.count(), 0, 'no "not verified" banner once verified');

    await signOut(page);
    await page.getByRole('link', { name: 'Forgot your password?', exact: true }).click();
    await field(page, 'Email').fill(email);
    await button(page, 'Send reset link').click();
    await page.locator('main').getByRole('status').waitFor();
    const resetLink = await emailedLink(server, { email, path: '/reset-password' });
    await page.goto(url(resetLink));
    await field(page, 'New password').fill(newPassword);
    await button(page, 'Set new password').click();
    await page.getByRole('link', { name: 'Sign in with your new password', exact: true }).click();
    await signIn(page, email, newPassword);
  });

  it("shows the server's field errors and messages on the forms", async () => {
    const email = uniqueEmail('errors');

    await page.goto(url('/signup'));
    await field(page, 'Name').fill('Mary Jackson');
    await field(page, 'Email').fill(email);
    await field(page, 'Password').fill('weakpass');
    await button(page, 'Create account').click();
    await page.locator('input[name="password"][aria-invalid="true"]').waitFor();

    await signUp(page, { name: 'Mary Jackson', email });
    await signOut(page);

    await page.goto(url('/signup'));
    await field(page, 'Name').fill('Someone Else');
    await field(page, 'Email').fill(email);
    await field(page, 'Password').fill(PASSWORD);
    await button(page, 'Create account').click();
    await page.locator('input[name="email"][aria-invalid="true"]').waitFor();

    await page.goto(url('/login'));
    await submitPassword(page, email, 'Wrong-Password-1');
    await page.getByRole('alert').waitFor();
    assert.ok(isPath('/login')(new URL(page.url())));

    // The pages behind email links, with links that are not valid.
    await page.goto(url('/verify-email?token=not-a-real-token'));
    await page.getByRole('alert').waitFor();

    await page.goto(url('/reset-password?token=not-a-real-token'));
    await field(page, 'New password').fill(PASSWORD);
    await button(page, 'Set new password').click();
    await page.getByRole('alert').waitFor();

    // Forgot password answers the same whether or not the address has an account.
    await page.goto(url('/forgot-password'));
    await field(page, 'Email').fill(uniqueEmail('nobody'));
    await button(page, 'Send reset link').click();
    await page.locator('main').getByRole('status').waitFor();
  });
});
