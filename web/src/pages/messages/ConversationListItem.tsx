import { useId } from 'react';
import { NavLink } from 'react-router-dom';
import type { ConversationView } from '../../api/schema';
import { PresenceDot } from './PresenceDot';

function previewOf(conversation: ConversationView, me: string): string {
  const last = conversation.lastMessage;
  if (!last) return 'No messages yet';
  if (last.deleted) return 'Message deleted';
  return last.authorId === me ? `You: ${last.preview}` : last.preview;
}

/**
 * One conversation in the list: its title (with the other person's presence for a direct
 * one), the last message, and the unread count. Named "Title, N unread" for screen readers.
 */
export function ConversationListItem({ conversation, me }: { conversation: ConversationView; me: string }) {
  const previewId = useId();
  const unread = conversation.unreadCount;
  const other = conversation.kind === 'direct' ? conversation.participants.find((p) => p.userId !== me) : undefined;
  return (
    <li>
      <NavLink
        to={`/messages/${conversation.id}`}
        className={unread > 0 ? 'conversation-link conversation-link--unread' : 'conversation-link'}
        aria-label={unread > 0 ? `${conversation.title}, ${unread} unread` : conversation.title}
        aria-describedby={previewId}
      >
        <span className="conversation-link__head">
          {other ? <PresenceDot userId={other.userId} name={other.name} /> : null}
          <span className="conversation-link__title">{conversation.title}</span>
          {conversation.kind === 'project' ? <span className="conversation-link__kind">Project</span> : null}
          {conversation.muted ? <span className="conversation-link__kind">Muted</span> : null}
          {unread > 0 ? (
            <span className="count-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </span>
        <span className="conversation-link__preview" id={previewId}>
          {previewOf(conversation, me)}
        </span>
      </NavLink>
    </li>
  );
}
