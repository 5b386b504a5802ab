import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { ConversationList as ConversationPage } from '../../api/messagingTypes';
import { useAuth } from '../../auth/authContext';
import { EmptyState } from '../../components/EmptyState';
import { PageHeading } from '../../components/PageHeading';
import { messagingKeys } from '../../messaging/queryKeys';
import { ChatPane } from './ChatPane';
import { ConversationList } from './ConversationList';
import { MessageSearch } from './MessageSearch';
import { NewConversationForm } from './NewConversationForm';

/**
 * /messages and /messages/:conversationId: search, "New message", the conversation list
 * (or the archived ones), and the open conversation. Everything here is live.
 */
export function MessagesPage() {
  const { conversationId } = useParams();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [archived, setArchived] = useState(false);
  const [composing, setComposing] = useState(false);
  const me = user?.id ?? '';

  const titleOf = (id: string) => {
    for (const [, page] of queryClient.getQueriesData<ConversationPage>({ queryKey: messagingKeys.lists() })) {
      const found = page?.items.find((c) => c.id === id);
      if (found) return found.title;
    }
    return undefined;
  };

  return (
    <>
      <PageHeading title="Messages" />
      <div className="messages">
        <div className="messages__sidebar">
          <MessageSearch titleOf={titleOf} />
          <div className="messages__tools">
            <button
              className="button button--primary button--small"
              type="button"
              aria-expanded={composing}
              onClick={() => setComposing((was) => !was)}
            >
              New message
            </button>
            <label className="checkbox">
              <input type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} />
              Show archived
            </label>
          </div>
          {composing ? <NewConversationForm me={me} onClose={() => setComposing(false)} /> : null}
          <ConversationList archived={archived} me={me} />
        </div>
        {conversationId ? (
          <ChatPane key={conversationId} conversationId={conversationId} me={me} myName={user?.name ?? 'You'} />
        ) : (
          <EmptyState title="No conversation open">
            <p>Pick a conversation, or start one with “New message”.</p>
          </EmptyState>
        )}
      </div>
    </>
  );
}
