// Runs deploy/nginx.conf, the production reverse proxy, in front of instances a test started,
// and reads back from its access log which instance served each request.
//
// The repository's file is used as it is, with only its `server fluxstudio-N:3001;` lines (in
// every upstream), its `listen 80;` and its access_log path replaced; a replacement whose line
// is gone from the file is an error, so the test can never quietly run another configuration.
// A wrapper main configuration (events, temporary paths, pid, error log, all in workDir)
// includes it, and nginx runs in the foreground as a child of the test.
//
// On Linux all of 127.0.0.0/8 is loopback: clients bound to 127.0.0.2, 127.0.0.3, ... look like
// different people to nginx's `hash $remote_addr` (agentFrom, webSocketFrom, request).

import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const HERE = dirname(fileURLToPath(import.meta.url));
export const NGINX_CONF = resolve(HERE, '..', '..', 'deploy', 'nginx.conf');

const POLL_INTERVAL_MS = 50;
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_WAIT_MS = 2_000;
const LOG_TAIL_BYTES = 4_000;

// The lines of deploy/nginx.conf the test replaces, exactly as written there.
const instanceLine = (n) => `    server fluxstudio-${n}:3001;`;
const LISTEN_LINE = '    listen 80;';
const ACCESS_LOG_LINE = '    access_log /var/log/nginx/fluxstudio.access.log fluxstudio;';
const ANY_INSTANCE_LINE = /^\s*server\s+fluxstudio-\d+:3001;/m;

/**
 * @typedef {object} LogEntry
 * @property {string} remoteAddr  the client's address as nginx saw it
 * @property {string} request     the request line, "GET /api/health HTTP/1.1"
 * @property {string} method
 * @property {string} path        the path with its query
 * @property {number} status
 * @property {string | null} upstream  "host:port" of the instance that served it (the last
 *   one nginx tried), null when no instance was asked
 * @property {string[]} upstreams every instance nginx tried, in order
 * @property {number} instance    the index in `upstreams` given to startNginx of `upstream`,
 *   -1 when none
 * @property {number} requestTime seconds
 */

/**
 * @typedef {object} RunningNginx
 * @property {string} baseUrl   "http://127.0.0.1:PORT"
 * @property {number} port
 * @property {string} accessLog the access log's path
 * @property {string} errorLog  the error log's path
 * @property {(options?: {atLeast?: number, timeoutMs?: number}) => Promise<LogEntry[]>} servedBy
 *   the access log so far, one entry a request; `atLeast` waits (up to timeoutMs, 2 s by
 *   default) for that many lines, since nginx writes a line just after the response
 * @property {(remoteAddr: string, pathPrefix?: string) => Promise<number>} instanceOf
 *   the index of the one instance that served every request from remoteAddr under pathPrefix
 *   (default "/api/socket.io/"); throws if none or several did
 * @property {() => Promise<string>} errorLogTail
 * @property {() => Promise<void>} stop  SIGTERM (fast shutdown) and wait for the exit
 */

/**
 * Starts nginx on deploy/nginx.conf in front of `upstreams`.
 *
 * @param {object} options
 * @param {string[]} options.upstreams  base URLs of the instances, in order: the first takes
 *   the place of fluxstudio-1:3001, the second of fluxstudio-2:3001, ...
 * @param {string} [options.workDir]  where the configuration, logs and temporary files go
 *   (made if missing, kept); a fresh temporary directory removed by stop() by default
 * @returns {Promise<RunningNginx>}
 */
