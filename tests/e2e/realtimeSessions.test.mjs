// Ended sessions end live delivery, against docs/REALTIME.md: when a session ends (signed
// out, revoked from another device, signed out everywhere, the password changed, the
// account disabled by an administrator) the server disconnects that session's sockets on
// every namespace at once (the client hears 'io server disconnect'), and the old token is
// refused on reconnecting; the sockets of the person's other sessions stay connected.
//
// "Stayed connected" is shown with a barrier: a message with a mention, sent after the
// session ended, reaches the other session's /messaging and /notifications sockets (live
// delivery handles events in publish order, the disconnections first), and its board
// sockets still answer requests.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { connect, disconnection, nextEvent, refusal, requestOk, socketSuite } from './realtimeClient.mjs';
import {
  PASSWORD,
  directConversation,
  instanceAdmin,
  join,
  rest,
  restOk,
  sessionOf,
  signIn,
  studio,
} from './realtimeStudio.mjs';

const NAMESPACES = ['/messaging', '/', '/projects', '/notifications'];
const BY_SERVER = 'io server disconnect';

describe('sockets of ended sessions', { timeout: 60_000 }, () => {
  const server = socketSuite();

  /**
   * A person signed in twice (`first`, `second`: a session each) with a socket on every
   * namespace per session, and a colleague who shares a conversation with them.
   */
  async function twoDevices() {
    const {
      orgId,
      people: [person, colleague],
    } = await studio(server, ['Pat Twodevices', 'Col League']);
    const conversation = await directConversation(server, colleague, person);
    const second = await signIn(server, person);
    const everywhere = (session) => Promise.all(NAMESPACES.map((ns) => connect(server, ns, session)));
    return { orgId, first: person, second, colleague, conversation, sockets: [await everywhere(person), await everywhere(second)] };
  }

  /** Runs `end` and checks the server disconnected every one of `sockets` (and only them, of `all`). */
  async function endsExactly(all, sockets, end) {
    const dropped = [];
    for (const socket of all.flat()) socket.on('disconnect', (reason) => dropped.push([socket, reason]));
    const cut = sockets.map((socket) => disconnection(socket));
    await end();
    assert.deepEqual(await Promise.all(cut), sockets.map(() => BY_SERVER));
    return dropped;
  }

  /**
   * Checks `sockets` (one session of `person`, in NAMESPACES order) are still live, after a
   * barrier: `from` writes to `person` in `conversation`, mentioning them.
   */
  async function stillLive([messaging, root, projects, bell], { from, conversation, person, dropped }) {
    const body = `still there? ${randomUUID()}`;
    const heard = nextEvent(messaging, 'message:new', (m) => m.body === body);
    const rang = nextEvent(bell, 'notification:new', (n) => n.notification.kind === 'mentioned');
    await restOk(server, from.token, 'POST', `/api/conversations/${conversation.id}/messages`, {
      body,
      mentions: [person.id],
    });
    await Promise.all([heard, rang]);
    await requestOk(messaging, 'presence:query', { userIds: [] });
    for (const board of [root, projects]) await requestOk(board, 'project:leave', { projectId: randomUUID() });
    const kept = new Set([messaging, root, projects, bell]);
    assert.deepEqual(dropped.filter(([socket]) => kept.has(socket)).map(([s, reason]) => `${s.nsp}: ${reason}`), []);
    for (const socket of kept) assert.equal(socket.connected, true, socket.nsp);
  }

  /** The ended session's token no longer opens a socket. */
  async function refusedNow(person) {
    for (const namespace of ['/messaging', '/notifications']) {
      assert.equal((await refusal(server, namespace, { token: person.token })).message, 'Invalid token: sign in again.');
    }
  }

  for (const [how, body] of [
    ['its refresh token', (session) => ({ refreshToken: session.refreshToken })],
    ['its bearer token alone', () => undefined],
  ]) {
    it(`disconnects the sockets of a session signed out with POST /api/auth/logout (${how}), not the other session’s`, async () => {
      const { first, second, colleague, conversation, sockets } = await twoDevices();
      const dropped = await endsExactly(sockets, sockets[0], () =>
        restOk(server, first.token, 'POST', '/api/auth/logout', body(first)),
      );
      await stillLive(sockets[1], { from: colleague, conversation, person: second, dropped });
      await refusedNow(first);
      assert.equal((await rest(server, second.token, 'GET', '/api/auth/me')).status, 200);
    });
  }

  it('disconnects the sockets of a session revoked from another device (DELETE /api/auth/sessions/{id})', async () => {
    const { first, second, colleague, conversation, sockets } = await twoDevices();
    const firstSession = await sessionOf(server, first);
    assert.notEqual(firstSession, await sessionOf(server, second));
    const dropped = await endsExactly(sockets, sockets[0], () =>
      restOk(server, second.token, 'DELETE', `/api/auth/sessions/${firstSession}`),
    );
    await stillLive(sockets[1], { from: colleague, conversation, person: second, dropped });
    await refusedNow(first);
  });

  it('on a password change, disconnects the other sessions’ sockets and keeps this one’s', async () => {
    const { first, second, colleague, conversation, sockets } = await twoDevices();
    const dropped = await endsExactly(sockets, sockets[1], () =>
      restOk(server, first.token, 'POST', '/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: `${PASSWORD}-changed`,
      }),
    );
    await stillLive(sockets[0], { from: colleague, conversation, person: first, dropped });
    await refusedNow(second);
  });

  it('on sign-out everywhere, disconnects the sockets of every session', async () => {
    const { first, second, sockets } = await twoDevices();
    await endsExactly(sockets, sockets.flat(), () => restOk(server, second.token, 'POST', '/api/auth/logout-all'));
    await refusedNow(first);
    await refusedNow(second);
  });

  it('disconnects every socket of an account an administrator disables, and no one else’s', async () => {
    const { orgId, first, second, colleague, sockets } = await twoDevices();
    const third = await join(server, first, orgId, 'Tess Third');
    const toColleague = await directConversation(server, third, colleague);
    const colleagueSockets = await Promise.all(NAMESPACES.map((ns) => connect(server, ns, colleague)));
    const admin = await instanceAdmin(server);
    const dropped = await endsExactly([...sockets, colleagueSockets], sockets.flat(), () =>
      restOk(server, admin.token, 'PATCH', `/api/admin/users/${first.id}`, { isActive: false }),
    );
    await stillLive(colleagueSockets, { from: third, conversation: toColleague, person: colleague, dropped });
    await refusedNow(first);
    await refusedNow(second);
  });
});
