import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../auth/authContext';
import { EmptyState } from '../../components/EmptyState';
import { PageHeading } from '../../components/PageHeading';
import { findConversation } from '../../messaging/listCache';
import { clearRemoval, useRemoval } from '../../messaging/removalStore';
import { ChatPane } from './ChatPane';
import { ConversationList } from './ConversationList';
import { MessageSearch } from './MessageSearch';
import { NewConversationForm } from './NewConversationForm';
import { RemovalNotice } from './RemovalNotice';

/**
 * /messages and /messages/:conversationId: search, "New message", the conversation list
 * (or the archived ones), and the open conversation. Everything here is live; a
 * conversation the person leaves (or is removed from) closes, with a short notice.
 */
export function MessagesPage() {
  const { conversationId } = useParams();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const removal = useRemoval();
  const [archived, setArchived] = useState(false);
  const [composing, setComposing] = useState(false);
  const me = user?.id ?? '';
  const removedHere = removal !== null && removal.conversationId === conversationId;

  useEffect(() => {
    if (removedHere) navigate('/messages', { replace: true });
    // Opening another conversation puts the notice away.
    else if (conversationId) clearRemoval();
  }, [removedHere, conversationId, navigate]);

  const titleOf = (id: string) => findConversation(queryClient, id)?.title;

  return (
    <>
      <PageHeading title="Messages" />
      {removal ? <RemovalNotice removal={removal} /> : null}
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
        {conversationId && !removedHere ? (
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