export async function startNginx({ upstreams, workDir } = {}) {
  if (!Array.isArray(upstreams) || upstreams.length === 0) {
    throw new Error('startNginx: `upstreams` must be a non-empty array of base URLs');
  }
  const hosts = upstreams.map(upstreamHost);
  const bin = await findNginx();

  const ownDir = workDir === undefined;
  const dir = ownDir ? await mkdtemp(join(tmpdir(), 'fluxstudio-nginx-')) : resolve(workDir);
  // nginx makes its temporary folders but not their parent.
  await mkdir(join(dir, 'temp'), { recursive: true });
  const port = await freePort();
  const accessLog = join(dir, 'access.log');
  const errorLog = join(dir, 'error.log');
  const siteConf = join(dir, 'site.conf');
  const mainConf = join(dir, 'nginx.conf');

  const site = substitute(await readFile(NGINX_CONF, 'utf8'), { hosts, port, accessLog });
  await writeFile(siteConf, site);
  await writeFile(mainConf, wrapper({ dir, siteConf, errorLog }));
  await writeFile(accessLog, '');

  const child = spawn(bin, ['-c', mainConf, '-p', `${dir}/`, '-e', errorLog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-LOG_TAIL_BYTES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
    child.once('error', (error) => resolveExit({ code: null, signal: null, error }));
  });
  let running = true;
  exited.then(() => {
    running = false;
  });
  // A test that dies before stop() must not leave nginx listening.
  const killOnExit = () => {
    if (running) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const errorLogTail = async () => tail(errorLog);
  const failure = async (why) => {
    killOnExit();
    process.removeListener('exit', killOnExit);
    return new Error(
      `nginx (${bin}) ${why}\n--- output ---\n${output}\n--- ${errorLog} ---\n${await errorLogTail()}`,
    );
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (!running) {
      const { code, signal, error } = await exited;
      throw await failure(`exited before listening (code ${code}, signal ${signal}${error ? `, ${error.message}` : ''})`);
    }
    if (await connects(port)) break;
    if (Date.now() > deadline) {
      throw await failure(`did not listen on 127.0.0.1:${port} within ${STARTUP_TIMEOUT_MS} ms`);
    }
    await delay(POLL_INTERVAL_MS);
  }

  const servedBy = async ({ atLeast = 0, timeoutMs = LOG_WAIT_MS } = {}) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const entries = parseAccessLog(await readFile(accessLog, 'utf8'), hosts);
      if (entries.length >= atLeast || Date.now() > until) return entries;
      await delay(POLL_INTERVAL_MS);
    }
  };

  const instanceOf = async (remoteAddr, pathPrefix = '/api/socket.io/') => {
    // nginx writes a request's line once the response has gone: a client can have its
    // answer before the line is there, so wait for it.
    const mine = (entries) => entries.filter((e) => e.remoteAddr === remoteAddr && e.path.startsWith(pathPrefix));
    const until = Date.now() + LOG_WAIT_MS;
    let entries = mine(await servedBy());
    while (entries.length === 0 && Date.now() <= until) {
      await delay(POLL_INTERVAL_MS);
      entries = mine(await servedBy());
    }
    const instances = [...new Set(entries.map((e) => e.instance))];
    if (instances.length !== 1) {
      throw new Error(
        `requests from ${remoteAddr} under ${pathPrefix} were served by ` +
          `${instances.length === 0 ? 'no instance' : `instances ${instances.join(', ')}`}: ` +
          JSON.stringify(entries.map((e) => [e.request, e.upstream])),
      );
    }
    return instances[0];
  };

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (running) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    accessLog,
    errorLog,
    servedBy,
    instanceOf,
    errorLogTail,
    stop,
  };
}

/** An http.Agent whose connections leave from `localAddress` (e.g. "127.0.0.2"). */
export function agentFrom(localAddress) {
  return new http.Agent({ keepAlive: false, localAddress });
}

/**
 * A `ws` WebSocket class whose connections leave from `localAddress`, for y-websocket's
 * `WebSocketPolyfill` (it calls `new WebSocketPolyfill(url, protocols)`).
 */
export function webSocketFrom(localAddress) {
  return class WebSocketFrom extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { localAddress });
    }
  };
}

/**
 * One HTTP request from `localAddress` (global fetch cannot choose its source address).
 * `body`: a string, Buffer or Uint8Array as it is, anything else as JSON.
 *
 * @returns {Promise<{status: number, headers: import('node:http').IncomingHttpHeaders,
 *   text: string, json: () => any}>}
 */
