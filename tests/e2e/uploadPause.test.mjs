// Pausing and resuming a resumable upload in the browser: an 8 MB image goes out in chunks
// (the app sends 2 MiB per tus PATCH), the second chunk is held on its way (a slow network,
// through `page.route`), and Pause stops the upload there: no byte more reaches the server,
// nothing more is sent and the bar stays put, even once the held chunk could go on. Resume
// asks the server where it stands (HEAD) and sends the rest from that offset; the file the
// server made holds exactly the bytes chosen. Then the same after a reload: the same file
// chosen again for the same project goes on from the server's offset instead of starting over.

import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { button, field } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { completesUpload, fileCard, noisePng, uploads } from './filesPages.mjs';
import { apiPerson } from './messagesPages.mjs';

/** The app's chunk (web/src/api/upload.ts, CHUNK_BYTES). */
const CHUNK = 2 * 1024 * 1024;

describe('pausing and resuming an upload in the browser', { timeout: 120_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1400, height: 1000 },
  });
  const { url, signedIn } = suite;
  const suffix = () => randomUUID().slice(0, 8);

  // About 8.4 MB of random pixels: four chunks, and bytes no two runs share.
  const bytes = noisePng(1700, 1640);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let folder;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'fluxstudio-pause-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** A lead on a new project, signed in on its Files section. */
  async function leadOnFiles(name) {
    const lead = await apiPerson(suite.server, name);
    const organization = await lead.call('POST', '/api/organizations', { name: `Studio ${suffix()}` });
    const project = await lead.call('POST', '/api/projects', { organizationId: organization.id, name: `Archive ${suffix()}` });
    const page = await signedIn(lead);
    await page.goto(url(`/projects/${project.id}/files`));
    await page.getByText('No files yet', { exact: true }).waitFor();
    return { lead, project, page };
  }

  /**
   * Lets the first chunk of each upload through and holds the ones after it until `release()`;
   * `held` resolves once one is held, `released` once the held one has gone on (or found that
   * the page gave up on it).
   */
  async function holdAfterFirstChunk(page) {
    let patches = 0;
    let open = false;
    let onHeld;
    let release;
    const held = new Promise((resolve) => {
      onHeld = resolve;
    });
    const gate = new Promise((resolve) => {
      release = resolve;
    });
    let released = Promise.resolve();
    await page.route('**/api/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH' || open || ++patches === 1) return route.continue();
      onHeld();
      let done;
      released = new Promise((resolve) => {
        done = resolve;
      });
      await gate;
      // Paused or reloaded meanwhile: the page aborted it, and it can go nowhere.
      await route.continue().catch(() => undefined);
      done();
    });
    return {
      held,
      release: async () => {
        open = true;
        release();
        await released;
      },
    };
  }

  /** The tus requests the page sends from now on, as `METHOD offset` (PATCH) or `METHOD`. */
  function recordUploadRequests(page) {
    const seen = [];
    page.on('request', (request) => {
      if (!/^\/api\/uploads(\/[^/]+)?$/.test(new URL(request.url()).pathname)) return;
      const offset = request.headers()['upload-offset'];
      seen.push(offset === undefined ? request.method() : `${request.method()} ${offset}`);
    });
    return seen;
  }

  /** The upload's `Upload-Offset` on the server, from its JSON view. */
  async function serverOffset(lead, location) {
    const view = await lead.call('GET', location);
    return view.offset;
  }

  /** The progress bar of the upload of `name`, as a number 0–100. */
  async function percent(page, name) {
    const bar = uploads(page).getByRole('progressbar', { name: `Upload of ${name}`, exact: true });
    return Number(await bar.getAttribute('aria-valuenow'));
  }

  /** Waits for the file the upload made, and checks it holds the bytes chosen. */
  async function checkStored(page, lead, name) {
    await uploads(page).waitFor({ state: 'detached' });
    await fileCard(page, name).waitFor();
    const files = await lead.call('GET', `/api/projects/${new URL(page.url()).pathname.split('/')[2]}/files`);
    const made = files.items.find((file) => file.name === name);
    assert.ok(made, `${name} is listed`);
    assert.equal(made.versionCount, 1);
    const [version] = (await lead.call('GET', `/api/files/${made.id}/versions`)).items;
    assert.equal(version.size, bytes.length);
    assert.equal(version.sha256, sha256, 'the server holds exactly the bytes chosen');
  }

  it('Pause stops the upload where it is; Resume sends the rest from the server’s offset', async () => {
    const { lead, page } = await leadOnFiles('Pia Pause');
    const name = 'large-scan.png';
    const gate = await holdAfterFirstChunk(page);
    const created = page.waitForResponse((response) => response.request().method() === 'POST' && response.status() === 201);
    const firstChunk = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.status() === 204);
    await field(page, 'Choose files').setInputFiles([{ name, mimeType: 'image/png', buffer: bytes }]);
    const location = (await created).headers().location;
    assert.match(location, /^\/api\/uploads\/[0-9a-f-]{36}$/);
    assert.equal((await firstChunk).headers()['upload-offset'], String(CHUNK));
    await gate.held;

    const item = uploads(page).getByRole('listitem').filter({ hasText: name });
    await item.getByRole('status').getByText('Uploading', { exact: true }).waitFor();
    await button(page, `Pause ${name}`).click();
    await item.getByRole('status').getByText('Paused', { exact: true }).waitFor();
    await button(page, `Resume ${name}`).waitFor();
    const atPause = await percent(page, name);
    assert.ok(atPause > 0 && atPause < 100, `paused part-way (${atPause}%)`);

    // The held chunk may now go on, but the page has given it up: nothing more arrives or goes out.
    const sentWhilePaused = recordUploadRequests(page);
    await gate.release();
    assert.equal(await serverOffset(lead, location), CHUNK, 'the server holds the first chunk only');
    await item.getByRole('status').getByText('Paused', { exact: true }).waitFor();
    assert.equal(await percent(page, name), atPause, 'the bar stays where it was paused');
    assert.deepEqual(sentWhilePaused, [], 'nothing is sent while paused');

    // Resume: where does the server stand, then the rest from there.
    const sentAfterResume = recordUploadRequests(page);
    const whole = page.waitForResponse(completesUpload);
    await button(page, `Resume ${name}`).click();
    await whole;
    assert.deepEqual(sentAfterResume.slice(0, 2), ['HEAD', `PATCH ${CHUNK}`]);
    assert.ok(!sentAfterResume.includes('POST'), 'the same upload goes on');
    await checkStored(page, lead, name);
  });

  it('goes on after a reload when the same file is chosen again for the same project', async () => {
    const { lead, page } = await leadOnFiles('Rex Reload');
    const name = 'site-plan.png';
    const path = join(folder, name);
    await writeFile(path, bytes);
    const gate = await holdAfterFirstChunk(page);
    const created = page.waitForResponse((response) => response.request().method() === 'POST' && response.status() === 201);
    await field(page, 'Choose files').setInputFiles(path);
    const location = (await created).headers().location;
    await gate.held;
    await uploads(page).getByRole('listitem').filter({ hasText: name }).getByRole('status').getByText('Uploading').waitFor();

    // Leaving with an upload under way asks first (if the browser shows the question at all).
    page.on('dialog', (dialog) => dialog.accept());
    await page.reload();
    await page.getByText('No files yet', { exact: true }).waitFor();
    await gate.release();
    assert.equal(await serverOffset(lead, location), CHUNK);

    const sent = recordUploadRequests(page);
    const whole = page.waitForResponse(completesUpload);
    await field(page, 'Choose files').setInputFiles(path);
    await whole;
    assert.deepEqual(sent.slice(0, 2), ['HEAD', `PATCH ${CHUNK}`], 'it goes on from the server’s offset');
    assert.ok(!sent.includes('POST'), 'no new upload is made');
    await checkStored(page, lead, name);
    // Whole: nothing is left to resume, so the same file chosen again is a new upload.
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tus::')).length), 0);
  });
});
