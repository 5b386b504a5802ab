// The collaboration service (`/collab/{documentId}?token=`) with the official npm clients:
// `yjs` documents synced by `y-websocket` providers. Two people typing at once converge; a
// late joiner gets the whole document from the server alone; awareness (names, carets) comes
// and goes with the people; a viewer's or reviewer's changes go nowhere; refusals close with
// the codes the web app understands (4401, 4404, 4413, 4400); /collab/health counts.
//
// "Did not arrive" is shown with a barrier, not a pause: a frame sent on the same connection
// after the one that must go nowhere, once the server has read the first, is awaited at the
// other client (the server relays a room's frames in the order it handled them).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import {
  addParagraphs,
  awarenessOf,
  closeOf,
  collabClient,
  collabHealth,
  collabSuite,
  connect,
  dropConnection,
  exported,
  finalClose,
  newDocument,
  openClient,
  paragraphs,
  projectWith,
  roundTrip,
  stored,
  until,
  untilEqual,
  untilParagraphs,
  untilText,
} from './collabClient.mjs';
import { studio } from './realtimeStudio.mjs';

/** A client's state vector as a plain object, to compare two documents' histories. */
const stateOf = (client) => Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(client.doc)));

describe('documents with the official Yjs clients', { timeout: 120_000 }, () => {
  const server = collabSuite();

  it('converges when two people type at once, neither having heard the other', async () => {
    const {
      projectId,
      lead: ann,
      people: { 'Bo Editor': bo },
    } = await projectWith(server, 'Ann Lead', { 'Bo Editor': 'editor' });
    const documentId = await newDocument(server, ann, projectId);
    const a = await openClient(server, documentId, ann);
    const b = await openClient(server, documentId, bo);

    // Interleaved in one turn of the event loop: no frame of the other's can come in between,
    // so every edit is concurrent with the other's, at the same place (the end).
    const rounds = 25;
    for (let i = 0; i < rounds; i += 1) {
      a.doc.getText('t').insert(a.doc.getText('t').length, `a${i} `);
      b.doc.getText('t').insert(b.doc.getText('t').length, `b${i} `);
      if (i % 5 === 0) b.doc.getText('t').insert(0, `front${i} `);
    }
    assert.ok(!a.doc.getText('t').toString().includes('b0'), 'A had not heard B yet');

    const merged = await until(
      'both texts to agree and hold every word',
      () => {
        const [ta, tb] = [a, b].map((client) => client.doc.getText('t').toString());
        return ta === tb && ta.split(' ').filter(Boolean).length === rounds * 2 + rounds / 5 ? ta : undefined;
      },
      { describe: () => [a, b].map((client) => client.doc.getText('t').toString()) },
    );
    const words = merged.split(' ').filter(Boolean);
    // Every word once; each person's words in the order they typed them.
    assert.equal(new Set(words).size, words.length, merged);
    for (const who of ['a', 'b']) {
      const theirs = words.filter((word) => new RegExp(`^${who}\\d+$`).test(word));
      assert.deepEqual(theirs, Array.from({ length: rounds }, (_, i) => `${who}${i}`), merged);
    }
    assert.deepEqual(stateOf(a), stateOf(b));

    // The server holds the same: a third client gets exactly it.
    const c = await openClient(server, documentId, ann);
    assert.equal(c.doc.getText('t').toString(), merged);
    assert.deepEqual(stateOf(c), stateOf(a));
  });

  it('gives a late joiner the whole document from the server, once everyone has left', async () => {
    const {
      projectId,
      lead: ann,
      people: { 'Bo Editor': bo },
    } = await projectWith(server, 'Ann Late', { 'Bo Editor': 'editor' });
    const documentId = await newDocument(server, ann, projectId, 'Brief');
    const a = await openClient(server, documentId, ann);
    const b = await openClient(server, documentId, bo);
    addParagraphs(a.doc, 'Ann opens the brief.');
    await untilParagraphs(b, ['Ann opens the brief.']);
    addParagraphs(b.doc, 'Bo adds a line.');
    a.doc.getText('notes').insert(0, 'a side note');
    await untilParagraphs(a, ['Ann opens the brief.', 'Bo adds a line.']);
    await untilText(b, 'a side note', 'notes');
    await Promise.all([stored(a), stored(b)]);
    const expected = stateOf(a);
    a.destroy();
    b.destroy();

    // Nobody has it open and it has left the server's memory: it can only come from the database.
    await until('the document to be unloaded (no active rooms)', async () =>
      (await collabHealth(server)).activeRooms === 0 ? true : undefined,
    );
    const late = await openClient(server, documentId, bo);
    assert.deepEqual(paragraphs(late.doc), ['Ann opens the brief.', 'Bo adds a line.']);
    assert.equal(late.doc.getText('notes').toString(), 'a side note');
    assert.deepEqual(stateOf(late), expected);
    assert.equal(await exported(server, bo, documentId), 'Ann opens the brief.\n\nBo adds a line.\n');
  });

  it('shows each person the others’ awareness, and takes it away when they leave or drop', async () => {
    const {
      projectId,
      lead: ann,
      people: { 'Bo Editor': bo, 'Cy Viewer': cy },
    } = await projectWith(server, 'Ann Aware', { 'Bo Editor': 'editor', 'Cy Viewer': 'viewer' });
    const documentId = await newDocument(server, ann, projectId);
    const annState = { user: { name: 'Ann Aware', color: '#e11d48' } };
    const boState = { user: { name: 'Bo Editor', color: '#2563eb' } };
    const cyState = { user: { name: 'Cy Viewer', color: '#16a34a' } };
    const a = await openClient(server, documentId, ann, { awareness: annState });
    const b = await openClient(server, documentId, bo, { awareness: boState });
    // A reader publishes awareness too.
    const c = await openClient(server, documentId, cy, { awareness: cyState });

    const seen = (client, other) => client.provider.awareness.getStates().get(other.doc.clientID);
    // A joiner hears who is already there; those there hear the joiner.
    for (const [at, of, state] of [
      [a, b, boState],
      [a, c, cyState],
      [b, a, annState],
      [b, c, cyState],
      [c, a, annState],
      [c, b, boState],
    ]) {
      await untilEqual(`${state.user.name}'s awareness at another client`, () => seen(at, of), state);
    }

    // A caret moves: the others hear the change.
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 7 });
    await untilEqual("Ann's caret at Bo", () => seen(b, a)?.cursor, { anchor: 3, head: 7 });

    // Ann's connection drops without a word: the server takes her away for the others.
    await dropConnection(a);
    for (const client of [b, c]) {
      await until("Ann's awareness to be gone", () => (seen(client, a) === undefined ? true : undefined), {
        describe: () => awarenessOf(client),
      });
    }
    // Cy closes the document: gone for Bo as well.
    c.destroy();
    await until("Cy's awareness to be gone at Bo", () => (seen(b, c) === undefined ? true : undefined));
    assert.deepEqual(awarenessOf(b).sort(), [b.doc.clientID]);
  });

  for (const role of ['viewer', 'reviewer']) {
    it(`never applies, stores or relays a project ${role}'s change, while the ${role} reads live`, async () => {
      const name = role === 'viewer' ? 'Vi Viewer' : 'Rex Reviewer';
      const {
        projectId,
        lead,
        people: { 'Ed Editor': ed, [name]: reader },
      } = await projectWith(server, 'Lu Lead', { 'Ed Editor': 'editor', [name]: role });
      const documentId = await newDocument(server, lead, projectId);
      const e = await openClient(server, documentId, ed);
      addParagraphs(e.doc, 'First from the editor.');
      await stored(e);
      const r = await openClient(server, documentId, reader);
      assert.deepEqual(paragraphs(r.doc), ['First from the editor.'], `the ${role} gets the document`);

      // The reader's client sends its change, as the provider does for any local edit.
      addParagraphs(r.doc, `Sneaky ${role} words.`);
      // Once the server has read it, the reader publishes a marker on the same connection:
      // had the change been relayed, it would reach the editor before the marker.
      await roundTrip(r);
      r.provider.awareness.setLocalStateField('marker', 'after the change');
      await until(`the ${role}'s marker at the editor`, () =>
        e.provider.awareness.getStates().get(r.doc.clientID)?.marker === 'after the change' ? true : undefined,
      );
      assert.deepEqual(paragraphs(e.doc), ['First from the editor.'], `the ${role}'s change reached the editor`);

      // The editor's next change reaches the reader live, and is all the server stored.
      addParagraphs(e.doc, 'Second from the editor.');
      await until(`the editor's second paragraph at the ${role}`, () =>
        paragraphs(r.doc).includes('Second from the editor.') ? true : undefined,
      );
      await stored(e);
      assert.deepEqual(paragraphs(e.doc), ['First from the editor.', 'Second from the editor.']);
      assert.equal(await exported(server, lead, documentId), 'First from the editor.\n\nSecond from the editor.\n');
      const fresh = await openClient(server, documentId, lead);
      assert.deepEqual(paragraphs(fresh.doc), ['First from the editor.', 'Second from the editor.']);
      assert.equal(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).has(r.doc.clientID), false);
      // Refused quietly: the reader stays connected.
      assert.deepEqual(r.closes, []);
      assert.equal(r.provider.wsconnected, true);
    });
  }

  it('refuses a missing or bad token with 4401, and an unknown or unshared document with 4404', async () => {
    const { projectId, lead: ann } = await projectWith(server, 'Ann Keeper');
    const documentId = await newDocument(server, ann, projectId);
    const opened = await openClient(server, documentId, ann);
    addParagraphs(opened.doc, 'Private words.');
    await stored(opened);
    const {
      people: [stranger],
    } = await studio(server, ['Sol Stranger']);
    // The token with its signature changed.
    const forged = ann.token.slice(0, -4) + (ann.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');

    for (const [what, id, token, code] of [
      ['no token', documentId, undefined, 4401],
      ['an empty token', documentId, '', 4401],
      ['a token that is no JWT', documentId, 'not-a-token', 4401],
      ['a forged token', documentId, forged, 4401],
      ['a document that does not exist', randomUUID(), ann.token, 4404],
      ['a malformed document id', 'not-a-uuid', ann.token, 4404],
      ["a stranger's token", documentId, stranger.token, 4404],
    ]) {
      const closed = await closeOf(server, id, token);
      assert.equal(closed.code, code, `${what}: ${JSON.stringify(closed)}`);
      assert.ok(closed.reason.length > 0, `${what}: a reason`);
      // Refused before anything of the document was sent.
      assert.deepEqual(closed.frames, [], `${what}: frames before the close`);
    }

    // The official client takes 44xx as final: it says so and stops.
    const refused = collabClient(server, documentId, stranger.token);
    const final = finalClose(refused);
    refused.provider.connect();
    assert.equal((await final).code, 4404);
    assert.equal(refused.provider.shouldConnect, false);
    assert.equal(refused.doc.getXmlFragment('default').length, 0);
  });

  it('closes with 4400 on a frame that is not y-protocols, and keeps nothing of it', async () => {
    const { projectId, lead } = await projectWith(server, 'Mo Malformed');
    const documentId = await newDocument(server, lead, projectId);
    for (const [what, frame] of [
      ['garbage bytes', Uint8Array.from([0, 2, 200, 1, 2])],
      ['an unknown sync step', Uint8Array.from([0, 9])],
      ['a text frame', 'hello'],
    ]) {
      const closed = await closeOf(server, documentId, lead.token, [frame]);
      assert.equal(closed.code, 4400, `${what}: ${JSON.stringify(closed)}`);
    }
    assert.equal(await exported(server, lead, documentId), '\n');
  });

  it('closes with 4413 on an awareness state over 16 KiB, which nobody else sees', async () => {
    const {
      projectId,
      lead,
      people: { 'Ed Editor': ed },
    } = await projectWith(server, 'Bea Big', { 'Ed Editor': 'editor' });
    const documentId = await newDocument(server, lead, projectId);
    const watcher = await openClient(server, documentId, ed);

    // 8 KiB is fine.
    const fine = await openClient(server, documentId, lead, { awareness: { blob: 'x'.repeat(8 * 1024) } });
    await until('the 8 KiB state at the watcher', () =>
      watcher.provider.awareness.getStates().get(fine.doc.clientID)?.blob?.length === 8 * 1024 ? true : undefined,
    );

    const big = collabClient(server, documentId, lead.token, { awareness: { blob: 'y'.repeat(17 * 1024) } });
    const final = finalClose(big);
    big.provider.connect();
    assert.equal((await final).code, 4413);
    assert.equal(big.provider.shouldConnect, false, 'the client stops');

    // Barrier: a marker from the fine client, relayed after anything the big one could have caused.
    fine.provider.awareness.setLocalState({ marker: 'after the big one' });
    await until('the marker at the watcher', () =>
      watcher.provider.awareness.getStates().get(fine.doc.clientID)?.marker === 'after the big one' ? true : undefined,
    );
    assert.equal(watcher.provider.awareness.getStates().has(big.doc.clientID), false, 'the big state was relayed');
  });

  it(
    'closes with 4413 on a frame over 1 MiB, and stores and relays nothing of it',
    async () => {
      const {
        projectId,
        lead,
        people: { 'Ed Editor': ed },
      } = await projectWith(server, 'Fra Frame', { 'Ed Editor': 'editor' });
      const documentId = await newDocument(server, lead, projectId);
      const watcher = await openClient(server, documentId, ed);
      // One edit whose update is one frame of 1.2 MiB (under the transport's own limit) and
      // one of 5 MiB (over it): both are the session's to refuse with a code the client keeps.
      for (const kib of [1200, 5000]) {
        const writer = await openClient(server, documentId, lead);
        const closed = finalClose(writer);
        addParagraphs(writer.doc, 'z'.repeat(kib * 1024));
        const { code } = await closed.catch((error) => ({ code: `none: ${error.message}` }));
        assert.equal(code, 4413, `a ${kib} KiB frame; every close: ${JSON.stringify(writer.closes)}`);
        writer.destroy();
      }

      addParagraphs(watcher.doc, 'small and fine');
      await stored(watcher);
      assert.deepEqual(paragraphs(watcher.doc), ['small and fine'], 'the big paragraphs were relayed');
      assert.equal(await exported(server, lead, documentId), 'small and fine\n', 'the big paragraphs were stored');
    },
  );

  it('counts connections and loaded documents in /collab/health, unloading an idle one', async () => {
    const { projectId, lead } = await projectWith(server, 'Hal Health');
    const [first, second] = [await newDocument(server, lead, projectId), await newDocument(server, lead, projectId)];
    // What earlier tests opened is closed and unloaded within the idle time (1 s here).
    await untilEqual('no connections and no loaded documents', () => healthCounts(server), { connections: 0, activeRooms: 0 });

    const a = await openClient(server, first, lead);
    const b = await openClient(server, first, lead);
    const c = await openClient(server, second, lead);
    const health = await collabHealth(server);
    assert.equal(health.status, 'healthy');
    assert.equal(health.service, 'collaboration-server');
    assert.equal(health.port, Number(new URL(server.baseUrl).port));
    assert.equal(typeof health.uptime, 'number');
    assert.deepEqual({ connections: health.connections, activeRooms: health.activeRooms }, { connections: 3, activeRooms: 2 });

    c.destroy();
    // The second document stays loaded a moment after its last client left, then goes.
    await untilEqual('two connections, one document', () => healthCounts(server), { connections: 2, activeRooms: 1 });
    a.destroy();
    b.destroy();
    await untilEqual('nothing open or loaded', () => healthCounts(server), { connections: 0, activeRooms: 0 });
    // A refused connection is never counted.
    assert.equal((await closeOf(server, first, 'not-a-token')).code, 4401);
    assert.deepEqual(await healthCounts(server), { connections: 0, activeRooms: 0 });
    // And an unloaded document loads again for the next one.
    const again = await connect(collabClient(server, first, lead.token));
    assert.ok(again.provider.synced);
    assert.deepEqual(await healthCounts(server), { connections: 1, activeRooms: 1 });
  });
});

async function healthCounts(server) {
  const { connections, activeRooms } = await collabHealth(server);
  return { connections, activeRooms };
}
