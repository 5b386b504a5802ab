// Starts the real `fluxstudio` binary for a test and hands back where it listens.
//
// Each server gets a fresh temporary working directory, so its default SQLite database
// (./data/fluxstudio.db) and generated development secret never leak between runs.
// The server binds port 0 and reports the port it got through --addr-file; we poll for
// that file and then for /api/health/ready instead of sleeping for a guessed time.
//
// A second process can be started in the working directory of a first (`workDir`): it then
// shares the first's SQLite database and secret (a restart after `kill()`, or a
// `serve --only collab` beside the main server, ready at `readyPath`). It writes its own
// address and log files there and never removes the directory; the process that made it does.
// `crashableServers` does the kill and the restart for the tests that crash a server.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_BIN = join(REPO_ROOT, 'target', 'debug', 'fluxstudio');

const POLL_INTERVAL_MS = 50;
const STARTUP_TIMEOUT_MS = 30_000;
const READY_REQUEST_TIMEOUT_MS = 2_000;
const SHUTDOWN_GRACE_MS = 15_000;
const LOG_TAIL_BYTES = 8_000;

// "127.0.0.1:43121" or "[::1]:43121"
const ADDRESS_PATTERN = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5}$/;

/**
 * @typedef {object} RunningServer
 * @property {string} baseUrl   e.g. "http://127.0.0.1:43121"
 * @property {string} workDir   the server's working directory (removed by stop() when this
 *   call made it and `keepWorkDir` was not set)
 * @property {string} logFile   the file the server's output goes to
 * @property {() => Promise<string>} logTail  the last few KB of the server's output
 * @property {() => Promise<{code: number | null, signal: string | null, forced: boolean}>} stop
 *   SIGTERM, wait for exit (SIGKILL after a grace period), then remove workDir if it is ours.
 *   After `kill()` it only removes workDir.
 * @property {() => Promise<{code: number | null, signal: string | null}>} kill
 *   SIGKILL (a crash: no graceful shutdown) and wait for the exit; workDir stays.
 */

/**
 * @param {object} [options]
 * @param {Record<string, string>} [options.env]  extra environment for the server
 * @param {string[]} [options.args]               extra arguments after `serve ...`
 * @param {string} [options.workDir]   run in this existing directory (sharing its SQLite
 *   database and secret) instead of a fresh one; it is never removed by this server's stop()
 * @param {boolean} [options.keepWorkDir]  do not remove a fresh workDir on stop() either
 * @param {string} [options.readyPath]  answers 200 once the server is ready
 *   (default /api/health/ready; `serve --only collab` has only /collab/health)
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options = {}) {
  const bin = process.env.FLUXSTUDIO_BIN || DEFAULT_BIN;
  await assertExecutable(bin);
  const readyPath = options.readyPath ?? '/api/health/ready';

  const sharedDir = options.workDir !== undefined;
  const workDir = sharedDir ? resolve(options.workDir) : await mkdtemp(join(tmpdir(), 'fluxstudio-e2e-'));
  const removeWorkDir = !sharedDir && !options.keepWorkDir;
  // In a shared directory every process has its own address and log files: a stale address
  // of a process that is gone must never be read as this one's.
  const suffix = sharedDir ? `-${randomUUID().slice(0, 8)}` : '';
  const addrFile = join(workDir, `addr${suffix}`);
  const logFile = join(workDir, `server${suffix}.log`);

  const env = { ...process.env, ...options.env };
  // SQLite in the work dir unless the run asks for Postgres; never inherit a stray DATABASE_URL.
  delete env.DATABASE_URL;
  if (process.env.FLUX_TEST_DATABASE_URL) env.DATABASE_URL = process.env.FLUX_TEST_DATABASE_URL;

  const log = await open(logFile, 'a');
  let child;
  try {
    child = spawn(
      bin,
      ['serve', '--host', '127.0.0.1', '--port', String(options.port ?? 0), '--addr-file', addrFile, ...(options.args ?? [])],
      { cwd: workDir, env, stdio: ['ignore', log.fd, log.fd] },
    );
  } finally {
    // The child holds its own copy of the descriptor.
    await log.close();
  }

  const exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  /** @type {{code: number | null, signal: string | null} | undefined} */
  let exitStatus;
  exited.then((status) => {
    exitStatus = status;
  });
  const spawnFailed = new Promise((resolveError) => child.once('error', resolveError));
  let spawnError;
  spawnFailed.then((error) => {
    spawnError = error;
  });

  // If the test process dies without calling stop(), do not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const logTail = () => readTail(logFile);

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      let forced = false;
      if (!exitStatus && !spawnError) {
        child.kill('SIGTERM');
        const graceTimer = new AbortController();
        const graceful = await Promise.race([
          exited,
          delay(SHUTDOWN_GRACE_MS, 'timeout', { signal: graceTimer.signal }),
        ]);
        // A pending timer would keep the test process alive for the whole grace period.
        graceTimer.abort();
        if (graceful === 'timeout') {
          forced = true;
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (removeWorkDir) await rm(workDir, { recursive: true, force: true });
      return { code: exitStatus?.code ?? null, signal: exitStatus?.signal ?? null, forced };
    })();
    return stopped;
  };

  const kill = async () => {
    process.removeListener('exit', killOnExit);
    if (!exitStatus && !spawnError) {
      child.kill('SIGKILL');
      await exited;
    }
    return { code: exitStatus?.code ?? null, signal: exitStatus?.signal ?? null };
  };

  try {
    // One deadline for the whole startup. The address is re-read on every attempt so a
    // file caught mid-write can never pin us to a wrong port.
    const baseUrl = await waitFor(`the address file and a 200 from ${readyPath}`, async () => {
      if (spawnError) throw new Error(`could not start ${bin}: ${spawnError.message}`);
      if (exitStatus) throw new Error(`server exited early (${describeExit(exitStatus)})`);
      const address = await readAddress(addrFile);
      if (address === undefined) return undefined;
      const url = `http://${address}`;
      return (await isReady(url, readyPath)) ? url : undefined;
    });
    return { baseUrl, workDir, logFile, logTail, stop, kill };
  } catch (error) {
    const tail = await logTail();
    await stop();
    throw new Error(`${error.message}\n--- ${bin} output (last ${LOG_TAIL_BYTES} bytes) ---\n${tail}`, {
      cause: error,
    });
  }
}

