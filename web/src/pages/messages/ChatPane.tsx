import { useEffect, useId } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { loadOlder, openLog, useConversationLog } from '../../messaging/messageStore';
import { useConversation } from '../../messaging/queries';
import { useMarkRead } from '../../messaging/useMarkRead';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { SeenBy } from './SeenBy';
import { ThreadPane } from './ThreadPane';
import { TypingIndicator } from './TypingIndicator';

interface ChatPaneProps {
  conversationId: string;
  me: string;
  myName: string;
}

/**
 * The open conversation: its history (older on demand), who is typing, "Seen by …", the
 * composer, and an open thread (?thread=) beside it. Read while open and visible.
 */
export function ChatPane({ conversationId, me, myName }: ChatPaneProps) {
  const conversation = useConversation(conversationId);
  const log = useConversationLog(conversationId);
  const [searchParams, setSearchParams] = useSearchParams();
  const threadId = searchParams.get('thread');
  const titleId = useId();

  useEffect(() => {
    void openLog(conversationId);
  }, [conversationId]);
  useMarkRead(conversationId, log, conversation.data, me);

  if (conversation.error instanceof ApiError && conversation.error.status === 404) {
    return (
      <EmptyState title="There is no conversation here for you">
        <p>
          You may have left it, or it never existed. See <Link to="/messages">your conversations</Link>.
        </p>
      </EmptyState>
    );
  }

  const setThread = (id: string | null) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (id) next.set('thread', id);
        else next.delete('thread');
        return next;
      },
      { replace: false },
    );
  const mainPending = log?.pending.filter((p) => p.parentId === null) ?? [];

  return (
    <section className={threadId ? 'chat chat--with-thread' : 'chat'} aria-labelledby={titleId}>
      <div className="chat__main">
        {conversation.data ? (
          <ChatHeader conversation={conversation.data} titleId={titleId} me={me} />
        ) : (
          <h3 className="chat__title" id={titleId}>
            {conversation.isPending ? 'Loading…' : 'Conversation'}
          </h3>
        )}
        <ErrorBanner error={conversation.error} />
        {log ? (
          <MessageList
            label="Messages"
            strand={log.main}
            pending={mainPending}
            me={me}
            myName={myName}
            onLoadOlder={() => void loadOlder(conversationId)}
            onOpenThread={(message) => setThread(message.id)}
            footer={<SeenBy conversation={conversation.data} last={log.main.messages.at(-1)} me={me} />}
            empty="No messages yet. Say hello."
          />
        ) : null}
        <TypingIndicator conversationId={conversationId} />
        <Composer conversationId={conversationId} label="Message" submitLabel="Send" />
      </div>
      {threadId && log ? (
        <ThreadPane
          conversationId={conversationId}
          parentId={threadId}
          log={log}
          me={me}
          myName={myName}
          onClose={() => setThread(null)}
        />
      ) : null}
    </section>
  );
}
