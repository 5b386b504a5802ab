// The loader of BENCHMARKS.md P7-P9, the same for FluxStudio's /collab and the Node
// y-websocket server: it speaks y-protocols by hand (lib0 encoding; one message per binary
// frame, as the y-websocket client does) and prints its results as JSON lines.
//
//   node load.mjs ingest URL READERS EDITS [RATE [READER_URL]]
//                                            P7: one writer replays the B4 trace (its first
//                                             EDITS patches; 0 = all), READERS read (from
//                                             READER_URL: another instance, P13); prints
//                                             {"phase":"start"}, {"phase":"done"}, the result
//   node load.mjs opens                      P8: reads {"url", "n"} lines on stdin, answers each
//                                             with {"ms": [...]} (n sequential opens)
//   node load.mjs rooms TEMPLATE IDS_FILE     P9: two editors in each document, prints
//                                             {"ready"...}, leaves when stdin closes, prints
//                                             {"left"...}
//
// URL is a document's WebSocket address, e.g. ws://127.0.0.1:4000/collab/ID?token=T;
// TEMPLATE holds `{doc}` where each document's id goes.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const TRACE = process.env.COLLAB_TRACE || '/work/shared/data/automerge-paper.json.gz';
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

const now = () => performance.now();
const out = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);

// ---- y-protocols, by hand -----------------------------------------------------------

function syncMessage(kind, payload) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** One client's awareness state (what y-protocols/awareness encodes for a single client). */
function awarenessMessage(clientID, clock, state) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** The messages of a frame: [{kind: 'step1'|'step2'|'update'|'awareness'|'other', payload}]. */
function parse(frame) {
  const decoder = decoding.createDecoder(frame);
  const messages = [];
  while (decoding.hasContent(decoder)) {
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      messages.push({ kind: sub === SYNC_STEP1 ? 'step1' : sub === SYNC_STEP2 ? 'step2' : 'update', payload });
    } else if (type === MESSAGE_AWARENESS) {
      messages.push({ kind: 'awareness', payload: decoding.readVarUint8Array(decoder) });
    } else {
      messages.push({ kind: 'other' });
      break; // auth / custom: the rest of the frame is theirs
    }
  }
  return messages;
}

function connect(url, onMessage, options = {}) {
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30, ...options });
  ws.binaryType = 'nodebuffer';
  ws.closeInfo = null;
  ws.on('message', (data) => onMessage(data));
  ws.on('close', (code, reason) => { ws.closeInfo = { code, reason: reason.toString() }; });
  ws.on('error', (error) => { ws.errorInfo = String(error.message || error); });
  return ws;
}

