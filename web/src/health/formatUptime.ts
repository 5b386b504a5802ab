/**
 * Renders a duration in seconds the way people say it: "45s", "12m 5s", "3h 20m", "2d 4h".
 * Only the two largest units are shown; the rest is noise in a status line.
 */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const units: Array<[label: string, size: number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [label, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || parts.length > 0) parts.push(`${amount}${label}`);
    if (parts.length === 2) break;
  }
  // Drop a trailing zero unit ("3h 0m" reads better as "3h").
  if (parts.length === 2 && parts[1]?.startsWith('0')) parts.pop();
  return parts.length > 0 ? parts.join(' ') : '0s';
}
