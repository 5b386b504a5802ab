// A project's files in the browser: a lead uploads two PNG images through the file input and
// sees them listed with thumbnails drawn from their bytes (fetched with the access token); a
// viewer on the project sees them too, without upload controls, and sees a new version arrive
// live; the lead opens one image and uploads a new version of it (v2, two versions, the name
// kept), which the viewer then finds on the file's page, again without controls. Then a
// refused upload shows the server's words with Retry, the list view, and the kind and name
// filters. The project and people are set up over REST; what is tested is done on the pages.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { button, field, heading } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import {
  fileCard,
  fileGrid,
  openFile,
  openFiles,
  pngFile,
  uploads,
  uploadThrough,
  versionList,
  waitForPicture,
} from './filesPages.mjs';
import { studioOfTwo } from './messagesPages.mjs';

const RED = [220, 40, 40];
const BLUE = [40, 70, 220];
const GREEN = [40, 180, 80];

describe('project files in the browser', { timeout: 180_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1400, height: 1000 },
  });
  const { url, signedIn } = suite;
  const suffix = () => randomUUID().slice(0, 8);

  /** An owner (who leads the project) and a member they made a viewer on it. */
  async function projectWithViewer(ownerName, viewerName) {
    const { owner, member, organizationId } = await studioOfTwo(suite.server, ownerName, viewerName, `Studio ${suffix()}`);
    const project = await owner.call('POST', '/api/projects', { organizationId, name: `Catalogue ${suffix()}` });
    await owner.call('PUT', `/api/projects/${project.id}/members/${member.id}`, { role: 'viewer' });
    return { owner, viewer: member, project };
  }

  it('uploads images with thumbnails and a new version of one; a viewer sees them, without upload controls', async () => {
    const { owner, viewer, project } = await projectWithViewer('Lena Lead', 'Vik Viewer');
    const lena = await signedIn(owner);
    await lena.goto(url(`/projects/${project.id}`));
    await heading(lena, project.name).waitFor();
    await openFiles(lena);
    await lena.getByText('No files yet', { exact: true }).waitFor();

    await uploadThrough(lena, 'Choose files', [pngFile('cover.png', 64, 48, RED), pngFile('badge.png', 32, 32, BLUE)]);
    for (const name of ['cover.png', 'badge.png']) {
      await waitForPicture(fileCard(lena, name).locator('img'));
      await fileCard(lena, name).getByText(/^Image · .+ · v1$/).waitFor();
    }

    // A viewer sees the same files and pictures, and is offered no upload.
    const vik = await signedIn(viewer);
    await vik.goto(url(`/projects/${project.id}`));
    await heading(vik, project.name).waitFor();
    await openFiles(vik);
    for (const name of ['cover.png', 'badge.png']) await waitForPicture(fileCard(vik, name).locator('img'));
    assert.equal(await heading(vik, 'Upload files').count(), 0, 'viewers are not offered "Upload files"');
    assert.equal(await field(vik, 'Choose files').count(), 0, 'viewers have no file input');

    // The lead opens one image and uploads a new version of it.
    await openFile(lena, 'cover.png');
    const preview = lena.getByRole('region', { name: 'Image viewer', exact: true });
    await waitForPicture(preview.locator('img'));
    assert.equal(await versionList(lena).getByRole('listitem').count(), 1);
    await uploadThrough(lena, 'Choose a file', [pngFile('cover-reworked.png', 64, 48, GREEN)]);
    const v2 = versionList(lena).getByRole('listitem').filter({ hasText: /^v2/ });
    await v2.getByText('Current', { exact: true }).waitFor();
    assert.equal(await versionList(lena).getByRole('listitem').count(), 2);
    await heading(lena, 'cover.png').waitFor(); // the file keeps its name
    await lena.getByText(/· 2 versions ·/).waitFor();
    await heading(lena, 'Preview v2').waitFor();
    await waitForPicture(preview.locator('img'));
    // Two versions of an image can be compared.
    await heading(lena, 'Compare versions').waitFor();
    await waitForPicture(lena.getByRole('img', { name: 'cover.png, version 1', exact: true }));
    await waitForPicture(lena.getByRole('img', { name: 'cover.png, version 2', exact: true }));

    // The viewer's list shows the new version without a reload (the project's live events)…
    await fileCard(vik, 'cover.png').getByText(/^Image · .+ · v2$/).waitFor();
    // …and the file's page its two versions, to download but not to change.
    await openFile(vik, 'cover.png');
    await versionList(vik).getByRole('listitem').nth(1).waitFor();
    assert.equal(await versionList(vik).getByRole('listitem').count(), 2);
    await button(vik, 'Download version 1').waitFor();
    for (const control of ['Rename', 'Delete file']) {
      assert.equal(await button(vik, control).count(), 0, `viewers are not offered "${control}"`);
    }
    assert.equal(await field(vik, 'Choose a file').count(), 0, 'viewers cannot upload a new version');
  });

  it('shows a refused upload with the server’s words and Retry; lists files as rows; narrows them', async () => {
    const { owner, project } = await projectWithViewer('Mia Lead', 'Noa Viewer');
    const mia = await signedIn(owner);
    await mia.goto(url(`/projects/${project.id}/files`));
    await mia.getByText('No files yet', { exact: true }).waitFor();

    // Not a type the server takes: it stays in the queue, failed, with the server's message.
    await field(mia, 'Choose files').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain words') }]);
    const refused = uploads(mia).getByRole('listitem').filter({ hasText: 'notes.txt' });
    await refused.getByRole('alert').getByText(/not accepted/).waitFor();
    await refused.getByRole('status').getByText('Failed', { exact: true }).waitFor();
    // Retrying sends it again (its last byte is where the server tells its type), and the server says the same.
    const again = mia.waitForResponse((response) => response.request().method() === 'PATCH' && response.status() === 415);
    await button(mia, 'Retry notes.txt').click();
    await again;
    await refused.getByRole('alert').waitFor();
    await button(mia, 'Dismiss notes.txt').click();
    await uploads(mia).waitFor({ state: 'detached' });

    await uploadThrough(mia, 'Choose files', [pngFile('moodboard.png', 40, 30, BLUE), pngFile('logo-dark.png', 24, 24, RED)]);
    await fileCard(mia, 'moodboard.png').waitFor();

    // The list view: one row per file, with its facts.
    await button(mia, 'List').click();
    const table = mia.getByRole('table', { name: 'Files', exact: true });
    const row = table.getByRole('row').filter({ has: mia.getByRole('link', { name: 'logo-dark.png', exact: true }) });
    await row.getByRole('cell', { name: 'Image', exact: true }).waitFor();
    assert.match(await row.innerText(), /\d+ bytes/);
    await mia.waitForURL((address) => address.searchParams.get('view') === 'list');

    // Narrowed by part of the name (any case), then by a kind it has none of.
    await field(mia, 'Search').fill('LOGO');
    await mia.waitForURL((address) => address.searchParams.get('q') === 'LOGO');
    await table.getByRole('link', { name: 'moodboard.png', exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await table.getByRole('link').allInnerTexts(), ['logo-dark.png']);
    await field(mia, 'Kind').selectOption({ label: 'PDF' });
    await mia.getByText('No files match', { exact: true }).waitFor();
    await field(mia, 'Kind').selectOption({ label: 'Any kind' });
    await field(mia, 'Search').fill('');
    await button(mia, 'Grid').click();
    await fileGrid(mia).getByRole('listitem').nth(1).waitFor();
  });
});
