// Regression tests for the security probe's findings on the live connections (issue 11),
// with the official clients, on whichever database the run uses (the test command runs
// this file on SQLite and on PostgreSQL). Named after the findings; docs/SECURITY.md maps
// each to its fix.
//
// Finding 1: a /collab connection must end when its session ends, its person loses the
// project or the organization, or its token expires, and must not write after that.
// Finding 6: the Markdown export must carry no raw HTML.
// Finding 8: presence:query answers only about people who share something with the asker.
// Finding 9: an awareness client id belongs to the connection that used it first.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import { describe, it } from 'node:test';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  addParagraphs,
  collabSuite,
  exported,
  finalClose,
  newDocument,
  openClient,
  paragraphs,
  projectWith,
  roundTrip,
  stored,
  until,
  closeAll,
} from './collabClient.mjs';
import { connect as connectSocket, disconnectAll, request } from './realtimeClient.mjs';
import { instanceAdmin, join, rest, restOk, sessionOf, signIn, signUp } from './realtimeStudio.mjs';

/** y-protocols' awareness message type. */
const MESSAGE_AWARENESS = 1;

/** An access token for `person`'s session that expires in `seconds`, signed as the server signs. */
async function shortToken(server, person, seconds) {
  const secret = (await readFile(joinPath(server.workDir, 'data', 'jwt-secret'), 'utf8')).trim();
  const sid = await sessionOf(server, person);
  const now = Math.floor(Date.now() / 1000);
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = encode({ alg: 'HS256', typ: 'JWT' });
  const claims = encode({ sub: person.id, email: person.email, userType: 'designer', type: 'access', sid, iat: now, exp: now + seconds });
  const signature = createHmac('sha256', secret).update(`${head}.${claims}`).digest('base64url');
  return `${head}.${claims}.${signature}`;
}

/** A frame with an awareness update that says client `clientId` has `state`. */
function awarenessFrame(clientId, state) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  const length = [];
  for (let n = update.length; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      length.push(n);
      break;
    }
    length.push((n % 128) | 0x80);
  }
  return Uint8Array.from([MESSAGE_AWARENESS, ...length, ...update]);
}