export function request(
  baseUrl,
  path,
  { method = 'GET', headers = {}, body, localAddress, timeoutMs = 30_000 } = {},
) {
  const url = new URL(path, baseUrl);
  let payload;
  const sent = { ...headers };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      if (!Object.keys(sent).some((h) => h.toLowerCase() === 'content-type')) {
        sent['content-type'] = 'application/json';
      }
    }
  }
  return new Promise((resolveRequest, reject) => {
    const req = http.request(
      url,
      { method, headers: sent, localAddress, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolveRequest({ status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** "http://127.0.0.1:40123" -> "127.0.0.1:40123", refusing what nginx could not use as is. */
function upstreamHost(baseUrl) {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !url.port || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`startNginx: upstream "${baseUrl}" must be http://host:port`);
  }
  return url.host;
}

/** The site file with the test's instances, port and access log; throws on a missing line. */
function substitute(conf, { hosts, port, accessLog }) {
  let out = conf;
  hosts.forEach((host, i) => {
    out = replaceLines(out, instanceLine(i + 1), `    server ${host};`, { atLeast: 1 });
  });
  const left = out.match(ANY_INSTANCE_LINE);
  if (left) {
    throw new Error(
      `startNginx: ${NGINX_CONF} lists more instances than the ${hosts.length} given ("${left[0].trim()}")`,
    );
  }
  out = replaceLines(out, LISTEN_LINE, `    listen 127.0.0.1:${port};`, { exactly: 1 });
  out = replaceLines(out, ACCESS_LOG_LINE, `    access_log ${accessLog} fluxstudio;`, { exactly: 1 });
  return out;
}

function replaceLines(text, line, replacement, { atLeast, exactly }) {
  const lines = text.split('\n');
  let count = 0;
  const replaced = lines.map((l) => {
    if (l !== line) return l;
    count += 1;
    return replacement;
  });
  if ((exactly !== undefined && count !== exactly) || (atLeast !== undefined && count < atLeast)) {
    throw new Error(
      `startNginx: expected ${exactly !== undefined ? `exactly ${exactly}` : `at least ${atLeast}`} ` +
        `line(s) "${line}" in ${NGINX_CONF}, found ${count}: the test's substitutions must be ` +
        'updated with the file',
    );
  }
  return replaced.join('\n');
}

/** The main configuration around the site file: everything nginx writes goes to `dir`. */
function wrapper({ dir, siteConf, errorLog }) {
  const temp = (name) => join(dir, 'temp', name);
  // Run as root, nginx would start its worker as `nobody`, which cannot enter a private
  // temporary directory (request bodies spooled to client_body_temp).
  const user = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;\n' : '';
  return `# Written by tests/e2e/nginx.mjs around deploy/nginx.conf.
${user}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${errorLog} notice;
events {
    worker_connections 1024;
}
http {
    client_body_temp_path ${temp('client_body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include ${siteConf};
}
`;
}

/** One entry a JSON line of the `fluxstudio` log_format. */
function parseAccessLog(text, hosts) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      let raw;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`access log line is not the fluxstudio log_format's JSON: ${line}`);
      }
      // "a:1, b:2" after a retry on the next instance; "a:1 : b:2" across an internal redirect.
      const upstreams = (raw.upstream ?? '')
        .split(/\s*[,:]\s+|\s+:\s*/)
        .map((s) => s.trim())
        .filter((s) => s !== '' && s !== '-');
      const upstream = upstreams.at(-1) ?? null;
      const [method = '', path = ''] = (raw.request ?? '').split(' ');
      return {
        remoteAddr: raw.remote_addr,
        request: raw.request,
        method,
        path,
        status: Number(raw.status),
        upstream,
        upstreams,
        instance: upstream === null ? -1 : hosts.indexOf(upstream),
        requestTime: Number(raw.request_time),
      };
    });
}

/** nginx: $NGINX_BIN, /usr/sbin/nginx, or the first on PATH. */
async function findNginx() {
  const candidates = [
    process.env.NGINX_BIN,
    '/usr/sbin/nginx',
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((p) => join(p, 'nginx')),
  ].filter(Boolean);
  for (const candidate of candidates) {
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error(
    'nginx not found (NGINX_BIN, /usr/sbin/nginx, PATH): install it, e.g. `apt-get install nginx`',
  );
}

/**
 * A TCP port nothing listens on now (for a server a test starts), below the kernel's ephemeral
 * range (32768-60999): a server a test stops and starts again must get its port back, and a
 * client that keeps connecting to it meanwhile may be given that very port as its own (a TCP
 * connection to itself), which then holds it.
 */
export async function freePort() {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise((answer) => {
      const server = net.createServer();
      server.once('error', () => answer(false));
      server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
    });
    if (free) return port;
  }
}

function connects(port) {
  return new Promise((resolveConnect) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolveConnect(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

async function tail(file) {
  try {
    return (await readFile(file, 'utf8')).slice(-LOG_TAIL_BYTES);
  } catch (error) {
    return `(${error.code ?? error.message})`;
  }
}
