// Crash invariants under load. Each test loads a server, kills it with SIGKILL while the
// load is in flight (once enough acknowledgements have arrived, never after a guessed
// time), starts a new server on the same data (SQLite in the working directory, or
// FLUX_TEST_DATABASE_URL), checks what the clients were told against what the new server
// shows, and runs `fluxstudio admin check` on the database, which must find nothing (no
// orphan rows, no gaps in message numbers, no shared board positions, document updates
// exactly as numbered). Three rounds a test: each restarted server is loaded and killed in
// turn, so the crash also meets what a restart does (a document's long tail compacted as it
// loads, say).
//
// - a message storm: four Socket.IO senders in one group; every acknowledged message is in
//   the history over REST, numbered 1…lastSeq with no gap and no duplicate, and what was in
//   flight, sent again with its client id, is stored once;
// - typing: collabDurability.test.mjs already shows one writer's acknowledged edits survive;
//   here two writers type at once while the server takes automatic versions, and the
//   database's update rows and versions are checked too;
// - board moves: three people moving tasks between columns over REST; positions stay
//   unique in every column, and each task is where its last acknowledged move put it
//   (or where the move in flight at the crash was taking it).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import {
  addParagraphs,
  closeAll,
  COLLAB_ENV,
  covers,
  newDocument,
  openClient,
  paragraphs,
  paragraphText,
  projectWith,
  stored,
  until,
  untilParagraphs,
} from './collabClient.mjs';
import { crashableServers } from './harness.mjs';
import { connect, disconnectAll, GENEROUS_LIMITS, WAIT_MS } from './realtimeClient.mjs';
import { groupConversation, rest, restOk, studio } from './realtimeStudio.mjs';

const BIN =
  process.env.FLUXSTUDIO_BIN || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'debug', 'fluxstudio');

/**
 * `fluxstudio admin check` on the database `server` uses (its working directory's SQLite
 * file, or FLUX_TEST_DATABASE_URL), as an operator would run it.
 * @returns {Promise<{ code: number | null, output: string }>}
 */