describe('security findings on live connections', { timeout: 120_000 }, () => {
  const server = collabSuite();

  /**
   * A document of a new project, with a reader connected and synced: a client of the
   * organization, a viewer of the project (a client sees only the projects they are on).
   */
  async function readerOnline() {
    const {
      orgId,
      projectId,
      lead,
      people: { 'Ed Editor': editor },
    } = await projectWith(server, 'Lu Lead', { 'Ed Editor': 'editor' });
    const viewer = await join(server, lead, orgId, 'Vi Viewer', 'client');
    await restOk(server, lead.token, 'PUT', `/api/projects/${projectId}/members/${viewer.id}`, { role: 'viewer' });
    const documentId = await newDocument(server, lead, projectId);
    const reader = await openClient(server, documentId, viewer);
    return { orgId, projectId, lead, viewer, editor, documentId, reader };
  }

  it('finding 1: a reader removed from the project is cut off with 4403', async () => {
    const { projectId, lead, viewer, editor, documentId, reader } = await readerOnline();
    const closed = finalClose(reader);
    await restOk(server, lead.token, 'DELETE', `/api/projects/${projectId}/members/${viewer.id}`);
    assert.equal((await closed).code, 4403);
    // What is typed afterwards never reaches them.
    const writer = await openClient(server, documentId, editor);
    addParagraphs(writer.doc, 'After the removal.');
    await stored(writer);
    assert.deepEqual(paragraphs(reader.doc), []);
  });

  it('finding 1: a reader removed from the organization is cut off with 4403', async () => {
    const { orgId, lead, viewer, reader } = await readerOnline();
    const closed = finalClose(reader);
    await restOk(server, lead.token, 'DELETE', `/api/organizations/${orgId}/members/${viewer.id}`);
    assert.equal((await closed).code, 4403);
  });

  it('finding 1: signing out everywhere closes open documents with 4401', async () => {
    const { viewer, reader } = await readerOnline();
    const closed = finalClose(reader);
    await restOk(server, viewer.token, 'POST', '/api/auth/logout-all');
    assert.equal((await closed).code, 4401);
  });

  it('finding 1: a reader whose account is disabled is cut off with 4401', async () => {
    const { viewer, reader } = await readerOnline();
    const admin = await instanceAdmin(server);
    const closed = finalClose(reader);
    await restOk(server, admin.token, 'PATCH', `/api/admin/users/${viewer.id}`, { isActive: false });
    assert.equal((await closed).code, 4401);
  });

  it('finding 1: an editor whose session is revoked can no longer write', async () => {
    const { lead, editor, documentId } = await readerOnline();
    const device = await signIn(server, editor);
    const writer = await openClient(server, documentId, device);
    addParagraphs(writer.doc, 'Before the revocation.');
    await stored(writer);
    const closed = finalClose(writer);
    const session = await sessionOf(server, device);
    await restOk(server, editor.token, 'DELETE', `/api/auth/sessions/${session}`);
    assert.equal((await closed).code, 4401);
    const refused = await rest(server, device.token, 'GET', '/api/auth/me');
    assert.equal(refused.status, 401);
    // The provider keeps the edit it could not send; nothing of it is stored.
    addParagraphs(writer.doc, 'After the revocation.');
    assert.equal(await exported(server, lead, documentId), 'Before the revocation.\n');
  });

  it('finding 1: a connection does not outlive its token; a fresh token reconnects', async () => {
    const { viewer, documentId } = await readerOnline();
    const token = await shortToken(server, viewer, 2);
    const reader = await openClient(server, documentId, { token });
    const closed = await finalClose(reader);
    assert.deepEqual(closed, { code: 4401, reason: 'token expired: reconnect with a fresh token' });
    await openClient(server, documentId, viewer);
  });

  it('finding 6: the Markdown export carries no raw HTML from any text', async () => {
    const { lead, documentId } = await readerOnline();
    const writer = await openClient(server, documentId, lead);
    const payload = '<img src=x onerror=alert(1)>';
    writer.doc.transact(() => {
      const code = new Y.XmlText();
      code.insert(0, `x\n\n${payload}\n\n`, { code: true });
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [code]);
      const block = new Y.XmlElement('codeBlock');
      block.setAttribute('language', `js\n\`\`\`\n\n${payload}\n`);
      const body = new Y.XmlText();
      body.insert(0, 'let a;');
      block.insert(0, [body]);
      const linked = new Y.XmlText();
      linked.insert(0, 'link', { link: { href: `https://x.example/\n\n${payload}` } });
      const linkParagraph = new Y.XmlElement('paragraph');
      linkParagraph.insert(0, [linked]);
      writer.doc.getXmlFragment('default').insert(0, [paragraph, block, linkParagraph]);
    });
    await stored(writer);
    const markdown = await exported(server, lead, documentId, 'markdown');
    for (const line of markdown.split('\n')) {
      assert.ok(!line.trimStart().startsWith('<'), `a line of raw HTML in:\n${markdown}`);
    }
    assert.ok(markdown.includes('https://x.example/%0A%0A%3Cimg'), markdown);
  });

  it("finding 9: awareness sent under another client's id is dropped", async () => {
    const { editor, lead, documentId, reader } = await readerOnline();
    const victim = await openClient(server, documentId, editor, { awareness: { user: { name: 'Ed Editor' } } });
    const watcher = await openClient(server, documentId, lead);
    await until("the victim's caret at the watcher", () =>
      watcher.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name === 'Ed Editor' ? true : undefined,
    );
    reader.provider.ws.send(awarenessFrame(victim.doc.clientID, { user: { name: 'Mallory' } }));
    // A marker on the same connection, after the forgery: had the forgery been relayed, it
    // would have reached the watcher first.
    await roundTrip(reader);
    reader.provider.awareness.setLocalStateField('marker', 'after');
    await until("the reader's marker at the watcher", () =>
      watcher.provider.awareness.getStates().get(reader.doc.clientID)?.marker === 'after' ? true : undefined,
    );
    assert.equal(watcher.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name, 'Ed Editor');
  });
});

describe('finding 8: presence is told only to people who share something', { timeout: 60_000 }, () => {
  const server = collabSuite();

  it('answers about colleagues, not strangers, and refuses an oversized list', async () => {
    closeAll();
    const {
      lead,
      people: { 'Ed Editor': colleague },
    } = await projectWith(server, 'Lu Lead', { 'Ed Editor': 'editor' });
    const stranger = await signUp(server, 'Sam Stranger');
    const sockets = [];
    try {
      for (const person of [lead, colleague, stranger]) sockets.push(await connectSocket(server, '/messaging', person));
      const [, byColleague, byStranger] = sockets;
      const colleagueSees = await request(byColleague, 'presence:query', { userIds: [lead.id, stranger.id] });
      assert.deepEqual(colleagueSees, { online: [lead.id] });
      const strangerSees = await request(byStranger, 'presence:query', { userIds: [lead.id, colleague.id] });
      assert.deepEqual(strangerSees, { online: [] });
      const tooMany = Array.from({ length: 501 }, () => lead.id);
      const refused = await request(byColleague, 'presence:query', { userIds: tooMany });
      assert.equal(refused.error, 'invalid');
      assert.equal(refused.field, 'userIds');
    } finally {
      disconnectAll();
    }
  });
});
