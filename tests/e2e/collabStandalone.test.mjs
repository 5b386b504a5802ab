// The collaboration service run alone (`fluxstudio serve --only collab`) beside the main
// server, both on one database (the SQLite file of a shared working directory, or
// FLUX_TEST_DATABASE_URL) and one JWT secret: the main server's tokens open documents on
// it, what is written through it is what the main server exports and serves on its own
// /collab, and the other way round. It serves /collab alone, and its health names its port.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  addParagraphs,
  closeAll,
  closeOf,
  COLLAB_ENV,
  collabHealth,
  exported,
  newDocument,
  openClient,
  paragraphs,
  projectWith,
  stored,
  untilParagraphs,
} from './collabClient.mjs';
import { startServer } from './harness.mjs';
import { studio } from './realtimeStudio.mjs';

describe('the collaboration service alone (serve --only collab) beside the main server', { timeout: 90_000 }, () => {
  let main;
  let collab;
  before(async () => {
    main = await startServer({ env: COLLAB_ENV });
    // Started once the main server has migrated the database and made the secret.
    collab = await startServer({
      env: COLLAB_ENV,
      workDir: main.workDir,
      args: ['--only', 'collab'],
      readyPath: '/collab/health',
    });
  });
  afterEach(() => closeAll());
  after(async () => {
    closeAll();
    // The standalone first: the main server made the working directory and removes it.
    await collab?.stop();
    await main?.stop();
  });

  it('answers /collab/health with its own port, and serves nothing of the API', async () => {
    const health = await collabHealth(collab);
    assert.equal(health.status, 'healthy');
    assert.equal(health.service, 'collaboration-server');
    assert.equal(health.port, Number(new URL(collab.baseUrl).port));
    assert.notEqual(health.port, Number(new URL(main.baseUrl).port));
    assert.equal((await collabHealth(main)).port, Number(new URL(main.baseUrl).port));

    for (const path of ['/api/health/ready', '/api/projects', '/socket.io/?EIO=4&transport=polling']) {
      const response = await fetch(new URL(path, collab.baseUrl));
      await response.arrayBuffer();
      assert.equal(response.status, 404, `${path} on the standalone service`);
    }
  });

  it('stores what is written through it where the main server exports and serves it, and back', async () => {
    const {
      projectId,
      lead,
      people: { 'Ed Editor': ed },
    } = await projectWith(main, 'Sam Standalone', { 'Ed Editor': 'editor' });
    const documentId = await newDocument(main, lead, projectId, 'Split');
    // The main server has the document loaded before anything is written elsewhere.
    const early = await openClient(main, documentId, lead);
    assert.deepEqual(paragraphs(early.doc), []);

    // A token of the main server opens the document on the standalone service.
    const alone = await openClient(collab, documentId, ed);
    addParagraphs(alone.doc, 'Written through the standalone service.');
    await stored(alone);
    assert.equal(await exported(main, lead, documentId), 'Written through the standalone service.\n');

    // A client of the main server's /collab sees the same content.
    const viaMain = await openClient(main, documentId, lead);
    assert.deepEqual(paragraphs(viaMain.doc), ['Written through the standalone service.']);

    // And the other way round.
    addParagraphs(viaMain.doc, 'Written through the main server.');
    await stored(viaMain);
    const again = await openClient(collab, documentId, ed);
    assert.deepEqual(paragraphs(again.doc), ['Written through the standalone service.', 'Written through the main server.']);
    assert.equal((await collabHealth(collab)).connections, 2);
  });

  // When a room reads what the other process stored (on a join, or when storing finds
  // updates in between), it passes them on to the clients already in it; otherwise a later
  // change built on them would stay pending (invisible) in their documents.
  it(
    'passes on to the clients it has what it read from the other process, before changes built on it',
    async () => {
      const {
        projectId,
        lead,
        people: { 'Ed Editor': ed },
      } = await projectWith(main, 'Cal Catchup', { 'Ed Editor': 'editor' });
      const documentId = await newDocument(main, lead, projectId);
      const alone = await openClient(collab, documentId, ed);
      const viaMain = await openClient(main, documentId, lead);
      addParagraphs(viaMain.doc, 'From the main server.');
      await stored(viaMain);
      // The standalone's room reads it when the next client joins there…
      const again = await openClient(collab, documentId, ed);
      assert.deepEqual(paragraphs(again.doc), ['From the main server.']);
      // …and a change made there next comes after it.
      addParagraphs(again.doc, 'Next, through the standalone.');
      await stored(again);
      await untilParagraphs(alone, ['From the main server.', 'Next, through the standalone.']);
      assert.equal(alone.doc.store.pendingStructs, null, 'nothing pending');
    },
  );

  it('refuses on the standalone service what the main server refuses', async () => {
    const { projectId, lead } = await projectWith(main, 'Rita Refuser');
    const documentId = await newDocument(main, lead, projectId);
    const {
      people: [stranger],
    } = await studio(main, ['Sol Stranger']);
    assert.equal((await closeOf(collab, documentId, undefined)).code, 4401);
    assert.equal((await closeOf(collab, documentId, 'not-a-token')).code, 4401);
    assert.equal((await closeOf(collab, documentId, stranger.token)).code, 4404);
    const opened = await openClient(collab, documentId, lead);
    assert.ok(opened.provider.synced);
  });
});
