import type { ConversationView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useChangeConversation } from '../../messaging/conversationMutations';
import { LeaveGroupButton } from './LeaveGroupButton';

/** The form open under the header, if any. */
export type ChatPanel = 'rename' | 'add' | null;

interface ChatActionsProps {
  conversation: ConversationView;
  me: string;
  panel: ChatPanel;
  onPanel: (panel: ChatPanel) => void;
}

/**
 * The conversation's buttons: Mute and Archive (for the caller alone) and, in a group,
 * Rename, Add people and Leave group.
 */
export function ChatActions({ conversation, me, panel, onPanel }: ChatActionsProps) {
  const change = useChangeConversation(conversation.id);
  const toggle = (which: Exclude<ChatPanel, null>) => onPanel(panel === which ? null : which);
  const small = 'button button--secondary button--small';

  return (
    <>
      <div className="chat__actions" role="group" aria-label="Conversation actions">
        <button className={small} type="button" disabled={change.isPending} onClick={() => change.mutate({ muted: !conversation.muted })}>
          {conversation.muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          className={small}
          type="button"
          disabled={change.isPending}
          onClick={() => change.mutate({ archived: !conversation.archived })}
        >
          {conversation.archived ? 'Unarchive' : 'Archive'}
        </button>
        {conversation.kind === 'group' ? (
          <>
            <button className={small} type="button" aria-expanded={panel === 'rename'} onClick={() => toggle('rename')}>
              Rename
            </button>
            <button className={small} type="button" aria-expanded={panel === 'add'} onClick={() => toggle('add')}>
              Add people
            </button>
            <LeaveGroupButton conversationId={conversation.id} me={me} />
          </>
        ) : null}
      </div>
      <ErrorBanner error={change.error} />
    </>
  );
}
