import { useCallback, useState } from 'react';

/** How far outside the window an element counts as about to be seen. */
const MARGIN = '200px';

/**
 * Whether the element given the answered ref has come near the window yet; it stays true
 * once it has. For work worth doing only for what is seen (a thumbnail's bytes).
 */
export function useInView<T extends Element>(): [boolean, (element: T | null) => (() => void) | undefined] {
  const [seen, setSeen] = useState(false);
  const watch = useCallback((element: T | null) => {
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [seen, watch];
}
