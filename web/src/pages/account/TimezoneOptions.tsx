import { useMemo } from 'react';

/** The browser's IANA zone names as suggestions for a free-text field (older browsers: none). */
export function TimezoneOptions({ id }: { id: string }) {
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  }, []);
  return (
    <datalist id={id}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
