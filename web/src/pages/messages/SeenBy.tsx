import type { ConversationView, MessageView } from '../../api/schema';

/** The people (not the caller, not its author) whose read position has reached `last`. */
export function seenBy(conversation: ConversationView, last: MessageView, me: string): string[] {
  return conversation.participants
    .filter((p) => p.userId !== me && p.userId !== last.authorId && p.lastReadSeq >= last.seq)
    .map((p) => p.name);
}

/** "Seen by …" under the last message, from the participants' read positions. */
export function SeenBy({ conversation, last, me }: { conversation?: ConversationView; last?: MessageView; me: string }) {
  const names = conversation && last ? seenBy(conversation, last, me) : [];
  return (
    <p className="seen-by" aria-live="polite">
      {names.length ? `Seen by ${names.join(', ')}` : null}
    </p>
  );
}
