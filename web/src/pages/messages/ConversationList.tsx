import { ErrorBanner } from '../../components/ErrorBanner';
import { listedConversations } from '../../messaging/listCache';
import { useConversations } from '../../messaging/queries';
import { usePresenceQuery } from '../../messaging/usePresenceQuery';
import { ConversationListItem } from './ConversationListItem';

/** The person's conversations (or the archived ones), most recently active first, more on demand. */
export function ConversationList({ archived, me }: { archived: boolean; me: string }) {
  const conversations = useConversations(archived);
  const items = listedConversations(conversations.data);
  // A project channel lists only those who have read it: presence is for people one writes to.
  usePresenceQuery(items.flatMap((c) => (c.kind === 'project' ? [] : c.participants.map((p) => p.userId))).filter((id) => id !== me));

  return (
    <>
      <ErrorBanner error={conversations.error} />
      {conversations.isPending ? <p aria-busy="true">Loading conversations…</p> : null}
      {conversations.isSuccess && items.length === 0 ? (
        <p className="conversations__empty">
          {archived ? 'No archived conversations.' : 'No conversations yet. Start one with “New message”.'}
        </p>
      ) : null}
      {items.length ? (
        <ul className="conversations" aria-label={archived ? 'Archived conversations' : 'Conversations'}>
          {items.map((conversation) => (
            <ConversationListItem key={conversation.id} conversation={conversation} me={me} />
          ))}
        </ul>
      ) : null}
      {conversations.hasNextPage ? (
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={conversations.isFetchingNextPage}
          aria-busy={conversations.isFetchingNextPage}
          onClick={() => void conversations.fetchNextPage()}
        >
          Load more conversations
        </button>
      ) : null}
    </>
  );
}
