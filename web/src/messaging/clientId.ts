/**
 * A fresh id for a message being sent, so sending it again (after a lost acknowledgement)
 * returns the stored message instead of posting twice. getRandomValues works on plain
 * HTTP too, where crypto.randomUUID does not exist.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
