const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;
const STEP = 1024;

/**
 * A size in bytes as people read it: "812 bytes", "1.5 KB", "12 MB", "3.2 GB" (steps of
 * 1024; one decimal under 10, none above). A value that would round up to the next unit's
 * 1 is shown in that unit ("1 MB", not "1,024 KB").
 */
export function formatSize(bytes: number, locale?: string): string {
  if (bytes === 1) return '1 byte';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (unit < UNITS.length - 1 && rounded(value, unit) >= STEP) {
    value /= STEP;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals(value, unit) });
  return `${format.format(value)} ${UNITS[unit]}`;
}

const decimals = (value: number, unit: number) => (unit === 0 || value >= 10 ? 0 : 1);

function rounded(value: number, unit: number): number {
  const scale = 10 ** decimals(value, unit);
  return Math.round(value * scale) / scale;
}
