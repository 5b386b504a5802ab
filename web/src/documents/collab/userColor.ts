/**
 * Caret colours: dark enough for white label text, distinct enough to tell a few people
 * apart. TipTap's caret only accepts `#rrggbb`.
 */
const PALETTE = ['#4f46e5', '#0e7490', '#15803d', '#b45309', '#c2410c', '#b91c1c', '#be185d', '#7e22ce', '#0f766e', '#1d4ed8'] as const;

/** The same colour for the same person on every screen, from their id. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let index = 0; index < userId.length; index += 1) hash = (hash * 31 + userId.charCodeAt(index)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}
