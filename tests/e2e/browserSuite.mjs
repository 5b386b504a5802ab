// The frame of a browser suite where each test plays several people: one server and one
// Chromium for the suite, a fresh browser context (own cookies, so own person) per
// person, all closed after each test, which fails if any page script threw.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { signIn } from './accountPages.mjs';
import { launchChromium } from './chromium.mjs';
import { startServer } from './harness.mjs';

/**
 * Registers the suite's hooks; call inside `describe`.
 * @param {{env?: Record<string, string>, viewport?: {width: number, height: number}}} [options]
 */
export function browserSuite({ env = {}, viewport } = {}) {
  const suite = {
    /** @type {import('./harness.mjs').RunningServer} */
    server: undefined,
    browser: undefined,
    contexts: [],
    pageErrors: [],
    url: (path) => new URL(path, suite.server.baseUrl).href,
    /** A fresh browser profile: its own cookies, so its own person. */
    async newPerson() {
      const context = await suite.browser.newContext(viewport ? { viewport } : {});
      context.setDefaultTimeout(20_000);
      context.on('weberror', (webError) => suite.pageErrors.push(webError.error()));
      suite.contexts.push(context);
      return context.newPage();
    },
    /** A fresh browser profile signed in as `person` (made over REST), on the Projects page. */
    async signedIn(person) {
      const page = await suite.newPerson();
      await page.goto(suite.url('/login'));
      await signIn(page, person.email);
      return page;
    },
  };

  before(async () => {
    suite.server = await startServer({ env });
    suite.browser = await launchChromium();
  });

  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });

  beforeEach(() => {
    suite.contexts = [];
    suite.pageErrors = [];
  });

  afterEach(async () => {
    await Promise.all(suite.contexts.map((context) => context.close()));
    assert.deepEqual(suite.pageErrors.map(String), [], 'page scripts threw');
  });

  return suite;
}
