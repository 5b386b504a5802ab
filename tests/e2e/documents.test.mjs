// Collaborative documents in the browser: two people write in one document at once and see
// each other's words and named carets live, with an honest "Saved"; a project viewer reads
// along (read only) while the text changes under them; the history saves a version and
// restores it live for everyone, keeping what it replaced; the side navigation's Documents
// page leads to a project's documents; a document renamed, exported and deleted. The project
// and people are set up over REST; what is tested is done on the pages.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { button, field, heading } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import {
  caretLabel,
  createDocument,
  editor,
  editorText,
  openDocumentFromList,
  restoreVersion,
  saveStatus,
  saveVersion,
  typeAtEnd,
  versionItem,
  waitForText,
} from './documentsPages.mjs';
import { joinStudio, studioOfTwo } from './messagesPages.mjs';
import { mainNav } from './organizationPages.mjs';

describe('collaborative documents in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000' },
    viewport: { width: 1600, height: 1000 },
  });
  const { url, signedIn } = suite;
  const suffix = () => randomUUID().slice(0, 8);

  /** An owner (who leads the project) and a member they made its editor. */
  async function projectOfTwo(ownerName, memberName) {
    const { owner, member, organizationId } = await studioOfTwo(suite.server, ownerName, memberName, `Studio ${suffix()}`);
    const project = await owner.call('POST', '/api/projects', { organizationId, name: `Launch ${suffix()}` });
    await owner.call('PUT', `/api/projects/${project.id}/members/${member.id}`, { role: 'editor' });
    return { owner, member, organizationId, project };
  }

  it('lets two people write at once, each seeing the other’s words and named caret, and says Saved', async () => {
    const { owner, member, project } = await projectOfTwo('Ann Owner', 'Bo Editor');
    const ann = await signedIn(owner);
    await createDocument(ann, url, project.id, 'Brief');
    const bo = await signedIn(member);
    await openDocumentFromList(bo, url, project.id, 'Brief');
    await saveStatus(ann, 'Saved').waitFor();
    await saveStatus(bo, 'Saved').waitFor();

    await typeAtEnd(ann, 'Ann opens the brief.');
    await waitForText(bo, { includes: ['Ann opens the brief.'] });
    await typeAtEnd(bo, 'Bo adds a line.', { newParagraph: true });
    await waitForText(ann, { includes: ['Ann opens the brief.', 'Bo adds a line.'] });

    // Each sees where the other is, named.
    await caretLabel(ann, 'Bo Editor').waitFor();
    await caretLabel(bo, 'Ann Owner').waitFor();
    // Both relayed, so both stored: each page says so.
    await saveStatus(ann, 'Saved').waitFor();
    await saveStatus(bo, 'Saved').waitFor();

    // What was saved is what comes back.
    await ann.reload();
    await editor(ann).waitFor();
    await waitForText(ann, { includes: ['Ann opens the brief.', 'Bo adds a line.'] });
  });

  it('shows a project viewer the text live, read only', async () => {
    const { owner, organizationId, project } = await projectOfTwo('Cleo Owner', 'Dan Editor');
    const viewer = await joinStudio(suite.server, owner, organizationId, 'Eve Viewer');
    await owner.call('PUT', `/api/projects/${project.id}/members/${viewer.id}`, { role: 'viewer' });
    const cleo = await signedIn(owner);
    await createDocument(cleo, url, project.id, 'Specs');
    await typeAtEnd(cleo, 'First line from Cleo.');
    await saveStatus(cleo, 'Saved').waitFor();

    const eve = await signedIn(viewer);
    await eve.goto(url(`/projects/${project.id}/documents`));
    await eve.getByRole('list', { name: 'Documents', exact: true }).getByRole('link', { name: 'Specs', exact: true }).waitFor();
    assert.equal(await heading(eve, 'New document').count(), 0, 'viewers are not offered "New document"');
    await openDocumentFromList(eve, url, project.id, 'Specs');
    await eve.getByText('Read only', { exact: true }).waitFor();
    await waitForText(eve, { includes: ['First line from Cleo.'] });
    assert.equal(await editor(eve).getAttribute('contenteditable'), 'false');
    assert.equal(await eve.getByRole('toolbar', { name: 'Formatting' }).count(), 0, 'no formatting toolbar for readers');

    // Typing changes nothing…
    const before = await editorText(eve);
    await editor(eve).click();
    await eve.keyboard.type('Sneaky edit');
    assert.equal(await editorText(eve), before);

    // …while the owner's typing shows up live.
    await typeAtEnd(cleo, 'Second line, live.', { newParagraph: true });
    await waitForText(eve, { includes: ['First line from Cleo.', 'Second line, live.'], excludes: ['Sneaky edit'] });
    await waitForText(cleo, { includes: ['Second line, live.'], excludes: ['Sneaky edit'] });
    // A reader has nothing of their own to save.
    await saveStatus(eve, 'Saved').waitFor();
  });

  it('saves a version and restores it live for everyone, keeping what it replaced', async () => {
    const { owner, member, project } = await projectOfTwo('Fay Owner', 'Gus Editor');
    const fay = await signedIn(owner);
    await createDocument(fay, url, project.id, 'Pitch');
    const gus = await signedIn(member);
    await openDocumentFromList(gus, url, project.id, 'Pitch');

    await typeAtEnd(fay, 'Draft one text.');
    // Gus has it, so the server has stored it: the version will hold it.
    await waitForText(gus, { includes: ['Draft one text.'] });
    await saveVersion(fay, 'Draft 1');

    await typeAtEnd(fay, 'Later text to undo.', { newParagraph: true });
    await waitForText(gus, { includes: ['Draft one text.', 'Later text to undo.'] });

    const restored = await restoreVersion(fay, 'Draft 1');
    assert.equal(restored.status(), 200);

    // Gus's open editor takes the old text at once; so does Fay's.
    await waitForText(gus, { includes: ['Draft one text.'], excludes: ['Later text to undo.'] });
    await waitForText(fay, { includes: ['Draft one text.'], excludes: ['Later text to undo.'] });
    // What it replaced was saved first.
    const backup = versionItem(fay, /^Before restoring/);
    await backup.waitFor();
    await backup.getByText('Saved automatically', { exact: false }).waitFor();
    // And the restore is itself a stored change.
    await saveStatus(gus, 'Saved').waitFor();
    await gus.reload();
    await editor(gus).waitFor();
    await waitForText(gus, { includes: ['Draft one text.'], excludes: ['Later text to undo.'] });
    await versionItem(gus, 'Draft 1').waitFor();
  });

  it('leads from the side navigation to a project’s documents; renames, exports and deletes one', async () => {
    const { owner, project } = await projectOfTwo('Hana Owner', 'Ivo Editor');
    const hana = await signedIn(owner);
    await mainNav(hana).getByRole('link', { name: 'Documents', exact: true }).click();
    await heading(hana, 'Documents').waitFor();
    await hana.getByRole('list', { name: 'Projects', exact: true }).getByRole('link', { name: project.name, exact: true }).click();
    await hana.waitForURL((address) => address.pathname === `/projects/${project.id}/documents`);
    await hana.getByText('No documents yet', { exact: true }).waitFor();
    await createDocument(hana, url, project.id, 'Notes');
    await typeAtEnd(hana, 'Exported words.');
    await saveStatus(hana, 'Saved').waitFor();

    await button(hana, 'Rename').click();
    await field(hana, 'Document title').fill('Meeting notes');
    await button(hana, 'Save title').click();
    await heading(hana, 'Meeting notes').waitFor();

    const downloading = hana.waitForEvent('download');
    await button(hana, 'Export as Markdown').click();
    const download = await downloading;
    const markdown = await readFile(await download.path(), 'utf8');
    assert.match(markdown, /Exported words\./);

    await button(hana, 'Delete document').click();
    await button(hana, 'Yes, delete').click();
    await hana.waitForURL((address) => address.pathname === `/projects/${project.id}/documents`);
    await hana.getByText('No documents yet', { exact: true }).waitFor();
  });
});
