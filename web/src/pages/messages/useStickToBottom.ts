import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Within this many pixels of the bottom counts as "reading the newest". */
const NEAR_BOTTOM_PX = 80;

/**
 * Keeps a scrolling list at its newest end as items arrive, unless the reader has scrolled
 * up to older ones: then what they are reading stays put, also when older items are added
 * above it. `newest` and `oldest` change when the last or the first item does.
 */
export function useStickToBottom(ref: RefObject<HTMLElement | null>, newest: unknown, oldest: unknown): void {
  const stuck = useRef(true);
  const seen = useRef({ oldest, height: 0 });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      stuck.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    };
    element.addEventListener('scroll', onScroll);
    return () => element.removeEventListener('scroll', onScroll);
  }, [ref]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const before = seen.current;
    if (stuck.current) element.scrollTop = element.scrollHeight;
    else if (before.oldest !== oldest) element.scrollTop += element.scrollHeight - before.height;
    seen.current = { oldest, height: element.scrollHeight };
  }, [ref, newest, oldest]);
}