async function adminCheck(server) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (process.env.FLUX_TEST_DATABASE_URL) env.DATABASE_URL = process.env.FLUX_TEST_DATABASE_URL;
  const child = spawn(BIN, ['admin', 'check'], { cwd: server.workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((done) => child.once('close', done));
  return { code, output };
}

/** Asserts `admin check` finds nothing on `server`'s database; answers its line for `check`. */
async function assertClean(server, check) {
  const { code, output } = await adminCheck(server);
  assert.equal(code, 0, `fluxstudio admin check exited ${code}:\n${output}`);
  assert.match(output, /clean: \d+ checks found nothing/);
  return output.split('\n').find((line) => line.includes(` ${check} `)) ?? output;
}

/** One turn of the event loop. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Crashes per test: a restarted server is loaded and killed again. */
const ROUNDS = 3;
/** Messages each sender keeps in flight, and the acknowledgements a round waits for. */
const IN_FLIGHT = 4;
const KILL_AFTER_MESSAGES = 150;
/** Characters each writer is told are stored before a round's crash. */
const KILL_AFTER_CHARACTERS = 400;
/** Acknowledged task moves before a round's crash. */
const KILL_AFTER_MOVES = 120;
const COLUMNS = ['todo', 'in_progress', 'review', 'done', 'blocked'];

describe('invariants after a crash (SIGKILL) under load', { timeout: 120_000 }, () => {
  const servers = crashableServers(() => {
    disconnectAll();
    closeAll();
  });

  /** Kills `server` (SIGKILL), then starts another on its working directory and database. */
  async function crashAndRestart(server, died) {
    await servers.crash(server, died);
    return servers.restart(server);
  }

  it('keeps every acknowledged message of a storm, numbered without gaps or duplicates', async (t) => {
    const env = GENEROUS_LIMITS;
    let server = await servers.start(env);
    const { people } = await studio(server, ['Mia Storm', 'Noa Storm', 'Oli Storm', 'Pia Storm']);
    const [owner, ...others] = people;
    const group = await groupConversation(server, owner, others);

    const acknowledged = [];
    const attempted = new Map(); // body → author id
    for (let round = 0; round < ROUNDS; round += 1) {
      const sockets = await Promise.all(people.map((person) => connect(server, '/messaging', person)));
      // Each sender keeps IN_FLIGHT messages in flight until its socket is gone.
      const before = acknowledged.length;
      /** Sent and not acknowledged: body → sender. */
      const inFlight = new Map();
      let dead = false;
      const send = async (socket, person, label) => {
        for (let i = 0; !dead && socket.connected; i += 1) {
          // The body doubles as the sender's own id for the message, for the resend below.
          const body = `${label}-${i}`;
          attempted.set(body, person.id);
          inFlight.set(body, person);
          let ack;
          try {
            ack = await socket.timeout(WAIT_MS).emitWithAck('message:send', { conversationId: group.id, body, clientId: body });
          } catch {
            return; // no acknowledgement: the server died with it in flight
          }
          assert.equal(ack?.created, true, `a new message: ${JSON.stringify(ack)}`);
          assert.equal(ack.message.body, body);
          acknowledged.push(ack.message);
          inFlight.delete(body);
        }
      };
      const storm = Promise.all(
        sockets.flatMap((socket, n) => Array.from({ length: IN_FLIGHT }, (_, w) => send(socket, people[n], `r${round}.s${n}.w${w}`))),
      );
      storm.catch(() => {}); // awaited below; a failure before the crash is reported there
      await until(`${KILL_AFTER_MESSAGES} more acknowledged messages`, () => (acknowledged.length - before >= KILL_AFTER_MESSAGES ? true : undefined), {
        describe: () => acknowledged.length - before,
      });
      server = await crashAndRestart(server, () => {
        dead = true;
      });
      await storm;
      const unanswered = inFlight.size;
      assert.ok(unanswered > 0, 'the server died with messages in flight');
      // Each sender sends what it heard nothing about again, with the same client id: one
      // the dead server had stored comes back as it was (200), the others are stored (201).
      let storedBefore = 0;
      for (const [body, person] of inFlight) {
        const answer = await rest(server, person.token, 'POST', `/api/conversations/${group.id}/messages`, { body, clientId: body });
        assert.ok(answer.status === 200 || answer.status === 201, `resending ${body}: ${answer.status} ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.body, body);
        if (answer.status === 200) storedBefore += 1;
        acknowledged.push(answer.body);
      }

      // The whole history over REST, page by page.
      const history = [];
      let lastSeq;
      for (let after = 0; ; ) {
        const page = await restOk(
          server,
          owner.token,
          'GET',
          `/api/conversations/${group.id}/messages?after=${after}&includeReplies=true&limit=100`,
        );
        history.push(...page.items);
        lastSeq = page.lastSeq;
        if (!page.hasMore) break;
        assert.ok(page.items.length > 0, 'hasMore with an empty page');
        after = page.items.at(-1).seq;
      }
      assert.deepEqual(
        history.map((m) => m.seq),
        Array.from({ length: history.length }, (_, i) => i + 1),
        'numbered 1…n, no gap, no duplicate',
      );
      assert.equal(lastSeq, history.length, 'lastSeq is the newest message');
      const bySeq = new Map(history.map((m) => [m.seq, m]));
      for (const sent of acknowledged) {
        const found = bySeq.get(sent.seq);
        assert.ok(found, `acknowledged message ${sent.seq} (${sent.body}) survived`);
        assert.equal(found.id, sent.id);
        assert.equal(found.body, sent.body);
        assert.equal(found.authorId, sent.authorId);
      }
      // Everything sent is there exactly once, the resent included.
      assert.deepEqual(history.map((m) => m.body).sort(), [...attempted.keys()].sort(), 'every message sent is stored once');
      for (const message of history) {
        assert.equal(attempted.get(message.body), message.authorId, `${message.body} was sent by its author`);
      }
      t.diagnostic(
        `round ${round}: ${acknowledged.length - before - unanswered} acknowledged, ${unanswered} in flight at the crash ` +
          `(${storedBefore} of them stored), ${history.length} messages in all`,
      );
      t.diagnostic(await assertClean(server, 'message-seq'));
    }

    // The conversation goes on where it stopped.
    const next = await restOk(server, owner.token, 'POST', `/api/conversations/${group.id}/messages`, { body: 'after' });
    assert.equal(next.seq, acknowledged.length + 1);
  });

  it('keeps the acknowledged edits of two writers typing at once, with the versions taken meanwhile', async (t) => {
    // Automatic versions every second (the minimum), so some are taken while typing; a
    // restarted server compacts the updates left by the crash (more than 50) as it loads the
    // document, while the writers type again.
    const env = { ...COLLAB_ENV, COLLAB_SNAPSHOT_SECONDS: '1', COLLAB_COMPACT_AFTER: '50' };
    let server = await servers.start(env);
    const {
      projectId,
      lead,
      people: { 'Eda Editor': eda },
    } = await projectWith(server, 'Lou Lead', { 'Eda Editor': 'editor' });
    const documentId = await newDocument(server, lead, projectId, 'Log');
    const setup = await openClient(server, documentId, lead);
    addParagraphs(setup.doc, '', '');
    await stored(setup);
    setup.destroy();

    /** What each writer's paragraph held when the round began. */
    let held = ['', ''];
    for (let round = 0; round < ROUNDS; round += 1) {
      // New clients each round: each writer's clock counts only what it typed this round.
      const writers = await Promise.all([openClient(server, documentId, lead), openClient(server, documentId, eda)]);
      await Promise.all(writers.map((writer) => untilParagraphs(writer, held)));
      const versions = (await restOk(server, lead.token, 'GET', `/api/documents/${documentId}/snapshots?limit=100`)).items.length;
      let dead = false;
      const typed = writers.map(() => '');
      const typing = writers.map(async (writer, n) => {
        const line = paragraphText(writer.doc, n);
        for (let i = 0; !dead; i += 1) {
          const edit = `r${round}w${n}.${i};`;
          line.insert(line.length, edit);
          typed[n] += edit;
          await nextTurn();
        }
      });
      for (const writing of typing) writing.catch(() => {}); // awaited below
      /** The newest clock of its own the server told `writer` it stores. */
      const ackedClock = (writer) =>
        writer.savedStates
          .map((bytes) => Y.decodeStateVector(bytes))
          .filter((sv) => sv.has(writer.doc.clientID))
          .at(-1)
          ?.get(writer.doc.clientID) ?? 0;
      await until(
        `both writers told ${KILL_AFTER_CHARACTERS} characters are stored, and an automatic version taken`,
        async () => {
          if (!writers.every((writer) => ackedClock(writer) >= KILL_AFTER_CHARACTERS)) return undefined;
          const { items } = await restOk(server, lead.token, 'GET', `/api/documents/${documentId}/snapshots?limit=100`);
          return items.length > versions ? true : undefined;
        },
        { timeoutMs: 3 * WAIT_MS, describe: () => writers.map(ackedClock) },
      );
      // Typing goes on while the server dies.
      server = await crashAndRestart(server, () => {
        dead = true;
      });
      await Promise.all(typing);
      const acked = writers.map((writer) => ({ id: writer.doc.clientID, clock: ackedClock(writer) }));
      for (const writer of writers) writer.destroy();

      const fresh = await openClient(server, documentId, lead);
      const state = Y.decodeStateVector(Y.encodeStateVector(fresh.doc));
      const survived = paragraphs(fresh.doc);
      fresh.destroy();
      assert.equal(survived.length, 2);
      for (const [n, { id, clock }] of acked.entries()) {
        assert.ok(covers(state, new Map([[id, clock]])), `writer ${n}'s ${clock} acknowledged characters are stored: ${JSON.stringify([...state])}`);
        // A writer's clock counts the characters it typed, so what it was told is stored is
        // the first `clock` of them: there, in order, after what the paragraph held, and
        // nothing it did not type.
        assert.ok(survived[n].startsWith(held[n] + typed[n].slice(0, clock)), `writer ${n}: the acknowledged ${clock} characters survive`);
        assert.ok((held[n] + typed[n]).startsWith(survived[n]), `writer ${n}: what survived is a prefix of what was typed`);
        assert.ok(typed[n].length > clock, `writer ${n} was killed mid-stream (${typed[n].length} typed, ${clock} acknowledged)`);
      }
      t.diagnostic(
        `round ${round}: typed ${typed.map((s) => s.length)}, acknowledged ${acked.map((a) => a.clock)}, ` +
          `paragraphs ${held.map((s) => s.length)} → ${survived.map((s) => s.length)}`,
      );
      t.diagnostic(await assertClean(server, 'document-updates'));
      held = survived;
    }
  });

  it('keeps board positions unique and every acknowledged move, with moves in flight', async (t) => {
    const env = GENEROUS_LIMITS;
    let server = await servers.start(env);
    const {
      projectId,
      lead,
      people: { 'Ida Mover': ida, 'Ike Mover': ike },
    } = await projectWith(server, 'Lia Mover', { 'Ida Mover': 'editor', 'Ike Mover': 'editor' });
    const movers = [lead, ida, ike];
    const TASKS_EACH = 4;
    const tasks = [];
    for (let i = 0; i < movers.length * TASKS_EACH; i += 1) {
      tasks.push((await restOk(server, lead.token, 'POST', `/api/projects/${projectId}/tasks`, { title: `Task ${i}` })).id);
    }
    // Each task is moved by one mover only, one move at a time: its last acknowledged move
    // is the last anyone made, unless one was in flight at the crash.
    const acked = new Map(tasks.map((id) => [id, 'todo']));
    let seed = 7;
    const random = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const inFlight = new Map();
      let moves = 0;
      let dead = false;
      const target = server;
      const moving = movers.map(async (person, m) => {
        const mine = tasks.slice(m * TASKS_EACH, (m + 1) * TASKS_EACH);
        while (!dead) {
          const task = mine[random(mine.length)];
          const status = COLUMNS[random(COLUMNS.length)];
          // Low indexes: the top of a column halves its gap until the column is renumbered.
          const index = random(3);
          inFlight.set(task, status);
          let answer;
          try {
            answer = await rest(target, person.token, 'POST', `/api/projects/${projectId}/tasks/${task}/move`, { status, index });
          } catch {
            return; // the server died with this move in flight
          }
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          assert.equal(answer.body.status, status);
          acked.set(task, status);
          inFlight.delete(task);
          moves += 1;
        }
      });
      for (const mover of moving) mover.catch(() => {}); // awaited below
      await until(`${KILL_AFTER_MOVES} acknowledged moves`, () => (moves >= KILL_AFTER_MOVES ? true : undefined), {
        describe: () => moves,
      });
      server = await crashAndRestart(server, () => {
        dead = true;
      });
      await Promise.all(moving);
      assert.ok(inFlight.size > 0, 'the server died with moves in flight');

      const board = await restOk(server, lead.token, 'GET', `/api/projects/${projectId}/tasks`);
      assert.deepEqual(board.tasks.map((task) => task.id).sort(), [...tasks].sort(), 'every task once');
      for (const column of COLUMNS) {
        const positions = board.tasks.filter((task) => task.status === column).map((task) => task.position);
        assert.equal(new Set(positions).size, positions.length, `positions in ${column} are unique: ${positions}`);
      }
      for (const task of board.tasks) {
        const expected = inFlight.has(task.id) ? [acked.get(task.id), inFlight.get(task.id)] : [acked.get(task.id)];
        assert.ok(
          expected.includes(task.status),
          `${task.title} is in ${task.status}; its last acknowledged move put it in ${acked.get(task.id)}` +
            (inFlight.has(task.id) ? `, the one in flight was taking it to ${inFlight.get(task.id)}` : ''),
        );
        // Whether a move in flight happened or not, the board says so now.
        acked.set(task.id, task.status);
      }
      t.diagnostic(`round ${round}: ${moves} moves acknowledged, ${inFlight.size} in flight at the crash`);
      t.diagnostic(await assertClean(server, 'board-positions'));
    }
  });
});
