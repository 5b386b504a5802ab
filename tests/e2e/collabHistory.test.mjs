// A document's versions with the official Yjs clients connected: a version saved over REST
// and restored over REST comes back live in every open editor, as a new change (no
// reconnect, no reload), with its headings' levels and its bold; what it replaced is kept
// as an automatic version ("Before restoring …") that can be restored in turn; readers may
// not restore.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import {
  addParagraphs,
  collabSuite,
  exported,
  fragment,
  newDocument,
  openClient,
  projectWith,
  stored,
  untilEqual,
} from './collabClient.mjs';
import { rest, restOk } from './realtimeStudio.mjs';

/** The editor's content as XML, marks and attributes included. */
const contentOf = (client) => fragment(client.doc).toString();

/** A level-2 heading and a paragraph with a bold run, as TipTap writes them. */
function writeDraft(doc) {
  doc.transact(() => {
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2);
    heading.insert(0, [new Y.XmlText('Pitch')]);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment(doc).insert(0, [heading, paragraph]);
    text.insert(0, 'Draft one ');
    text.insert(text.length, 'text.', { bold: {} });
  });
}

describe('document versions restored live', { timeout: 60_000 }, () => {
  const server = collabSuite();

  it('brings a saved version back into every open editor at once, keeping what it replaced', async () => {
    const {
      projectId,
      lead: fay,
      people: { 'Gus Editor': gus, 'Vi Viewer': vi },
    } = await projectWith(server, 'Fay Lead', { 'Gus Editor': 'editor', 'Vi Viewer': 'viewer' });
    const documentId = await newDocument(server, fay, projectId, 'Pitch');
    const f = await openClient(server, documentId, fay);
    const g = await openClient(server, documentId, gus);

    writeDraft(f.doc);
    const draft = contentOf(f);
    assert.equal(draft, '<heading level="2">Pitch</heading><paragraph>Draft one <bold>text.</bold></paragraph>');
    await stored(f);
    await untilEqual("the draft at Gus's", () => contentOf(g), draft);
    const version = await rest(server, fay.token, 'POST', `/api/documents/${documentId}/snapshots`, { name: 'Draft 1' });
    assert.equal(version.status, 201, JSON.stringify(version.body));
    assert.equal(version.body.name, 'Draft 1');
    assert.equal(version.body.automatic, false);

    addParagraphs(f.doc, 'Later text to undo.');
    await untilEqual("Fay's later text at Gus's", () => contentOf(g), `${draft}<paragraph>Later text to undo.</paragraph>`);
    addParagraphs(g.doc, 'Gus adds a line too.');
    const later = `${draft}<paragraph>Later text to undo.</paragraph><paragraph>Gus adds a line too.</paragraph>`;
    await untilEqual("Gus's line at Fay's", () => contentOf(f), later);
    await Promise.all([stored(f), stored(g)]);

    // A reader may not restore.
    const refused = await rest(server, vi.token, 'POST', `/api/documents/${documentId}/snapshots/${version.body.id}/restore`);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));

    const restored = await rest(server, gus.token, 'POST', `/api/documents/${documentId}/snapshots/${version.body.id}/restore`);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    const { backup } = restored.body;
    assert.equal(backup.name, 'Before restoring “Draft 1”');
    assert.equal(backup.automatic, true);

    // Both open editors take it live, on the connection they had.
    for (const [who, client] of [
      ['Fay', f],
      ['Gus', g],
    ]) {
      await untilEqual(`the restored draft at ${who}'s`, () => contentOf(client), draft);
      assert.deepEqual(client.closes, [], `${who} was not disconnected`);
      assert.equal(client.sockets.length, 1, `${who} did not reconnect`);
      assert.equal(client.provider.wsconnected, true);
    }
    // The heading's level is still a number.
    assert.equal(fragment(g.doc).get(0).getAttribute('level'), 2);

    // The history: the automatic backup, newest first, above the named version.
    const { items } = await restOk(server, vi.token, 'GET', `/api/documents/${documentId}/snapshots`);
    assert.deepEqual(
      items.slice(0, 2).map(({ id, name, automatic }) => ({ id, name, automatic })),
      [
        { id: backup.id, name: 'Before restoring “Draft 1”', automatic: true },
        { id: version.body.id, name: 'Draft 1', automatic: false },
      ],
    );

    // The restore is a stored change like any other: the server's export and a fresh client have it.
    assert.equal(await exported(server, fay, documentId), 'Pitch\n\nDraft one text.\n');
    const fresh = await openClient(server, documentId, vi);
    assert.equal(contentOf(fresh), draft);

    // Editing goes on from the restored content…
    addParagraphs(g.doc, 'After the restore.');
    await untilEqual('the new line at every client', () => [f, g, fresh].map(contentOf), [
      `${draft}<paragraph>After the restore.</paragraph>`,
      `${draft}<paragraph>After the restore.</paragraph>`,
      `${draft}<paragraph>After the restore.</paragraph>`,
    ]);
    await stored(g);

    // …and what the restore replaced comes back from its backup, live again.
    await restOk(server, fay.token, 'POST', `/api/documents/${documentId}/snapshots/${backup.id}/restore`);
    for (const client of [f, g, fresh]) {
      await untilEqual('the replaced text back', () => contentOf(client), later);
    }
    assert.equal(
      await exported(server, fay, documentId),
      'Pitch\n\nDraft one text.\n\nLater text to undo.\n\nGus adds a line too.\n',
    );
  });
});
