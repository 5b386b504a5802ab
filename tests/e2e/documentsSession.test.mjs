// An open document's live connection follows its session (security finding 1, issue 11):
// the server closes it when its access token expires and the web app reconnects by itself
// with a fresh token, nothing typed lost; when the person's access to the project is
// removed, the page says so instead of editing on.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { browserSuite } from './browserSuite.mjs';
import { createDocument, editor, openDocumentFromList, saveStatus, typeAtEnd, waitForText } from './documentsPages.mjs';
import { apiPerson, joinStudio } from './messagesPages.mjs';

const suffix = () => randomUUID().slice(0, 8);
/** What the page says when live editing stopped for good. */
const STOPPED = /live editing stopped|Reload the page to continue/;

/**
 * Watches the page's WebSocket connections to /collab; `reached(n)` resolves once `n` have
 * opened, or fails after `timeoutMs` saying how many did.
 */
function collabConnections(page) {
  let count = 0;
  const waiting = new Set();
  page.on('websocket', (socket) => {
    if (!new URL(socket.url()).pathname.startsWith('/collab/')) return;
    count += 1;
    for (const wake of waiting) wake();
  });
  return {
    reached(n, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`only ${count} connection(s) to /collab within ${timeoutMs} ms, waiting for ${n}`));
        }, timeoutMs);
        const check = () => {
          if (count < n) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      });
    },
  };
}

describe('a document page when its access token expires', { timeout: 120_000 }, () => {
  // Tokens of six seconds: the app refreshes at half-life, the server closes a document's
  // connection when the token it was opened with expires.
  const suite = browserSuite({
    env: { FLUX_TEST_HOOKS: 'true', FLUX_TEST_ACCESS_TOKEN_SECONDS: '6', AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1600, height: 1000 },
  });

  it('reconnects by itself with a fresh token and keeps saving', async () => {
    const owner = await apiPerson(suite.server, 'Tess Token');
    const organization = await owner.call('POST', '/api/organizations', { name: `Studio ${suffix()}` });
    const project = await owner.call('POST', '/api/projects', { organizationId: organization.id, name: `Show ${suffix()}` });
    const page = await suite.signedIn(owner);
    const opened = collabConnections(page);
    await createDocument(page, suite.url, project.id, 'Run sheet');
    await typeAtEnd(page, 'Written before the token expired.');
    await saveStatus(page, 'Saved').waitFor();

    // Two expiries: each time the server closes the connection and the page opens another.
    await opened.reached(3);
    await typeAtEnd(page, ' And after it was renewed.');
    await saveStatus(page, 'Saved').waitFor();
    assert.equal(await page.getByText(STOPPED).count(), 0, 'live editing went on');

    // What was saved is what comes back.
    await page.reload();
    await editor(page).waitFor();
    await waitForText(page, { includes: ['Written before the token expired. And after it was renewed.'] });
  });
});

describe('a document page when access to its project ends', { timeout: 120_000 }, () => {
  const suite = browserSuite({ env: { AUTH_RATE_LIMIT_MAX: '1000' }, viewport: { width: 1600, height: 1000 } });

  it('says access was removed, and no longer shows what others type', async () => {
    const owner = await apiPerson(suite.server, 'Olga Owner');
    const organization = await owner.call('POST', '/api/organizations', { name: `Studio ${suffix()}` });
    const project = await owner.call('POST', '/api/projects', { organizationId: organization.id, name: `Show ${suffix()}` });
    // A client sees only the projects they are on.
    const client = await joinStudio(suite.server, owner, organization.id, 'Cal Client', 'client');
    await owner.call('PUT', `/api/projects/${project.id}/members/${client.id}`, { role: 'viewer' });
    const lead = await suite.signedIn(owner);
    await createDocument(lead, suite.url, project.id, 'Brief');
    await typeAtEnd(lead, 'For the client.');
    await saveStatus(lead, 'Saved').waitFor();

    const reader = await suite.signedIn(client);
    await openDocumentFromList(reader, suite.url, project.id, 'Brief');
    await waitForText(reader, { includes: ['For the client.'] });

    await owner.call('DELETE', `/api/projects/${project.id}/members/${client.id}`);
    await reader.getByText('Your access to this project was removed', { exact: false }).waitFor();
    await typeAtEnd(lead, ' Staff only from here.');
    await saveStatus(lead, 'Saved').waitFor();
    const seen = await reader.evaluate(() => document.body.textContent);
    assert.ok(!seen.includes('Staff only from here.'), 'the removed reader still received the text');
  });
});
