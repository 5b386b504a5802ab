import { useEffect, useId } from 'react';
import type { MessageView } from '../../api/schema';
import type { ConversationLog } from '../../messaging/messageLog';
import { loadOlderReplies, openThread } from '../../messaging/messageStore';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { MessageList } from './MessageList';

interface ThreadPaneProps {
  conversationId: string;
  parentId: string;
  log: ConversationLog;
  me: string;
  myName: string;
  onClose: () => void;
}

/** A message's thread beside the conversation: the message, its replies, and a reply box. */
export function ThreadPane({ conversationId, parentId, log, me, myName, onClose }: ThreadPaneProps) {
  const titleId = useId();
  useEffect(() => {
    void openThread(conversationId, parentId);
  }, [conversationId, parentId, log.main.status]);

  const parent: MessageView | undefined = log.main.messages.find((m) => m.id === parentId);
  const strand = log.threads.get(parentId);
  const pending = log.pending.filter((p) => p.parentId === parentId);

  return (
    <section className="thread" aria-labelledby={titleId}>
      <div className="thread__head">
        <h4 className="thread__title" id={titleId}>
          Thread
        </h4>
        <button className="button button--secondary button--small" type="button" onClick={onClose}>
          Close thread
        </button>
      </div>
      {parent ? (
        <ol className="message-list thread__parent" aria-label="Thread start">
          <MessageItem message={parent} me={me} />
        </ol>
      ) : null}
      {strand ? (
        <MessageList
          label="Replies"
          strand={strand}
          pending={pending}
          me={me}
          myName={myName}
          onLoadOlder={() => void loadOlderReplies(conversationId, parentId)}
          empty="No replies yet."
        />
      ) : null}
      <Composer conversationId={conversationId} parentId={parentId} label="Reply" submitLabel="Send reply" />
    </section>
  );
}