/** Calls `probe` every 50 ms until it returns a value other than undefined; fails after 30 s. */
async function waitFor(what, probe) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${STARTUP_TIMEOUT_MS / 1000}s waiting for ${what}`);
    }
    await delay(POLL_INTERVAL_MS);
  }
}

/** The address once the file holds a complete one; undefined while it is missing or half-written. */
async function readAddress(addrFile) {
  let text;
  try {
    text = await readFile(addrFile, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  const address = text.trim();
  return ADDRESS_PATTERN.test(address) ? address : undefined;
}

async function isReady(baseUrl, readyPath) {
  try {
    const response = await fetch(new URL(readyPath, baseUrl), {
      signal: AbortSignal.timeout(READY_REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    // Not accepting connections yet, or the request timed out: poll again.
    return false;
  }
}

async function assertExecutable(bin) {
  try {
    await access(bin, fsConstants.X_OK);
  } catch {
    throw new Error(
      `server binary not found or not executable: ${bin}\n` +
        'Build it with `cargo build` at the repository root, or point FLUXSTUDIO_BIN at it.',
    );
  }
}

async function readTail(file) {
  try {
    const text = await readFile(file, 'utf8');
    return text.length > LOG_TAIL_BYTES ? `…${text.slice(-LOG_TAIL_BYTES)}` : text || '(no output)';
  } catch {
    return '(no log file)';
  }
}

function describeExit({ code, signal }) {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * Registers a file's hooks (call inside `describe`): one server with `env` for the suite, and
 * `closeClients` after each test and at the end. Answers a stand-in for the server whose
 * `baseUrl` (and `workDir`) are there once the suite's `before` ran, which is all the helpers
 * need.
 */
export function serverSuite(env, closeClients) {
  let running;
  before(async () => {
    running = await startServer({ env });
  });
  afterEach(() => closeClients());
  after(async () => {
    closeClients();
    await running?.stop();
  });
  return {
    get baseUrl() {
      if (!running) throw new Error('the suite’s server has not started');
      return running.baseUrl;
    },
    get workDir() {
      return running?.workDir;
    },
    logTail: () => running?.logTail(),
  };
}

/**
 * Registers a file's hooks (call inside `describe`) for tests that crash a server and start
 * it again on the same data: after each test, `closeClients`, then every server started
 * through the answer is stopped, the newest first (the first made the working directory the
 * later ones share, and removes it).
 *
 * - `start(env)`: a server on a fresh working directory;
 * - `crash(server, died)`: SIGKILL (no graceful shutdown) and wait for the exit; then
 *   `died()`, before the exit is checked to be the kill's, so that a test's load stops even
 *   when the check fails;
 * - `restart(server)`: a new server on the crashed one's working directory and database
 *   (SQLite there, or FLUX_TEST_DATABASE_URL), with the environment it was started with.
 */
export function crashableServers(closeClients) {
  /** Each server started, in order, with its environment. */
  let started = new Map();
  afterEach(async () => {
    closeClients();
    for (const server of [...started.keys()].reverse()) await server.stop();
    started = new Map();
  });

  const start = async (env, workDir) => {
    const server = await startServer({ env, workDir });
    started.set(server, env);
    return server;
  };

  return {
    start: (env) => start(env),
    async crash(server, died = () => {}) {
      const { signal } = await server.kill();
      died();
      assert.equal(signal, 'SIGKILL');
    },
    restart: (server) => start(started.get(server), server.workDir),
  };
}
