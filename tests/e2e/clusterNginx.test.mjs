// Several instances as a studio runs them (docs/DEPLOY.md): two `fluxstudio serve` on one
// database (the run's SQLite folder or PostgreSQL) and one Redis, behind Debian's nginx with
// the repository's deploy/nginx.conf. Every client goes through nginx, with the official
// clients; which instance served whom is read from nginx's access log. Clients bound to
// different loopback addresses (127.0.0.x) are different people to nginx's sticky hash, so
// a test puts people on the instance it wants by the address they connect from.
//
// The faults come last, as they change the cluster: Redis stopped and started under
// traffic, an instance killed (`kill -9`) during a message storm, and a rolling restart
// under load, each with nothing acknowledged lost and nothing doubled.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { startServer } from './harness.mjs';
import { closeAll, collabClient, connect as connectDocument, newDocument, projectWith, stored } from './collabClient.mjs';
import { agentFrom, freePort, request, startNginx, webSocketFrom } from './nginx.mjs';
import {
  GENEROUS_LIMITS,
  WAIT_MS,
  connect,
  disconnectAll,
  disconnection,
  eventually,
  nextEvent,
  requestOk,
  sendMessage,
  syncAll,
} from './realtimeClient.mjs';
import { directConversation, project, rest, restOk, signIn, studio } from './realtimeStudio.mjs';

const REDIS_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'redis-server.sh');
/** Source addresses to try for each instance (all of 127.0.0.0/8 is loopback). */
const ADDRESSES = Array.from({ length: 60 }, (_, i) => `127.0.0.${i + 2}`);

/** Socket.IO options for a client leaving from `address`, over `transports`. */
function from(address, transports = ['websocket'], options = {}) {
  return { agent: agentFrom(address), localAddress: address, transports, ...options };
}

/** The names in a board's list of viewers (`project:join`'s answer or `presence:update`). */
const viewerNames = (board) => board.viewers.map((viewer) => viewer.name);

/** Reconnecting as the web app does, quickly: a dropped client comes back through nginx. */
const RECONNECTING = { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 200 };

