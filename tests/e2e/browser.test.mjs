// The web app, served by the real binary, in headless Chromium.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, uniqueEmail } from './accountPages.mjs';
import { launchChromium } from './chromium.mjs';
import { startServer } from './harness.mjs';

const EXPECTED_BACKEND = process.env.FLUX_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const HEALTHY_STATUS = '[data-testid="health-status"][data-status="healthy"]';

describe('web app in the browser', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let context;
  /** Uncaught exceptions thrown by page scripts; any one fails the test that caused it. */
  let pageErrors = [];

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    context.on('weberror', (webError) => pageErrors.push(webError.error()));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function open(path) {
    pageErrors = [];
    const page = await context.newPage();
    const response = await page.goto(new URL(path, server.baseUrl).href);
    assert.equal(response?.status(), 200, `GET ${path} should answer 200`);
    return page;
  }

  function assertNoPageErrors() {
    assert.deepEqual(pageErrors.map(String), [], 'page scripts threw');
  }

  it('shows FluxStudio and a healthy status line naming the database backend', async () => {
    const page = await open('/');
    try {
      const status = page.locator(HEALTHY_STATUS);
      await status.waitFor({ state: 'visible' });

      assert.match(await page.title(), /FluxStudio/);
      assert.match(await page.locator('header').innerText(), /FluxStudio/);

      const statusText = await status.innerText();
      assert.match(statusText, /healthy/);
      assert.match(statusText, new RegExp(`\\b${EXPECTED_BACKEND}\\b`), `status line: ${statusText}`);
      assert.match(statusText, /\bv\d+\.\d+\.\d+/, `status line shows the version: ${statusText}`);
      assert.match(statusText, /\bup \d+[dhms]/, `status line shows the uptime: ${statusText}`);
      assertNoPageErrors();
    } finally {
      await page.close();
    }
  });

  it('loads a deep link such as /projects/123 inside the layout (SPA fallback)', async () => {
    // Workspace pages need an account. The context's request client shares the browser's
    // cookies, so signing up through the API leaves the browser holding a refresh cookie.
    await signUpThroughApi(context, server.baseUrl);
    const page = await open('/projects/123');
    try {
      // No such project (123 is not an id): the page says so inside the layout.
      await page.getByRole('heading', { name: 'Project not found' }).waitFor();
      assert.match(await page.locator('header').innerText(), /FluxStudio/);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const label of ['Projects', 'Messages', 'Documents']) {
        assert.equal(await nav.getByRole('link', { name: label }).count(), 1, `navigation has ${label}`);
      }
      await page.locator('[data-testid="health-status"]').waitFor();
      assertNoPageErrors();
    } finally {
      await page.close();
    }
  });

  it('shows "Page not found" inside the layout for an unknown path', async () => {
    const page = await open('/no/such/page');
    try {
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      assert.match(await page.locator('header').innerText(), /FluxStudio/);
      assertNoPageErrors();
    } finally {
      await page.close();
    }
  });

  it('serves the API documentation at /api/docs from the OpenAPI document', async () => {
    const page = await open('/api/docs');
    try {
      assert.equal(await page.title(), 'FluxStudio API');
      // Swagger UI renders the document's info.title once it has fetched /api/openapi.json.
      const title = page.locator('.swagger-ui .information-container .title');
      await title.waitFor({ state: 'visible' });
      assert.match(await title.innerText(), /FluxStudio API/);
      assertNoPageErrors();
    } finally {
      await page.close();
    }
  });
});

/** POST /api/auth/signup with the browser context's cookies and a CSRF token. */
async function signUpThroughApi(context, baseUrl) {
  const csrf = await context.request.get(new URL('/api/csrf-token', baseUrl).href);
  assert.equal(csrf.status(), 200, 'GET /api/csrf-token');
  const { csrfToken } = await csrf.json();
  const signup = await context.request.post(new URL('/api/auth/signup', baseUrl).href, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { email: uniqueEmail('deep-link'), password: PASSWORD, name: 'Deep Link' },
  });
  assert.equal(signup.status(), 201, `signup: ${await signup.text()}`);
}
