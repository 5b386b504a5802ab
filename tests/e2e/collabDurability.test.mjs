// A document survives a crash of the server. The server stores every update before it
// relays it, so whatever another client has received is in the database: a writer types
// small edits one by one while a reader receives them, the server is killed with SIGKILL
// (no graceful shutdown, nothing flushed on the way out), a new server starts on the same
// working directory and database (SQLite in it, or FLUX_TEST_DATABASE_URL), and a fresh
// client finds every edit the reader had received — and everything the server had told the
// writer it stored (its state vector after the writer's updates, the web app's "Saved").

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import {
  addParagraphs,
  closeAll,
  COLLAB_ENV,
  covers,
  exported,
  newDocument,
  openClient,
  paragraphs,
  paragraphText,
  projectWith,
  stored,
  until,
  untilParagraphs,
  WAIT_MS,
} from './collabClient.mjs';
import { crashableServers } from './harness.mjs';

/** The text of edit `i`: small, and numbered so a prefix can be told from a jumble. */
const edit = (i) => `e${i};`;
const typed = (count) => Array.from({ length: count }, (_, i) => edit(i)).join('');
/** One turn of the event loop: the provider sends each edit in a frame of its own. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('documents after the server is killed (SIGKILL) and started again', { timeout: 180_000 }, () => {
  const servers = crashableServers(closeAll);

  /** A document with one empty paragraph; a writer (its lead) and a reader (an editor) on it. */
  async function writerAndReader(server) {
    const {
      projectId,
      lead,
      people: { 'Rae Reader': rae },
    } = await projectWith(server, 'Wes Writer', { 'Rae Reader': 'editor' });
    const documentId = await newDocument(server, lead, projectId, 'Log');
    const writer = await openClient(server, documentId, lead);
    const reader = await openClient(server, documentId, rae);
    addParagraphs(writer.doc, '');
    await Promise.all([untilParagraphs(reader, ['']), stored(writer)]);
    return { documentId, lead, writer, reader, line: paragraphText(writer.doc, 0) };
  }

  /** What a client holds of the log (its first paragraph). */
  const logOf = (client) => paragraphs(client.doc)[0] ?? '';

  /**
   * Kills `server` with SIGKILL (calling `died` once it has exited); once the reader's
   * connection has closed (it has all it will ever get from that process), answers what the
   * reader holds and the state vectors the writer heard, and closes both clients.
   */
  async function crash(server, writer, reader, died) {
    await servers.crash(server, died);
    await until('the reader to see the connection close', () => (reader.closes.length > 0 ? true : undefined));
    const received = logOf(reader);
    const saved = writer.savedStates.map((bytes) => Y.decodeStateVector(bytes));
    writer.destroy();
    reader.destroy();
    return { received, saved };
  }

  /** After a restart: a fresh client's log, checked against what the server had said was stored. */
  async function afterRestart(first, documentId, lead, saved, writerId) {
    const second = await servers.restart(first);
    const fresh = await openClient(second, documentId, lead);
    const state = Y.decodeStateVector(Y.encodeStateVector(fresh.doc));
    const lastSaved = saved.filter((sv) => sv.has(writerId)).at(-1);
    assert.ok(lastSaved, 'the server told the writer what it stored at least once');
    assert.ok(
      covers(state, lastSaved),
      `what the server told the writer it stored (${JSON.stringify([...lastSaved])}) is there: ${JSON.stringify([...state])}`,
    );
    return { second, fresh, log: logOf(fresh) };
  }

  it('keeps every edit once the other client has received them all', async () => {
    const first = await servers.start(COLLAB_ENV);
    const { documentId, lead, writer, reader, line } = await writerAndReader(first);

    const count = 200;
    for (let i = 0; i < count; i += 1) {
      line.insert(line.length, edit(i));
      await nextTurn();
    }
    const all = typed(count);
    await until(`the reader to receive all ${count} edits`, () => (logOf(reader) === all ? true : undefined), {
      timeoutMs: 3 * WAIT_MS,
      describe: () => logOf(reader).length,
    });
    // …and the moment it has, the server dies.
    const { received, saved } = await crash(first, writer, reader);
    assert.equal(received, all);

    const { second, fresh, log } = await afterRestart(first, documentId, lead, saved, writer.doc.clientID);
    assert.equal(log, all);
    assert.deepEqual(paragraphs(fresh.doc), [all]);
    assert.equal(await exported(second, lead, documentId), `${all}\n`);
  });

  it('keeps every edit the other client received when killed mid-stream, while typing goes on', async (t) => {
    const first = await servers.start(COLLAB_ENV);
    const { documentId, lead, writer, reader, line } = await writerAndReader(first);

    // The writer types until the server is dead (at most `limit` edits).
    const limit = 20_000;
    let written = 0;
    let dead = false;
    const typing = (async () => {
      while (!dead && written < limit) {
        line.insert(line.length, edit(written));
        written += 1;
        await nextTurn();
      }
    })();
    // Once the reader has a hundred edits and the writer has been told some of its edits are
    // stored (the server says so at most every 250 ms), the server dies.
    const threshold = 100;
    const before = writer.savedStates.length;
    await until(`the reader to receive ${threshold} edits, and the writer to hear some are stored`, () =>
      logOf(reader).split(';').length - 1 >= threshold && writer.savedStates.length > before ? true : undefined,
    );
    // Typing goes on while the process dies.
    const { received, saved } = await crash(first, writer, reader, () => {
      dead = true;
    });
    await typing;
    const writtenAll = typed(written);
    const receivedCount = received.split(';').length - 1;
    assert.ok(receivedCount >= threshold, `the reader had ${receivedCount} edits`);
    assert.ok(written > receivedCount, `killed mid-stream: ${written} typed, ${receivedCount} received`);
    assert.ok(writtenAll.startsWith(received), 'the reader holds the first edits, in order');

    const { second, log } = await afterRestart(first, documentId, lead, saved, writer.doc.clientID);
    // Everything the reader received survived; nothing the writer did not type appeared.
    assert.ok(log.startsWith(received), `${receivedCount} received edits survive: ${log.length} < ${received.length} characters`);
    assert.ok(writtenAll.startsWith(log), 'what survived is a prefix of what was typed');
    t.diagnostic(`typed ${written}, received ${receivedCount}, survived ${log.split(';').length - 1}`);
    assert.equal(await exported(second, lead, documentId), `${log}\n`);
  });
});
