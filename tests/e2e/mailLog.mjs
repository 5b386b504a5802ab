// The links in the emails the server sends. Without SMTP_HOST the server writes each mail
// (recipient and text body) to its log instead of sending it; the tests read the link out
// of that log, as a developer would.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const POLL_INTERVAL_MS = 50;
const TIMEOUT_MS = 10_000;
// Tokens are URL-safe base64; the link ends where the token does.
const TOKEN = '[A-Za-z0-9_-]+';

/**
 * Waits for the `nth` (1-based, default the first) mail to `email` carrying a link to
 * `path` (`/verify-email` or `/reset-password`) and answers that link's path and query,
 * to open against the test server (the mail's host is APP_URL's, not the test port).
 */
export async function emailedLink(server, { email, path, nth = 1 }) {
  const pattern = new RegExp(`${escape(path)}\\?token=${TOKEN}`, 'g');
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const links = (await logRecords(server))
      .filter((record) => record.includes(`to=${email} `))
      .flatMap((record) => record.match(pattern) ?? []);
    if (links.length >= nth) return links[nth - 1];
    if (Date.now() >= deadline) {
      throw new Error(`no mail #${nth} to ${email} with a ${path} link in the server log after ${TIMEOUT_MS / 1000}s`);
    }
    await delay(POLL_INTERVAL_MS);
  }
}

// Colours (the log is meant for a terminal) come off before matching.
const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;
// A mail's body spans several lines; each record begins with its timestamp.
const RECORD_START = /\n(?=\d{4}-\d\d-\d\dT)/;

async function logRecords(server) {
  // A server sharing its folder with others has a log file of its own.
  const file = server.logFile ?? join(server.workDir, 'server.log');
  const log = await readFile(file, 'utf8').catch(() => '');
  return log.replace(ANSI_ESCAPE, '').split(RECORD_START);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
