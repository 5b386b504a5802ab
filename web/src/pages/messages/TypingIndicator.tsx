import { describeTyping, useTypists } from '../../messaging/typingStore';

/** "Ann is typing…" while someone else is typing in the conversation. */
export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const typists = useTypists(conversationId);
  return (
    <p className="typing" role="status">
      {describeTyping(typists.map((typist) => typist.name))}
    </p>
  );
}
