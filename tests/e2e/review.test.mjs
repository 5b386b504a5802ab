// The design review of a file's versions in the browser, the whole loop with two people in
// two browser contexts: a designer (who leads the project) uploads two images, seen under way
// with a progress bar each and then as thumbnails; a client of the studio, a reviewer on the
// project, opens one image, zooms in, and pins a comment by clicking on it (where it lands on
// the image is checked over REST); the designer's open page shows the marker and the thread
// live; the designer uploads v2, which the client's page follows, and asks the client for a
// review of it (the client's bell says so); the client approves v2, and the designer's page
// shows it approved (live), and their bell the unread decision, which leads back to v2.
// The studio and the project are set up over REST; what is tested is done on the pages.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { button, field, heading } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { fileCard, openFile, openFiles, pngFile, versionList, waitForPicture } from './filesPages.mjs';
import { bell } from './projectPages.mjs';
import {
  decide,
  holdUploads,
  pinComment,
  pinMarker,
  decisionBy,
  reviewBadge,
  reviewPanel,
  thread,
  viewerImage,
  projectWithClient,
} from './reviewPages.mjs';

/** The header's bell, once it counts at least one unread notification. */
const unreadBell = (page) => page.locator('header').getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ });

const CORAL = [240, 110, 90];
const TEAL = [30, 150, 150];
const NAVY = [30, 40, 110];

describe('design review in the browser', { timeout: 180_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1400, height: 1000 },
  });
  const { url, signedIn } = suite;


  it('a client pins a comment the designer sees live, then approves the next version; the designer is told', async () => {
    const { designer, client, project } = await projectWithClient(suite.server, 'Campaign');

    // The designer uploads two images: each shows under way with its progress, then as a thumbnail.
    const dana = await signedIn(designer);
    await dana.goto(url(`/projects/${project.id}`));
    await heading(dana, project.name).waitFor();
    await openFiles(dana);
    const held = await holdUploads(dana);
    await field(dana, 'Choose files').setInputFiles([
      pngFile('poster.png', 400, 300, CORAL),
      pngFile('banner.png', 360, 120, TEAL),
    ]);
    for (const name of ['poster.png', 'banner.png']) {
      await dana.getByRole('progressbar', { name: `Upload of ${name}`, exact: true }).waitFor();
    }
    held.release();
    await dana.getByRole('list', { name: 'Uploads', exact: true }).waitFor({ state: 'detached' });
    for (const name of ['poster.png', 'banner.png']) {
      await waitForPicture(fileCard(dana, name).locator('img'));
      await reviewBadge(fileCard(dana, name), 'Pending review').waitFor();
    }
    await openFile(dana, 'poster.png');
    await waitForPicture(viewerImage(dana));
    await dana.getByText('No comments on this version yet.').waitFor();

    // The client opens the same image, zooms in, and pins a comment on it.
    const cleo = await signedIn(client);
    await cleo.goto(url(`/projects/${project.id}`));
    await heading(cleo, project.name).waitFor();
    await openFiles(cleo);
    await openFile(cleo, 'poster.png');
    await waitForPicture(viewerImage(cleo));
    assert.equal(await field(cleo, 'Choose a file').count(), 0, 'a reviewer cannot upload a version');
    await button(cleo, 'Zoom in').click();
    await button(cleo, 'Zoom in').click();
    await cleo.getByLabel('Zoom level', { exact: true }).filter({ hasText: '156%' }).waitFor();
    await pinComment(cleo, 0.3, 0.6, 'Make the **headline** bigger');
    await pinMarker(cleo, 1).waitFor();
    await thread(cleo, 1).getByText('headline', { exact: true }).waitFor();

    // Where it landed on the image: the same spot whatever the zoom.
    const fileId = new URL(cleo.url()).pathname.split('/').at(-1);
    const { items } = await client.call('GET', `/api/files/${fileId}/versions/1/comments`);
    assert.equal(items.length, 1);
    assert.ok(Math.abs(items[0].pin.x - 0.3) < 0.01 && Math.abs(items[0].pin.y - 0.6) < 0.01, JSON.stringify(items[0].pin));
    assert.equal(items[0].pin.width ?? null, null);

    // The designer's open page shows the marker and the thread without a reload.
    await pinMarker(dana, 1).waitFor();
    await thread(dana, 1).getByText('Cleo Client').waitFor();
    await thread(dana, 1).getByText('headline', { exact: true }).waitFor();
    // Selecting the marker selects its thread.
    await pinMarker(dana, 1).click();
    await thread(dana, 1).getByRole('button', { name: 'Select thread 1', exact: true, pressed: true }).waitFor();

    // The designer uploads v2; both pages now show it, under review.
    await field(dana, 'Choose a file').setInputFiles([pngFile('poster-v2.png', 400, 300, NAVY)]);
    await versionList(dana).getByRole('listitem').filter({ hasText: /^v2/ }).getByText('Current', { exact: true }).waitFor();
    await heading(dana, 'Preview v2').waitFor();
    await reviewBadge(reviewPanel(dana, 2), 'Pending review').waitFor();
    await heading(cleo, 'Preview v2').waitFor();
    await waitForPicture(viewerImage(cleo));

    // The designer asks the client for a review of v2; the client's bell says so.
    const ask = reviewPanel(dana, 2).getByRole('form', { name: 'Request review', exact: true });
    await ask.getByRole('checkbox', { name: /^Cleo Client/ }).check();
    await button(ask, 'Request review').click();
    await reviewPanel(dana, 2).getByText('Waiting for: Cleo Client', { exact: true }).waitFor();
    await unreadBell(cleo).click();
    await cleo
      .getByRole('list', { name: 'Notifications', exact: true })
      .getByRole('listitem')
      .filter({ hasText: /Unread: Your review is requested on "poster\.png" v2/ })
      .waitFor();
    await bell(cleo).click(); // closes the panel

    // The client approves v2.
    await decide(cleo, 2, 'approved', 'Looks great now.');
    await reviewBadge(reviewPanel(cleo, 2), 'Approved').waitFor();
    await decisionBy(cleo, 2, 'Cleo Client').getByText('Looks great now.').waitFor();

    // The designer's page shows it approved (live), and their bell rings with the decision.
    await reviewBadge(reviewPanel(dana, 2), 'Approved').waitFor();
    await decisionBy(dana, 2, 'Cleo Client').getByText('Looks great now.').waitFor();
    await reviewBadge(versionList(dana).getByRole('listitem').filter({ hasText: /^v2/ }), 'Approved').waitFor();
    await unreadBell(dana).click();
    const decision = dana
      .getByRole('list', { name: 'Notifications', exact: true })
      .getByRole('listitem')
      .filter({ hasText: /Unread: "poster\.png" v2 was approved/ });
    await decision.waitFor();
    await decision.getByRole('button').first().click();
    await dana.waitForURL(
      (address) => address.pathname.endsWith(`/files/${fileId}`) && address.searchParams.get('version') === '2',
    );
    await reviewBadge(reviewPanel(dana, 2), 'Approved').waitFor();
  });
});
