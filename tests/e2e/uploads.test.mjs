// Files uploaded as clients really send them: the official tus-js-client resuming after the
// server was killed halfway; a form over MAX_FILE_SIZE refused having read no more than the
// limit; a type not on the list, a name that climbs folders, someone outside the project;
// and SIGKILL during four uploads at once losing no file that was answered 201 and leaving
// no orphan bytes once the sweep ran.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as tus from 'tus-js-client';
import { projectWith } from './collabClient.mjs';
import { crashableServers } from './harness.mjs';
import { rest, restOk, studio } from './realtimeStudio.mjs';

const MB = 1024 * 1024;
/** A PNG's signature and header, then `size` random bytes: an image/png to the server. */
function png(size) {
  const head = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000', 'hex');
  return Buffer.concat([head, randomBytes(size)]);
}
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Polls `check` until it answers something truthy: the state waited for, not a time. */
async function until(check, what, deadlineMs = 30_000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const answer = await check();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function upload(server, token, projectId, name, bytes) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(new URL(`/api/projects/${projectId}/files`, server.baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

async function download(server, token, fileId, number = 1) {
  const response = await fetch(new URL(`/api/files/${fileId}/versions/${number}/content`, server.baseUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The files under `folder` of a server's blob store (however deep). */
async function stored(server, folder) {
  const root = join(server.workDir, 'data', 'uploads', folder);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
}

/** Runs a tus upload until it succeeds, fails, or `stopAt` bytes were acknowledged. */
function tusUpload(bytes, options) {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      chunkSize: 2 * MB,
      retryDelays: [],
      ...options,
      onProgress: (sent) => options.onProgress?.(sent, upload),
      onSuccess: () => resolve(upload),
      onError: reject,
    });
    upload.start();
  });
}

describe('uploads as real clients send them', { timeout: 240_000 }, () => {
  const servers = crashableServers(() => {});

  it('tus-js-client resumes after the server is killed mid-upload, and the bytes match', async () => {
    const server = await servers.start({});
    const { projectId, lead } = await projectWith(server, 'Tess Tus');
    const bytes = png(20 * MB);
    let halfway;
    const reachedHalf = new Promise((resolve) => {
      halfway = resolve;
    });
    const first = tusUpload(bytes, {
      endpoint: new URL('/api/uploads', server.baseUrl).href,
      headers: { authorization: `Bearer ${lead.token}` },
      metadata: { filename: 'Run-through.png', projectId },
      onProgress: (sent, upload) => {
        if (sent >= bytes.length / 2) halfway(upload);
      },
    });
    first.catch(() => {});
    const upload = await reachedHalf;
    const url = new URL(upload.url);
    await servers.crash(server);
    await first.catch(() => {});

    const again = await servers.restart(server);
    const head = await fetch(new URL(url.pathname, again.baseUrl), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${lead.token}`, 'tus-resumable': '1.0.0' },
    });
    assert.equal(head.status, 200);
    const held = Number(head.headers.get('upload-offset'));
    assert.ok(held >= 2 * MB && held < bytes.length, `the server held ${held} bytes`);
    let resumedFrom;
    await tusUpload(bytes, {
      uploadUrl: new URL(url.pathname, again.baseUrl).href,
      headers: { authorization: `Bearer ${lead.token}` },
      onProgress: (sent) => {
        resumedFrom ??= sent;
      },
    });
    assert.ok(resumedFrom >= held, `it continued from the offset held (${held}), not from the start (${resumedFrom})`);
    const made = await restOk(again, lead.token, 'GET', url.pathname);
    assert.equal(made.version, 1);
    const got = await download(again, lead.token, made.fileId);
    assert.equal(got.status, 200);
    assert.equal(sha256(got.bytes), sha256(bytes));
    const file = await restOk(again, lead.token, 'GET', `/api/files/${made.fileId}`);
    assert.equal(file.name, 'Run-through.png');
  });

  it('a 60 MB form gets 413 having read no more than the limit', async () => {
    const server = await servers.start({});
    const { projectId, lead } = await projectWith(server, 'Lena Limit');
    const { hostname, port } = new URL(server.baseUrl);
    const ask = (headers, send) =>
      new Promise((resolve, reject) => {
        const socket = connect({ host: hostname, port: Number(port) });
        let answer = '';
        let written = 0;
        let answered = false;
        socket.on('error', (error) => (answered ? null : reject(error)));
        socket.on('data', (data) => {
          answered = true;
          answer += data.toString('latin1');
          if (answer.includes('\r\n\r\n')) {
            socket.destroy();
            resolve({ status: Number(answer.split(' ')[1]), written });
          }
        });
        socket.write(`POST /api/projects/${projectId}/files HTTP/1.1\r\nHost: ${hostname}\r\n` +
          `Authorization: Bearer ${lead.token}\r\nContent-Type: multipart/form-data; boundary=b\r\n${headers}\r\n`);
        // Each write waits until the socket took the last one: `written` counts what crossed
        // into the kernel, not what piled up in this process.
        const firstAnswer = new Promise((resolveAnswer) => socket.once('data', resolveAnswer));
        send?.(async (chunk) => {
          // Let the answer in first when it is already here, and stop: the server reads on
          // for a moment only (lingering.rs), then a write would fail (EPIPE).
          await new Promise((ready) => setImmediate(ready));
          if (answered || socket.destroyed) return;
          written += chunk.length;
          if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), firstAnswer]);
        }, () => answered);
      });
    // Declared: refused on its headers alone, before a byte of the body.
    const declared = await ask(`Content-Length: ${60 * MB}\r\n`);
    assert.equal(declared.status, 413);
    assert.equal(declared.written, 0);
    // Not declared (chunked, 100 MB): read until the file passes the limit, then cut off.
    const chunk = randomBytes(MB);
    const streamed = await ask('Transfer-Encoding: chunked\r\n', async (write, answered) => {
      const frame = (bytes) => Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
      await write(frame(Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\n\r\n')));
      await write(frame(png(MB)));
      for (let sent = MB; sent < 100 * MB && !answered(); sent += MB) await write(frame(chunk));
    });
    assert.equal(streamed.status, 413);
    // What the client handed the kernel before the answer came back: the 50 MB limit, plus
    // what the two sockets' buffers held when the server stopped reading (up to about 12 MB
    // on loopback, seen here), far from the 100 MB it would have sent. (The server's own
    // count stops at the limit exactly: crates/files/src/blobs.rs tests it to the byte.)
    assert.ok(streamed.written < 75 * MB, `wrote ${streamed.written} bytes`);
    assert.deepEqual(await stored(server, 'blobs'), []);
    assert.deepEqual(await stored(server, 'tmp'), []);
  });

  it('a wrong type is 415, a climbing name is only a name, an outsider gets 404', async () => {
    const server = await servers.start({});
    const { projectId, lead } = await projectWith(server, 'Wren Wrongtype');
    const {
      people: [outsider],
    } = await studio(server, ['Otto Outsider']);
    const program = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), randomBytes(1000)]);
    const refused = await upload(server, lead.token, projectId, 'picture.png', program);
    assert.equal(refused.status, 415);
    assert.equal(refused.body.error, 'unsupported_file_type');
    const climbing = await upload(server, lead.token, projectId, '../../../etc/cron.d/evil.png', png(100));
    assert.equal(climbing.status, 201);
    assert.equal(climbing.body.name, '../../../etc/cron.d/evil.png');
    const got = await download(server, lead.token, climbing.body.id);
    const disposition = got.headers.get('content-disposition');
    assert.ok(!disposition.includes('/') && !disposition.includes('..'), disposition);
    for (const path of [`/api/projects/${projectId}/files`, `/api/files/${climbing.body.id}`]) {
      const answer = await rest(server, outsider.token, 'GET', path);
      assert.equal(answer.status, 404, path);
    }
    assert.equal((await download(server, outsider.token, climbing.body.id)).status, 404);
    assert.equal((await upload(server, outsider.token, projectId, 'a.png', png(10))).status, 404);
    assert.equal((await stored(server, 'blobs')).length, 1);
  });

  it('SIGKILL during four uploads loses no file answered 201 and leaves no orphan after the sweep', async () => {
    const server = await servers.start({ FILE_SWEEP_GRACE_SECONDS: '0' });
    const { projectId, lead } = await projectWith(server, 'Kit Killed');
    let killed;
    const theKill = new Promise((resolve) => {
      killed = resolve;
    });
    /** A form upload that sends `bytes` and then waits for the kill, never finishing. */
    const cutShort = (name, bytes) => {
      const boundary = 'cut-short-boundary';
      const body = new ReadableStream({
        async start(controller) {
          controller.enqueue(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`));
          for (let at = 0; at < bytes.length; at += MB) controller.enqueue(bytes.subarray(at, at + MB));
          await theKill;
          controller.close();
        },
      });
      return fetch(new URL(`/api/projects/${projectId}/files`, server.baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${lead.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half',
      }).then(
        (response) => ({ status: response.status }),
        () => ({ status: 'cut' }),
      );
    };
    const inFlight = [cutShort('c.png', png(12 * MB)), cutShort('d.png', png(12 * MB))];
    const whole = [png(3 * MB), png(2 * MB)];
    const answered = await Promise.all(whole.map((bytes, i) => upload(server, lead.token, projectId, `${'ab'[i]}.png`, bytes)));
    assert.deepEqual(answered.map((a) => a.status), [201, 201]);
    // Both unfinished uploads have written parts of their bytes to the store.
    await until(async () => (await stored(server, 'tmp')).length >= 2, 'the cut-short uploads to reach the disk');
    await servers.crash(server, killed);
    assert.deepEqual((await Promise.all(inFlight)).map((a) => a.status), ['cut', 'cut']);

    const again = await servers.restart(server);
    await until(async () => (await again.logTail()).includes('swept the file store'), 'the sweep at start');
    const listed = await restOk(again, lead.token, 'GET', `/api/projects/${projectId}/files?sort=name`);
    assert.deepEqual(listed.items.map((f) => f.name), ['a.png', 'b.png']);
    for (const [i, file] of answered.entries()) {
      const got = await download(again, lead.token, file.body.id);
      assert.equal(sha256(got.bytes), sha256(whole[i]));
    }
    assert.deepEqual(await stored(again, 'blobs'), whole.map(sha256).sort());
    assert.deepEqual(await stored(again, 'tmp'), []);
    // And the store holds nothing else a person could not reach.
    const top = (await readdir(join(again.workDir, 'data', 'uploads'))).sort();
    assert.ok(top.every((name) => ['blobs', 'tmp', 'resumable'].includes(name)), top.join(', '));
  });
});
