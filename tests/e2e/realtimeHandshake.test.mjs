// Refused handshakes, against docs/REALTIME.md: every namespace checks `auth.token` as REST
// checks a bearer token, and a refusal arrives as connect_error with the catalogue's words:
// no token, a forged or malformed one, an expired one (the client sets a fresh one and
// reconnects), and the token of a session that was signed out.

import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { GENEROUS_LIMITS, connect, connected, refusal, socketSuite, socketTo } from './realtimeClient.mjs';
import { rest, restOk, signUp } from './realtimeStudio.mjs';

const REFUSED = {
  missing: 'Authentication required: send the access token as auth.token.',
  expired: 'Token expired: refresh the access token and reconnect.',
  invalid: 'Invalid token: sign in again.',
};

const NAMESPACES = ['/messaging', '/', '/projects', '/notifications'];

/** A secret the test knows, so it can sign tokens the way the server does (HS256). */
const JWT_SECRET = randomBytes(32).toString('hex');

/** A token with `claims`, signed HS256 with `secret`, as jsonwebtoken makes them. */
function jwt(claims, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('Socket.IO handshake authentication', { timeout: 60_000 }, () => {
  const server = socketSuite({ ...GENEROUS_LIMITS, JWT_SECRET });

  it('refuses a handshake without a token, on every namespace', async () => {
    for (const namespace of NAMESPACES) {
      const error = await refusal(server, namespace, {});
      assert.equal(error.message, REFUSED.missing, namespace);
    }
    const empty = await refusal(server, '/messaging', { auth: { token: '' } });
    assert.equal(empty.message, REFUSED.missing);
    const notAnObject = await refusal(server, '/messaging', { auth: { bearer: 'x' } });
    assert.equal(notAnObject.message, REFUSED.missing);
  });

  it('refuses forged and malformed tokens', async () => {
    const person = await signUp(server, 'Fay Forged');
    // The same claims, signed with a secret that is not the server's.
    const forged = jwt(claimsOf(person.token), randomBytes(32).toString('hex'));
    // The real token with its signature replaced.
    const [header, payload] = person.token.split('.');
    const resigned = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    // The server's secret, but unsigned (`alg: none`).
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    for (const token of [forged, resigned, none, 'not-a-jwt', 'a.b.c', `${person.token}x`]) {
      for (const namespace of ['/messaging', '/']) {
        const error = await refusal(server, namespace, { token });
        assert.equal(error.message, REFUSED.invalid, `${namespace} with ${token}`);
      }
    }
    // The genuine token still works (the refusals were about the tokens).
    await connect(server, '/messaging', person);
  });

  it('refuses an expired token, and connects once the client sets a fresh one', async () => {
    const person = await signUp(server, 'Eli Expired');
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt({ ...claimsOf(person.token), iat: now - 1000, exp: now - 100 }, JWT_SECRET);
    // Signed with the server's secret and fresh, the same claims pass: only expiry refuses.
    const fresh = jwt({ ...claimsOf(person.token), iat: now, exp: now + 600 }, JWT_SECRET);

    const socket = socketTo(server, '/messaging', { token: expired });
    await assert.rejects(connected(socket), { message: REFUSED.expired });
    for (const namespace of ['/', '/notifications']) {
      assert.equal((await refusal(server, namespace, { token: expired })).message, REFUSED.expired);
    }
    // What REALTIME.md tells a client to do: set socket.auth and reconnect.
    socket.auth = { token: fresh };
    await connected(socket);
    assert.equal(socket.connected, true);
  });

  it('refuses the token of a session that was signed out', async () => {
    const person = await signUp(server, 'Lou Loggedout');
    const before = await connect(server, '/messaging', person);
    before.disconnect();
    await restOk(server, person.token, 'POST', '/api/auth/logout', { refreshToken: person.refreshToken });
    assert.equal((await rest(server, person.token, 'GET', '/api/auth/me')).status, 401, 'REST agrees');
    for (const namespace of NAMESPACES) {
      const error = await refusal(server, namespace, { token: person.token });
      assert.equal(error.message, REFUSED.invalid, namespace);
    }
  });
});