function opened(ws) {
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.OPEN) return resolve();
    ws.once('open', resolve);
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason} before opening`)));
    ws.once('error', reject);
  });
}

function closed(ws) {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return once(ws, 'close');
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : null);
const round = (x, digits = 3) => (x === null || x === undefined ? x : Number(x.toFixed(digits)));

// ---- P7: ingest ---------------------------------------------------------------------

/** The first `edits` patches of the trace as one Yjs v1 update each, with the writer's
 *  clock and the number of characters it has deleted after each. */
function prepare(edits) {
  const trace = JSON.parse(gunzipSync(readFileSync(TRACE)).toString());
  const patches = trace.txns.flatMap((txn) => txn.patches);
  const n = Math.min(edits || patches.length, patches.length);
  const doc = new Y.Doc();
  const text = doc.getText('text');
  const updates = [];
  doc.on('update', (update) => updates.push(update));
  const endClock = new Int32Array(n);
  const deletedAfter = new Int32Array(n);
  let deleted = 0;
  for (let i = 0; i < n; i++) {
    const [position, numDeleted, inserted] = patches[i];
    doc.transact(() => {
      if (numDeleted) text.delete(position, numDeleted);
      if (inserted) text.insert(position, inserted);
    });
    if (updates.length !== i + 1) throw new Error(`patch ${i} made ${updates.length - i} updates`);
    deleted += numDeleted;
    endClock[i] = Y.getState(doc.store, doc.clientID);
    deletedAfter[i] = deleted;
  }
  const expected = text.toString();
  if (n === patches.length && expected !== trace.endContent) throw new Error('the replayed trace is not endContent');
  const frames = updates.map((update) => syncMessage(SYNC_UPDATE, update));
  return { n, clientID: doc.clientID, frames, endClock, deletedAfter, expected, full: n === patches.length };
}

async function ingest(url, readerCount, edits, rate, readerUrl = url) {
  const started = now();
  const prep = prepare(edits);
  const { n, clientID: writerID, frames, endClock, deletedAfter } = prep;
  log(`prepared ${n} updates in ${round((now() - started) / 1000, 2)} s`);
  const sentAt = new Float64Array(n);
  const latency = new Float32Array(n * readerCount);
  const closes = [];
  let finished;
  const allDone = new Promise((resolve) => { finished = resolve; });
  let remaining = readerCount;
  let lastProgress = now();

  // A reader never applies what it gets: it reads how far the writer's clock (inserts) and
  // its deletions have come, which is enough to know which of the writer's updates it has.
  const readers = [];
  for (let r = 0; r < readerCount; r++) {
    const state = { delivered: 0, clock: 0, deleted: 0, frames: 0, done: null, synced: null, ws: null };
    let synced;
    state.syncedPromise = new Promise((resolve) => { synced = resolve; });
    state.ws = connect(readerUrl, (data) => {
      const t = now();
      state.frames++;
      for (const message of parse(data)) {
        if (message.kind === 'step2' && state.synced === null) { state.synced = t; synced(); }
        if (message.kind !== 'step2' && message.kind !== 'update') continue;
        const { structs, ds } = Y.decodeUpdate(message.payload);
        for (const struct of structs) {
          if (struct.id.client === writerID && !(struct instanceof Y.Skip)) {
            const end = struct.id.clock + struct.length;
            if (end > state.clock) state.clock = end;
          }
        }
        const ranges = ds.clients.get(writerID);
        if (ranges) for (const range of ranges) state.deleted += range.len;
      }
      let i = state.delivered;
      if (i < n && endClock[i] <= state.clock && deletedAfter[i] <= state.deleted) {
        const base = r * n;
        while (i < n && endClock[i] <= state.clock && deletedAfter[i] <= state.deleted) {
          latency[base + i] = t - sentAt[i];
          i++;
        }
        state.delivered = i;
        lastProgress = t;
        if (i === n && state.done === null) {
          state.done = t;
          if (--remaining === 0) finished();
        }
      }
    });
    state.ws.on('close', (code, reason) => closes.push({ role: `reader${r}`, code, reason: reason.toString(), delivered: state.delivered }));
    readers.push(state);
  }
  await Promise.all(readers.map((state) => opened(state.ws)));
  for (const state of readers) state.ws.send(syncMessage(SYNC_STEP1, EMPTY_SV));
  await Promise.all(readers.map((state) => state.syncedPromise));

  // The writer ignores what it hears (the server's "saved" state vectors; the Node server
  // echoes its updates back to it).
  // Its frames are masked with a zero key, which ws then skips applying (the server
  // unmasks as usual): the loader's time goes to sending, not to masking.
  let writerFrames = 0;
  const writer = connect(url, () => { writerFrames++; }, { generateMask: (mask) => mask.fill(0) });
  writer.on('close', (code, reason) => closes.push({ role: 'writer', code, reason: reason.toString() }));
  await opened(writer);
  writer.send(syncMessage(SYNC_STEP1, EMPTY_SV));
  await new Promise((resolve) => setTimeout(resolve, 200));
  out({ phase: 'start' });

  // Every update in its own frame. Unpaced (rate 0), as fast as the socket takes them:
  // 256 frames at a time are handed to the kernel in one write; then the loader waits
  // while the socket's buffer is full, and lets the readers run. Paced, update i leaves at
  // t0 + i / rate, a millisecond's worth at a time, so latency is the server's, not a queue's.
  const t0 = now();
  lastProgress = t0;
  const socket = writer._socket;
  const BATCH = rate > 0 ? Math.max(1, Math.round(rate / 1000)) : 256;
  for (let i = 0; i < n && writer.readyState === WebSocket.OPEN;) {
    if (rate > 0) {
      const due = t0 + (i * 1000) / rate;
      if (now() < due) await new Promise((resolve) => setTimeout(resolve, due - now()));
    }
    const end = Math.min(n, i + BATCH);
    socket.cork();
    for (; i < end; i++) {
      sentAt[i] = now();
      writer.send(frames[i]);
    }
    socket.uncork();
    if (socket.writableNeedDrain) await once(socket, 'drain');
    else await new Promise((resolve) => setImmediate(resolve));
  }
  // Polled: 'drain' comes only after a write the socket refused, so waiting for it could
  // wait for ever when the last writes were taken.
  while (writer.bufferedAmount > 0 && writer.readyState === WebSocket.OPEN) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const sendSeconds = (now() - t0) / 1000;

  const stalled = setInterval(() => {
    if (now() - lastProgress > 30000 || readers.every((s) => s.done !== null || s.ws.readyState !== WebSocket.OPEN)) finished();
  }, 500);
  await allDone;
  clearInterval(stalled);
  const tEnd = now();
  out({ phase: 'done' });
  const doneTimes = readers.map((s) => s.done);
  const complete = doneTimes.every((t) => t !== null);
  const seconds = complete ? (Math.max(...doneTimes) - t0) / 1000 : null;

  // Latencies over every (update, reader) pair that was delivered.
  const delivered = readers.reduce((sum, s) => sum + s.delivered, 0);
  let sorted;
  if (complete) sorted = latency.sort();
  else {
    sorted = new Float32Array(delivered);
    let k = 0;
    readers.forEach((s, r) => { sorted.set(latency.subarray(r * n, r * n + s.delivered), k); k += s.delivered; });
    sorted.sort();
  }

  // A fresh client syncs from the server: its text must be what the writer typed.
  const check = await checkText(url, prep.expected);
  for (const state of readers) state.ws.close();
  writer.close();
  await Promise.all([writer, ...readers.map((s) => s.ws)].map(closed));

  out({
    updates: n,
    full_trace: prep.full,
    rate_per_s: rate || null,
    readers: readerCount,
    complete,
    seconds: round(seconds),
    updates_per_s: complete ? Math.round(n / seconds) : null,
    writer_send_s: round(sendSeconds),
    p50_ms: round(percentile(sorted, 0.5)),
    p99_ms: round(percentile(sorted, 0.99)),
    max_ms: round(sorted.length ? sorted[sorted.length - 1] : null),
    delivered_per_reader: readers.map((s) => s.delivered),
    frames_per_reader: Math.round(readers.reduce((sum, s) => sum + s.frames, 0) / readerCount),
    writer_frames_received: writerFrames,
    waited_s: round((tEnd - t0) / 1000),
    check,
    closes: closes.filter((c) => c.code !== 1000 && c.code !== 1005),
  });
}

async function checkText(url, expected) {
  let step2;
  const got = new Promise((resolve) => { step2 = resolve; });
  const ws = connect(url, (data) => {
    for (const message of parse(data)) if (message.kind === 'step2') step2(message.payload);
  });
  await opened(ws);
  ws.send(syncMessage(SYNC_STEP1, EMPTY_SV));
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30000));
  const update = await Promise.race([got, timeout]);
  ws.close();
  await closed(ws);
  if (update === null) return { ok: false, error: 'no sync step 2 in 30 s', close: ws.closeInfo };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText('text').toString();
  return { ok: text === expected, chars: text.length, expected_chars: expected.length, step2_bytes: update.length };
}

// ---- P8: opens ----------------------------------------------------------------------

/** Opens `url` once: WebSocket open → sync step 1 (empty state vector) → sync step 2. */
async function openOnce(url) {
  let t0 = 0;
  let result;
  const done = new Promise((resolve) => { result = resolve; });
  const ws = connect(url, (data) => {
    const t = now();
    for (const message of parse(data)) if (message.kind === 'step2') result({ ms: t - t0, bytes: message.payload.length });
  });
  ws.on('close', (code, reason) => result({ error: `closed ${code} ${reason}` }));
  ws.on('error', (error) => result({ error: String(error.message || error) }));
  ws.once('open', () => {
    t0 = now();
    ws.send(syncMessage(SYNC_STEP1, EMPTY_SV));
  });
  const r = await done;
  ws.close();
  await closed(ws);
  return r;
}

async function opens() {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { url, n } = JSON.parse(line);
    const ms = [];
    let bytes = null;
    const errors = [];
    for (let i = 0; i < n; i++) {
      const r = await openOnce(url);
      if (r.error) errors.push(r.error);
      else { ms.push(round(r.ms)); bytes = r.bytes; }
    }
    out({ ms, step2_bytes: bytes, errors });
  }
}

// ---- P9: rooms ----------------------------------------------------------------------

async function editor(url, k) {
  const doc = new Y.Doc();
  let synced;
  const gotStep2 = new Promise((resolve) => { synced = resolve; });
  const ws = connect(url, (data) => {
    for (const message of parse(data)) if (message.kind === 'step2') synced();
  });
  await opened(ws);
  ws.send(syncMessage(SYNC_STEP1, EMPTY_SV));
  const updates = [];
  doc.on('update', (u) => updates.push(u));
  doc.getText('text').insert(0, `editor ${k} was here\n`);
  ws.send(syncMessage(SYNC_UPDATE, updates[0]));
  ws.send(awarenessMessage(doc.clientID, 1, { user: { name: `Editor ${k}`, color: '#30bced' }, cursor: null }));
  await Promise.race([gotStep2, closed(ws).then(() => { throw new Error(`closed ${ws.closeInfo?.code} before sync`); })]);
  return ws;
}

async function rooms(url, idsFile) {
  const ids = JSON.parse(readFileSync(idsFile, 'utf8'));
  const jobs = ids.flatMap((id, i) => [[id, 2 * i], [id, 2 * i + 1]]);
  const sockets = [];
  const errors = [];
  const t0 = now();
  let next = 0;
  const CONCURRENCY = 50;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs.length) {
      const [id, k] = jobs[next++];
      try {
        sockets.push(await editor(url.replace('{doc}', id), k));
      } catch (error) {
        errors.push(String(error.message || error));
      }
    }
  }));
  out({ ready: sockets.length, errors: errors.length, first_errors: errors.slice(0, 5), seconds: round((now() - t0) / 1000) });
  process.stdin.resume();
  await once(process.stdin, 'end');
  const lost = sockets.filter((ws) => ws.readyState !== WebSocket.OPEN).map((ws) => ws.closeInfo);
  const t1 = now();
  for (const ws of sockets) ws.close();
  await Promise.all(sockets.map(closed));
  out({ left: sockets.length, seconds: round((now() - t1) / 1000), closed_while_held: lost.length, first_closes: lost.slice(0, 5) });
}

// -------------------------------------------------------------------------------------

const [command, ...args] = process.argv.slice(2);
const main = {
  ingest: () => ingest(args[0], Number(args[1]), Number(args[2]) || 0, Number(args[3]) || 0, args[4] || args[0]),
  opens: () => opens(),
  rooms: () => rooms(args[0], args[1]),
}[command];
if (!main) {
  log('usage: load.mjs ingest URL READERS EDITS [RATE [READER_URL]] | opens | rooms URL IDS_FILE');
  process.exit(2);
}
main().then(() => process.exit(0), (error) => { log(error.stack || error); process.exit(1); });
