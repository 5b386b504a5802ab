import { useState } from 'react';
import type { MessageView } from '../../api/schema';

export const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '👀'] as const;

interface ReactionsProps {
  message: MessageView;
  me: string;
  busy: boolean;
  onReact: (emoji: string, on: boolean) => void;
}

/** A message's reactions with their counts (pressed: yours; pressing takes it back), and more to add. */
export function Reactions({ message, me, busy, onReact }: ReactionsProps) {
  const [picking, setPicking] = useState(false);
  const mine = (userIds: string[]) => userIds.includes(me);
  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {message.reactions.map((reaction) => (
        <button
          key={reaction.emoji}
          className="reaction"
          type="button"
          aria-pressed={mine(reaction.userIds)}
          aria-label={`${reaction.emoji} ${reaction.count}`}
          disabled={busy}
          onClick={() => onReact(reaction.emoji, !mine(reaction.userIds))}
        >
          {reaction.emoji} {reaction.count}
        </button>
      ))}
      <button className="reaction reaction--add" type="button" aria-expanded={picking} onClick={() => setPicking((was) => !was)}>
        {picking ? 'Close reactions' : 'Add reaction'}
      </button>
      {picking
        ? QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              className="reaction"
              type="button"
              aria-label={`React with ${emoji}`}
              disabled={busy}
              onClick={() => {
                setPicking(false);
                const held = message.reactions.find((r) => r.emoji === emoji);
                if (!held || !mine(held.userIds)) onReact(emoji, true);
              }}
            >
              {emoji}
            </button>
          ))
        : null}
    </div>
  );
}
