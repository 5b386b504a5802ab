// Two instances on one database and one Redis (REDIS_URL), against docs/DEPLOY.md: a session
// ended on one instance disconnects its sockets on the other at once, as on one instance
// (realtimeSessions.test.mjs), because the instances tell each other through Redis; the
// sockets of the person's other session stay connected. Each instance is reached directly
// here; clusterNginx.test.mjs runs two instances behind nginx, with faults.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer } from './harness.mjs';
import { freePort } from './nginx.mjs';
import { GENEROUS_LIMITS, connect, disconnectAll, disconnection, requestOk } from './realtimeClient.mjs';
import { restOk, signIn, signUp } from './realtimeStudio.mjs';

const REDIS_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'redis-server.sh');

describe('two instances sharing Redis', { timeout: 90_000 }, () => {
  let redisDir;
  let first;
  let second;

  before(async () => {
    redisDir = await mkdtemp(join(tmpdir(), 'fluxstudio-redis-'));
    const port = await freePort();
    execFileSync('bash', [REDIS_SCRIPT, 'start', redisDir, String(port)]);
    const env = { ...GENEROUS_LIMITS, REDIS_URL: `redis://127.0.0.1:${port}/?protocol=resp3` };
    first = await startServer({ env });
    // The second shares the first's folder: its SQLite database (or the run's PostgreSQL)
    // and its secret, as instances of one deployment do.
    second = await startServer({ env, workDir: first.workDir });
  });

  after(async () => {
    disconnectAll();
    await second?.stop();
    await first?.stop();
    if (redisDir) {
      execFileSync('bash', [REDIS_SCRIPT, 'stop', redisDir]);
      await rm(redisDir, { recursive: true, force: true });
    }
  });

  it('a session signed out on one instance has its sockets on the other disconnected', async () => {
    const person = await signUp(first, 'Ines Twoinstances');
    const other = await signIn(second, person);
    const ending = await connect(second, '/messaging', person);
    const staying = await connect(second, '/messaging', other);
    const cut = disconnection(ending);
    await restOk(first, person.token, 'POST', '/api/auth/logout', { refreshToken: person.refreshToken });
    assert.equal(await cut, 'io server disconnect');
    // The other session's socket on the same instance still answers.
    await requestOk(staying, 'presence:query', { userIds: [] });
    // And the ended session's token is refused on both instances.
    for (const server of [first, second]) {
      const response = await fetch(new URL('/api/auth/me', server.baseUrl), {
        headers: { authorization: `Bearer ${person.token}` },
      });
      assert.equal(response.status, 401, server.baseUrl);
    }
  });
});
