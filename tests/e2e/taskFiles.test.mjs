// Files on tasks and PDFs in the viewer, in the browser. A designer (who leads the project)
// uploads an image, attaches it to a task from the task's drawer, and the task's card on the
// board counts it; a client of the studio, a reviewer on the project, approves the file's
// version (over REST) and the designer's card shows "Approved" live, without a reload; taking
// the file off the task empties the card again. Then a PDF of three pages: the designer opens
// it, goes to page 2, pins a comment there, and its marker shows on page 2 only; selecting the
// thread in the sidebar goes back to its page. The studio, the project and the task are set up
// over REST; what is tested is done on the pages.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { button, heading } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { fileCard, openFile, openFiles, pdfFile, pngFile, uploadThrough, waitForPicture } from './filesPages.mjs';
import { card, openSection } from './projectPages.mjs';
import {
  pager,
  pinComment,
  pinMarker,
  reviewBadge,
  thread,
  viewerImage,
  viewerPage,
  waitForPage,
  projectWithClient,
} from './reviewPages.mjs';
import { attachFile, attachment, attachments, cardFiles, closeTask, openTask } from './taskFilesPages.mjs';

const ORANGE = [245, 150, 40];

describe('files on tasks, and PDFs in the viewer', { timeout: 180_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1400, height: 1000 },
  });
  const { url, signedIn } = suite;


  it('attaches an image to a task from its drawer; the card counts it and shows its approval live', async () => {
    const { designer, client, project } = await projectWithClient(suite.server, 'Launch');
    const title = 'Hero banner';
    await designer.call('POST', `/api/projects/${project.id}/tasks`, { title, status: 'todo' });

    const dana = await signedIn(designer);
    await dana.goto(url(`/projects/${project.id}`));
    await heading(dana, project.name).waitFor();
    await card(dana, title).waitFor();
    assert.equal(await card(dana, title).locator('.task-card__files').count(), 0, 'no files on the card yet');

    // The designer uploads an image in Files.
    await openFiles(dana);
    await uploadThrough(dana, 'Choose files', [pngFile('hero.png', 320, 160, ORANGE)]);
    await waitForPicture(fileCard(dana, 'hero.png').locator('img'));

    // Back on the board, attaches it to the task from the task's drawer.
    await openSection(dana, 'Board');
    await openTask(dana, title);
    await attachments(dana).getByText('No files attached.', { exact: true }).waitFor();
    await attachFile(dana, 'hero.png');
    await reviewBadge(attachment(dana, 'hero.png'), 'Pending review').waitFor();
    await waitForPicture(attachment(dana, 'hero.png').locator('img'));
    await attachments(dana).getByText('Every file of the project is attached.', { exact: true }).waitFor();
    await closeTask(dana);

    // The card counts it; a pending review shows no badge.
    await cardFiles(dana, title, 1).waitFor();
    assert.equal(await card(dana, title).locator('.review-badge').count(), 0, 'pending shows no badge on the card');

    // The client approves the file's version; the designer's card says so without a reload.
    const { items } = await designer.call('GET', `/api/projects/${project.id}/task-files`);
    assert.equal(items.length, 1);
    const fileId = items[0].file.id;
    await client.call('PUT', `/api/files/${fileId}/versions/1/review`, { decision: 'approved' });
    await reviewBadge(card(dana, title), 'Approved').waitFor();
    await cardFiles(dana, title, 1).waitFor();

    // Asking for changes beats the approval on the card, live too.
    await designer.call('PUT', `/api/files/${fileId}/versions/1/review`, { decision: 'changes_requested' });
    await reviewBadge(card(dana, title), 'Changes requested').waitFor();

    // Taken off the task in the drawer: the card has no files again.
    await openTask(dana, title);
    await reviewBadge(attachment(dana, 'hero.png'), 'Changes requested').waitFor();
    await button(attachment(dana, 'hero.png'), 'Remove hero.png').click();
    await attachments(dana).getByText('No files attached.', { exact: true }).waitFor();
    await closeTask(dana);
    await card(dana, title).locator('.task-card__files').waitFor({ state: 'detached' });
  });

  it('shows a PDF page by page; a comment pinned on page 2 shows there only, and its thread leads back to it', async () => {
    const { designer, project } = await projectWithClient(suite.server, 'Launch');
    const dana = await signedIn(designer);
    await dana.goto(url(`/projects/${project.id}`));
    await heading(dana, project.name).waitFor();
    await openFiles(dana);
    await uploadThrough(dana, 'Choose files', [pdfFile('brief.pdf', 3)]);
    // Its first page is its thumbnail once the server has drawn the pages.
    await waitForPicture(fileCard(dana, 'brief.pdf').locator('img'));

    await openFile(dana, 'brief.pdf');
    await waitForPage(dana, 1, 3);
    await waitForPicture(viewerPage(dana, 'brief.pdf', 1));
    await button(pager(dana), 'Previous page').and(dana.locator(':disabled')).waitFor();
    await dana.getByRole('button', { name: 'Download the PDF', exact: true }).waitFor();

    // Page 2, and a comment pinned on it.
    await button(pager(dana), 'Next page').click();
    await waitForPage(dana, 2, 3);
    await waitForPicture(viewerPage(dana, 'brief.pdf', 2));
    await pinComment(dana, 0.4, 0.5, 'The caption on this page is cut off');
    await pinMarker(dana, 1).waitFor();
    await thread(dana, 1).getByText('On a point on page 2', { exact: true }).waitFor();

    const fileId = new URL(dana.url()).pathname.split('/').at(-1);
    const { items } = await designer.call('GET', `/api/files/${fileId}/versions/1/comments`);
    assert.equal(items.length, 1);
    assert.equal(items[0].pin.page, 2, JSON.stringify(items[0].pin));
    assert.ok(Math.abs(items[0].pin.x - 0.4) < 0.01 && Math.abs(items[0].pin.y - 0.5) < 0.01, JSON.stringify(items[0].pin));

    // Its marker shows on page 2 only.
    await button(pager(dana), 'Previous page').click();
    await waitForPage(dana, 1, 3);
    await waitForPicture(viewerPage(dana, 'brief.pdf', 1));
    await pinMarker(dana, 1).waitFor({ state: 'detached' });
    await button(pager(dana), 'Next page').click();
    await waitForPage(dana, 2, 3);
    await pinMarker(dana, 1).waitFor();
    await button(pager(dana), 'Next page').click();
    await waitForPage(dana, 3, 3);
    await waitForPicture(viewerPage(dana, 'brief.pdf', 3));
    assert.equal(await pinMarker(dana, 1).count(), 0, 'no marker on page 3');
    await button(pager(dana), 'Next page').and(dana.locator(':disabled')).waitFor();

    // Selecting the thread in the sidebar goes to its page, where its marker is.
    await thread(dana, 1).getByRole('button', { name: 'Select thread 1', exact: true }).click();
    await waitForPage(dana, 2, 3);
    await pinMarker(dana, 1).and(dana.locator('[aria-pressed="true"]')).waitFor();
    await waitForPicture(viewerImage(dana));
  });
});
