// Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1
// over the 30-second step number, 6 digits, from a base32 secret. The 2FA tests use it
// to play the part of the user's phone.

import { createHmac } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

export const PERIOD_SECONDS = 30;
const DIGITS = 6;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (any case; spaces and `=` padding ignored) to bytes. */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) throw new Error(`not base32: ${JSON.stringify(char)} in ${JSON.stringify(text)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The step (30-second window since the Unix epoch) that `ms` falls in. */
export function stepAt(ms = Date.now()) {
  return Math.floor(ms / 1000 / PERIOD_SECONDS);
}

/** The code for a step: HOTP (RFC 4226) with the step as the counter. */
export function totpForStep(secretBase32, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  // Dynamic truncation: the low nibble of the last byte picks 4 bytes; drop their top bit.
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * The server accepts each step's code once. When a step's code has been used, the next
 * code exists only once the clock reaches the next step: wait for that moment (computed
 * from the clock, not guessed), then hand back the new step.
 */
export async function nextStepAfter(usedStep) {
  const nextStepStartsAt = (usedStep + 1) * PERIOD_SECONDS * 1000;
  const wait = nextStepStartsAt - Date.now();
  if (wait > 0) await delay(wait + 20);
  return stepAt();
}