describe('two instances behind nginx, on one Redis', { timeout: 240_000 }, () => {
  let redis;
  /** The deployment's folder: its SQLite database (or the run's PostgreSQL) and secret. */
  let workDir;
  const instances = [];
  let ports;
  let env;
  let nginx;
  /** nginx, as the `server` the REST and socket helpers take. */
  let front;
  /** Source addresses whose Socket.IO nginx sends to instance 0 and to instance 1. */
  const on = [[], []];

  before(async () => {
    redis = { dir: await mkdtemp(join(tmpdir(), 'fluxstudio-redis-')), port: await freePort() };
    execFileSync('bash', [REDIS_SCRIPT, 'start', redis.dir, String(redis.port)]);
    env = {
      ...GENEROUS_LIMITS,
      REDIS_URL: `redis://127.0.0.1:${redis.port}/?protocol=resp3`,
      // The client's address is the one nginx appends to X-Forwarded-For.
      TRUST_PROXY: '1',
    };
    ports = [await freePort(), await freePort()];
    workDir = await mkdtemp(join(tmpdir(), 'fluxstudio-cluster-'));
    for (const n of [0, 1]) instances[n] = await startInstance(n);
    nginx = await startNginx({ upstreams: instances.map((i) => i.baseUrl) });
    front = { baseUrl: nginx.baseUrl };
    // Which addresses nginx's hash sends where: an Engine.IO handshake from each, until
    // each instance has three.
    for (const address of ADDRESSES) {
      const handshake = await request(front.baseUrl, '/api/socket.io/?EIO=4&transport=polling', { localAddress: address });
      assert.equal(handshake.status, 200, handshake.text);
      on[await nginx.instanceOf(address)].push(address);
      if (on[0].length >= 3 && on[1].length >= 3) break;
    }
    assert.ok(on[0].length >= 3 && on[1].length >= 3, `addresses per instance: ${JSON.stringify(on)}`);
  });

  afterEach(() => {
    disconnectAll();
    closeAll();
  });

  after(async () => {
    await nginx?.stop();
    await instances[1]?.stop();
    await instances[0]?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    if (redis) {
      execFileSync('bash', [REDIS_SCRIPT, 'stop', redis.dir]);
      await rm(redis.dir, { recursive: true, force: true });
    }
  });

  /** Instance `n` of the deployment, on its own port (nginx lists it there). */
  function startInstance(n) {
    return startServer({ env, port: ports[n], workDir });
  }

  /** Two colleagues with a direct conversation (made on instance 0, which mails the links). */
  async function colleagues(names = ['Ann Left', 'Ben Right']) {
    const { orgId, people } = await studio(instances[0], names);
    const conversation = await directConversation(instances[0], people[0], people[1]);
    return { orgId, people, conversation };
  }

  /** Sends `count` messages over `socket`, each retried with its clientId until acknowledged. */
  async function storm(socket, conversationId, label, count, onSent = () => {}) {
    const sent = [];
    for (let i = 0; i < count; i += 1) {
      const clientId = `${label.replaceAll(' ', '-')}-${i}`;
      const body = `${label} ${i}`;
      for (;;) {
        try {
          if (!socket.connected) await new Promise((ready) => socket.once('connect', ready));
          const ack = await socket.timeout(WAIT_MS).emitWithAck('message:send', { conversationId, body, clientId });
          if (ack?.message) {
            sent.push(ack.message);
            break;
          }
          // Refused: only a server that cannot store now is asked again.
          if (ack?.error !== 'unavailable') throw new Error(`${clientId} was refused: ${JSON.stringify(ack)}`);
        } catch (error) {
          // Cut off before the acknowledgement: sent again with the same clientId below.
          if (error.message.includes('was refused')) throw error;
        }
      }
      await onSent(i);
    }
    return sent;
  }

  /** Everything stored in a conversation, read through nginx. */
  async function storedMessages(person, conversationId) {
    return syncAll(await connect(front, '/messaging', person), conversationId, 0);
  }

  /** Waits until both instances say Redis answers again (not `degraded`). */
  async function bothReady() {
    for (const instance of instances) {
      await eventually(`${instance.baseUrl} to be ready`, async () => {
        const answer = await rest(instance, undefined, 'GET', '/api/health/ready');
        return answer.status === 200 && answer.body.status === 'ready' ? true : undefined;
      });
    }
  }

  it('carries chat between people on different instances, over WebSocket and long-polling', async () => {
    const {
      people: [ann, ben],
      conversation,
    } = await colleagues();
    for (const transports of [['websocket'], ['polling']]) {
      const [annAt, benAt] = [on[0][0], on[1][0]];
      const sa = await connect(front, '/messaging', ann, from(annAt, transports));
      const sb = await connect(front, '/messaging', ben, from(benAt, transports));
      assert.equal(sa.io.engine.transport.name, transports[0]);
      const toBen = nextEvent(sb, 'message:new', (m) => m.body === `hello over ${transports}`);
      await sendMessage(sa, conversation.id, `hello over ${transports}`);
      await toBen;
      const toAnn = nextEvent(sa, 'message:new', (m) => m.body === `back over ${transports}`);
      await sendMessage(sb, conversation.id, `back over ${transports}`);
      await toAnn;
      // Every request of each client went to one instance, the one planned (long-polling
      // is a series of requests: the sticky hash held them together).
      assert.equal(await nginx.instanceOf(annAt), 0);
      assert.equal(await nginx.instanceOf(benAt), 1);
      sa.disconnect();
      sb.disconnect();
    }
  });

  it('shows a board move made on one instance to a watcher on the other, and who is looking', async () => {
    const {
      orgId,
      people: [lead, watcher],
    } = await studio(instances[0], ['Lea Lead', 'Wim Watcher']);
    const board = await project(instances[0], lead, orgId, 'Two-instance board');
    const seen = await connect(front, '/', watcher, from(on[1][1]));
    const alone = await requestOk(seen, 'project:join', { projectId: board.id });
    assert.deepEqual(viewerNames(alone), ['Wim Watcher']);

    // The lead looks at the board from the other instance: both lists name both.
    const looking = await connect(front, '/', lead, from(on[0][1]));
    const both = nextEvent(seen, 'presence:update', (u) => u.projectId === board.id && u.viewers.length === 2);
    const joined = await requestOk(looking, 'project:join', { projectId: board.id });
    assert.deepEqual(viewerNames(joined), ['Lea Lead', 'Wim Watcher']);
    assert.deepEqual(viewerNames(await both), ['Lea Lead', 'Wim Watcher']);
    assert.ok(joined.version > alone.version, 'a later list has a greater version');
    assert.deepEqual(await Promise.all([nginx.instanceOf(on[0][1]), nginx.instanceOf(on[1][1])]), [0, 1]);
    const task = await restOk(instances[0], lead.token, 'POST', `/api/projects/${board.id}/tasks`, { title: 'Hang the set' });
    const moved = nextEvent(seen, 'task:moved', (change) => change.entityId === task.id);
    await restOk(instances[0], lead.token, 'POST', `/api/projects/${board.id}/tasks/${task.id}/move`, {
      status: 'in_progress',
      index: 0,
    });
    assert.equal((await moved).action, 'task.moved');

    // The lead closes the board (the socket goes): the watcher is alone again.
    const left = nextEvent(seen, 'presence:update', (u) => u.projectId === board.id && u.viewers.length === 1);
    looking.disconnect();
    const lastList = await left;
    assert.deepEqual(viewerNames(lastList), ['Wim Watcher']);
    assert.ok(lastList.version > joined.version);
  });

  it('converges one document edited from both instances, with each other’s cursors', async () => {
    const { projectId, lead, people } = await projectWith(instances[0], 'Lou Lead', { Eve: 'editor' });
    const documentId = await newDocument(instances[0], lead, projectId);
    const left = collabClient(front, documentId, lead.token, {
      WebSocketPolyfill: webSocketFrom(on[0][2]),
      awareness: { user: { name: 'Lou' } },
    });
    await connectDocument(left);
    // nginx's least_conn sends the second connection to the instance without one.
    const right = collabClient(front, documentId, people.Eve.token, {
      WebSocketPolyfill: webSocketFrom(on[1][2]),
      awareness: { user: { name: 'Eve' } },
    });
    await connectDocument(right);
    for (let i = 0; i < 20; i += 1) {
      left.doc.getText('t').insert(0, `L${i} `);
      right.doc.getText('t').insert(right.doc.getText('t').length, `R${i} `);
    }
    const text = () => [left.doc.getText('t').toString(), right.doc.getText('t').toString()];
    await eventually('both texts to be equal and whole', async () => {
      const [a, b] = text();
      return a === b && a.split(' ').filter(Boolean).length === 40 ? true : undefined;
    });
    const names = (client) => [...client.provider.awareness.getStates().values()].map((s) => s.user?.name).sort();
    await eventually('each to see the other’s cursor', async () =>
      names(left).join() === 'Eve,Lou' && names(right).join() === 'Eve,Lou' ? true : undefined,
    );
    left.destroy();
    right.destroy();
    // The two connections were served by different instances.
    const entries = await eventually('both document connections in the access log', async () => {
      const served = (await nginx.servedBy()).filter((e) => e.path.startsWith(`/collab/${documentId}`));
      return served.length >= 2 ? served : undefined;
    });
    assert.deepEqual(new Set(entries.map((e) => e.instance)), new Set([0, 1]), JSON.stringify(entries));
  });

  it('shows presence across instances: online once, offline when the last socket goes', async () => {
    const {
      people: [ann, ben],
    } = await colleagues(['Pia Present', 'Oli Online']);
    const watching = await connect(front, '/messaging', ann, from(on[0][0]));
    const presence = [];
    watching.on('presence', (p) => p.userId === ben.id && presence.push(p.online));
    const online = nextEvent(watching, 'presence', (p) => p.userId === ben.id && p.online);
    const onOne = await connect(front, '/messaging', ben, from(on[1][0]));
    await online;
    const onZero = await connect(front, '/messaging', ben, from(on[0][1]));
    assert.deepEqual((await requestOk(watching, 'presence:query', { userIds: [ben.id] })).online, [ben.id]);
    onOne.disconnect();
    // Still online on instance 0: asked on instance 1 (where Ben has no socket now).
    const asker = await connect(front, '/messaging', ann, from(on[1][1]));
    assert.deepEqual((await requestOk(asker, 'presence:query', { userIds: [ben.id] })).online, [ben.id]);
    const offline = nextEvent(watching, 'presence', (p) => p.userId === ben.id && !p.online);
    onZero.disconnect();
    await offline;
    assert.deepEqual((await requestOk(asker, 'presence:query', { userIds: [ben.id] })).online, []);
    assert.deepEqual(presence, [true, false], 'announced once each');
  });

  it('counts failed sign-ins once for the whole cluster', async () => {
    const {
      people: [person],
    } = await studio(instances[0], ['Rae Ratelimited']);
    const address = on[0][2];
    const csrf = await request(front.baseUrl, '/api/csrf-token', { localAddress: address });
    const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const attempt = () =>
      request(front.baseUrl, '/api/auth/login', {
        method: 'POST',
        localAddress: address,
        headers: { cookie, 'x-csrf-token': csrf.json().csrfToken },
        body: { email: person.email, password: 'not the password' },
      });
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await attempt());
    assert.deepEqual(
      answers.map((a) => a.status),
      [401, 401, 401, 401, 401, 429],
      answers.map((a) => a.text).join('\n'),
    );
    assert.ok(Number(answers[5].headers['retry-after']) > 0);
    // Each line is written once its response has gone: wait for all six.
    const logins = await eventually('the six sign-ins in the access log', async () => {
      const lines = (await nginx.servedBy()).filter((e) => e.path === '/api/auth/login' && e.remoteAddr === address);
      return lines.length === 6 ? lines : undefined;
    });
    assert.deepEqual(new Set(logins.map((e) => e.instance)), new Set([0, 1]), 'both instances counted');
  });

  it('disconnects, on one instance, the socket of a session ended on the other', async () => {
    const {
      people: [person],
    } = await studio(instances[0], ['Sid Signedout']);
    const other = await signIn(instances[0], person);
    const ending = await connect(front, '/messaging', person, from(on[1][0]));
    const staying = await connect(front, '/messaging', other, from(on[1][1]));
    const cut = disconnection(ending);
    await restOk(instances[0], person.token, 'POST', '/api/auth/logout', { refreshToken: person.refreshToken });
    assert.equal(await cut, 'io server disconnect');
    await requestOk(staying, 'presence:query', { userIds: [] });
  });

  it('keeps serving while Redis is down, and catches up when it is back', async () => {
    const {
      orgId,
      people: [ann, ben],
      conversation,
    } = await colleagues(['Rhea Redisless', 'Sol Separate']);
    const sa = await connect(front, '/messaging', ann, from(on[0][0]));
    const annElsewhere = await connect(front, '/messaging', ann, from(on[0][1]));
    const sb = await connect(front, '/messaging', ben, from(on[1][0]));
    const heardByBen = [];
    sb.on('message:new', (m) => heardByBen.push(m.seq));
    // Both look at a board, each from their instance.
    const board = await project(instances[0], ann, orgId, 'Board through the outage');
    const annLooks = await connect(front, '/', ann, from(on[0][2]));
    const benLooks = await connect(front, '/', ben, from(on[1][1]));
    await requestOk(annLooks, 'project:join', { projectId: board.id });
    const both = await requestOk(benLooks, 'project:join', { projectId: board.id });
    assert.deepEqual(viewerNames(both), ['Rhea Redisless', 'Sol Separate']);

    execFileSync('bash', [REDIS_SCRIPT, 'stop', redis.dir]);
    for (const instance of instances) {
      await eventually(`${instance.baseUrl} to say degraded`, async () => {
        const answer = await rest(instance, undefined, 'GET', '/api/health/ready');
        return answer.status === 200 && answer.body.status === 'degraded' ? true : undefined;
      });
    }
    // The people on instance 0 are still served, live, by it.
    const local = nextEvent(annElsewhere, 'message:new', (m) => m.body === 'while Redis is down 4');
    const sentDown = await storm(sa, conversation.id, 'while Redis is down', 5);
    await local;
    // Ann closes the board while Redis cannot hear it: Ben hears of it once Redis is back
    // (it lost everything; the instances tell it again what they hold).
    const benAlone = nextEvent(
      benLooks,
      'presence:update',
      (u) => u.projectId === board.id && viewerNames(u).join() === 'Sol Separate',
      30_000,
    );
    annLooks.disconnect();

    execFileSync('bash', [REDIS_SCRIPT, 'start', redis.dir, String(redis.port)]);
    await bothReady();
    await benAlone;
    // Ben catches up by sequence number, then hears the next message live again.
    const caughtUp = await syncAll(sb, conversation.id, 0);
    for (const message of sentDown) assert.ok(caughtUp.some((m) => m.id === message.id), message.body);
    const live = nextEvent(sb, 'message:new', (m) => m.body === 'Redis is back');
    await sendMessage(sa, conversation.id, 'Redis is back');
    await live;
  });

  it('loses and doubles nothing when an instance is killed during a message storm', async () => {
    const {
      orgId,
      people: [ann, ben, cy],
      conversation,
    } = await colleagues(['Kit Killed', 'Lia Living', 'Cy Gone']);
    // Ben and Cy share a conversation, so Ben hears of Cy's presence.
    await directConversation(instances[0], ben, cy);
    // Ann writes from the instance that dies; Ben reads on the one that lives; Cy, on the
    // dying one, does not come back: the living instance announces him offline, once.
    const writer = await connect(front, '/messaging', ann, from(on[1][0], ['websocket'], RECONNECTING));
    const reader = await connect(front, '/messaging', ben, from(on[0][0]));
    await connect(front, '/messaging', cy, from(on[1][1]));
    const heard = new Map();
    reader.on('message:new', (m) => m.conversationId === conversation.id && heard.set(m.seq, m));
    const cyOffline = nextEvent(reader, 'presence', (p) => p.userId === cy.id && !p.online, 30_000);
    // Cy also looks at a board from the dying instance, beside Ben on the living one: the
    // living instance takes him off the list.
    const board = await project(instances[0], ann, orgId, 'Board of the killed');
    const benLooks = await connect(front, '/', ben, from(on[0][1]));
    const cyLooks = await connect(front, '/', cy, from(on[1][1]));
    await requestOk(benLooks, 'project:join', { projectId: board.id });
    assert.deepEqual(viewerNames(await requestOk(cyLooks, 'project:join', { projectId: board.id })), ['Cy Gone', 'Lia Living']);
    const cyNoLongerLooks = nextEvent(
      benLooks,
      'presence:update',
      (u) => u.projectId === board.id && viewerNames(u).join() === 'Lia Living',
      30_000,
    );

    const sent = await storm(writer, conversation.id, 'storm', 120, async (i) => {
      if (i === 40) await instances[1].kill();
    });
    await cyOffline;
    await cyNoLongerLooks;
    // Ann's socket came back through nginx, to the living instance.
    assert.ok(writer.connected);
    const all = await syncAll(reader, conversation.id, 0);
    const bodies = all.map((m) => m.body);
    assert.equal(new Set(bodies).size, bodies.length, 'nothing doubled');
    for (const message of sent) assert.ok(bodies.includes(message.body), `${message.body} was acknowledged`);
    assert.equal(bodies.length, 120);
    // What Ben missed live he has now, each once.
    for (const message of all) heard.set(message.seq, message);
    assert.equal(heard.size, 120);

    // The killed instance comes back on its port (for what follows).
    instances[1] = await startInstance(1);
    await bothReady();
  });

  it('loses nothing in a rolling restart under load', async () => {
    const {
      people: [ann, ben],
      conversation,
    } = await colleagues(['Roy Rolling', 'Uma Under']);
    const { projectId, lead } = await projectWith(instances[0], 'Dee Docs');
    const documentId = await newDocument(instances[0], lead, projectId);
    const writers = [
      await connect(front, '/messaging', ann, from(on[0][0], ['websocket'], RECONNECTING)),
      await connect(front, '/messaging', ben, from(on[1][0], ['polling'], RECONNECTING)),
    ];
    const editor = collabClient(front, documentId, lead.token, { WebSocketPolyfill: webSocketFrom(on[0][1]) });
    await connectDocument(editor);
    let editing = true;
    let edits = 0;
    const typing = (async () => {
      while (editing) {
        editor.doc.getText('t').insert(editor.doc.getText('t').length, `e${edits} `);
        edits += 1;
        await new Promise((next) => setImmediate(next));
        await new Promise((next) => setTimeout(next, 5));
      }
    })();
    const restart = async (n) => {
      const { code, forced } = await instances[n].stop();
      assert.equal(forced, false, 'stopped within its grace period');
      assert.equal(code, 0);
      instances[n] = await startInstance(n);
    };
    const sending = Promise.all([
      storm(writers[0], conversation.id, 'roll-ann', 60),
      storm(writers[1], conversation.id, 'roll-ben', 60),
    ]);
    await restart(0);
    await bothReady();
    await restart(1);
    await bothReady();
    const [fromAnn, fromBen] = await sending;
    editing = false;
    await typing;
    // The editor is told its last edit is stored (wherever it reconnected).
    await stored(editor);

    const all = await storedMessages(ann, conversation.id);
    const bodies = all.map((m) => m.body);
    assert.equal(new Set(bodies).size, bodies.length, 'nothing doubled');
    for (const message of [...fromAnn, ...fromBen]) assert.ok(bodies.includes(message.body), message.body);
    assert.equal(bodies.length, 120);
    // Every edit the editor made reached the document, as a fresh reader on either
    // instance sees it.
    const expected = editor.doc.getText('t').toString();
    assert.equal(expected.split(' ').filter(Boolean).length, edits);
    for (const address of [on[0][2], on[1][2]]) {
      const reader = collabClient(front, documentId, lead.token, { WebSocketPolyfill: webSocketFrom(address) });
      await connectDocument(reader);
      await eventually(`the whole document read through ${address}`, async () =>
        reader.doc.getText('t').toString() === expected ? true : undefined,
      );
      reader.destroy();
    }
  });
});
