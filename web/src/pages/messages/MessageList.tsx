import { useRef, type ReactNode } from 'react';
import type { MessageView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { PendingMessage, Strand } from '../../messaging/messageLog';
import { MessageItem } from './MessageItem';
import { PendingItem } from './PendingItem';
import { useStickToBottom } from './useStickToBottom';

interface MessageListProps {
  /** The list's name: "Messages" or "Replies". */
  label: string;
  strand: Strand;
  pending: readonly PendingMessage[];
  me: string;
  myName: string;
  onLoadOlder: () => void;
  onOpenThread?: (message: MessageView) => void;
  /** Under the last message ("Seen by …"). */
  footer?: ReactNode;
  empty: string;
}

/** Messages oldest to newest, older ones on demand, drafts on their way at the end. */
export function MessageList({ label, strand, pending, me, myName, onLoadOlder, onOpenThread, footer, empty }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const last = strand.messages.at(-1);
  useStickToBottom(scroller, `${last?.id}:${last?.editedAt}:${pending.length}:${strand.status}`, strand.messages[0]?.id);

  return (
    <div className="message-scroller" ref={scroller}>
      {strand.hasOlder ? (
        <button
          className="button button--secondary button--small message-scroller__older"
          type="button"
          onClick={onLoadOlder}
          disabled={strand.loadingOlder}
        >
          {strand.loadingOlder ? 'Loading…' : label === 'Replies' ? 'Load earlier replies' : 'Load older messages'}
        </button>
      ) : null}
      <ErrorBanner error={strand.error} />
      {strand.status === 'loading' ? <p aria-busy="true">Loading messages…</p> : null}
      {strand.status === 'ready' && strand.messages.length === 0 && pending.length === 0 ? (
        <p className="message-scroller__empty">{empty}</p>
      ) : null}
      <ol className="message-list" aria-label={label}>
        {strand.messages.map((message) => (
          <MessageItem
            key={message.seq}
            message={message}
            me={me}
            onOpenThread={onOpenThread ? () => onOpenThread(message) : undefined}
          />
        ))}
        {pending.map((draft) => (
          <PendingItem key={draft.clientId} pending={draft} author={myName} />
        ))}
      </ol>
      {footer}
    </div>
  );
}
