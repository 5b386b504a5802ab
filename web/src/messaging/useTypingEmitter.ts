import { useCallback, useEffect, useRef } from 'react';
import { sendTyping } from './actions';

/** While typing, typing:start again this often (listeners let an indicator lapse after 6 s). */
const REPEAT_MS = 3_000;
/** No keystroke for this long: typing:stop. */
const IDLE_MS = 4_000;

/** Tells the others in a conversation that the person is typing, and when they stop. */
export function useTypingEmitter(conversationId: string) {
  const state = useRef({ typing: false, lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const stop = useCallback(() => {
    const current = state.current;
    clearTimeout(current.idle);
    if (current.typing) sendTyping(conversationId, false);
    current.typing = false;
  }, [conversationId]);

  const changed = useCallback(
    (text: string) => {
      const current = state.current;
      if (!text.trim()) {
        stop();
        return;
      }
      const now = Date.now();
      if (!current.typing || now - current.lastSent >= REPEAT_MS) {
        sendTyping(conversationId, true);
        current.typing = true;
        current.lastSent = now;
      }
      clearTimeout(current.idle);
      current.idle = setTimeout(stop, IDLE_MS);
    },
    [conversationId, stop],
  );

  useEffect(() => stop, [stop]);
  return { changed, stop };
}
