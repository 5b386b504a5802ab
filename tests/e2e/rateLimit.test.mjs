// A rate-limited sign-in says so, and says when to try again (Retry-After).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { heading, submitPassword, uniqueEmail } from './accountPages.mjs';
import { launchChromium } from './chromium.mjs';
import { startServer } from './harness.mjs';

const LIMIT = 2;

describe('sign-in under the rate limit', { timeout: 60_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ env: { AUTH_RATE_LIMIT_MAX: String(LIMIT) } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the refusal and when to retry once the limit is reached', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    try {
      const page = await context.newPage();
      await page.goto(new URL('/login', server.baseUrl).href);
      await heading(page, 'Sign in').waitFor();
      const alert = page.getByRole('alert');
      const email = uniqueEmail('limited');

      for (let attempt = 1; attempt <= LIMIT; attempt += 1) {
        await submitPassword(page, email, `Wrong-Password-${attempt}`);
        await alert.filter({ hasText: /not correct/ }).waitFor();
      }
      await submitPassword(page, email, 'Wrong-Password-X');
      await alert.filter({ hasText: /try again in \d+ (second|minute)s?/i }).waitFor();
      assert.match(await alert.innerText(), /too many/i);
    } finally {
      await context.close();
    }
  });
});
