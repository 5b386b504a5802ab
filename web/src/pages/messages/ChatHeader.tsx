import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { changeConversation } from '../../api/conversations';
import type { ConversationView } from '../../api/messagingTypes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { messagingKeys } from '../../messaging/queryKeys';
import { PresenceDot } from './PresenceDot';

/** The open conversation's title, its people with their presence, and Archive / Unarchive. */
export function ChatHeader({ conversation, titleId, me }: { conversation: ConversationView; titleId: string; me: string }) {
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: (archived: boolean) => changeConversation(conversation.id, { archived }),
    onSuccess: (changed) => {
      queryClient.setQueryData(messagingKeys.one(changed.id), changed);
      void queryClient.invalidateQueries({ queryKey: messagingKeys.lists() });
    },
  });
  const others = conversation.participants.filter((p) => p.userId !== me);

  return (
    <header className="chat__head">
      <div className="chat__title-row">
        <h3 className="chat__title" id={titleId}>
          {conversation.title}
        </h3>
        <button
          className="button button--secondary button--small"
          type="button"
          disabled={archive.isPending}
          onClick={() => archive.mutate(!conversation.archived)}
        >
          {conversation.archived ? 'Unarchive' : 'Archive'}
        </button>
      </div>
      {conversation.kind === 'project' && conversation.projectId ? (
        <p className="chat__about">
          The project’s channel: everyone on <Link to={`/projects/${conversation.projectId}`}>{conversation.title}</Link>.
        </p>
      ) : null}
      {conversation.kind !== 'project' && others.length ? (
        <ul className="chat__people" aria-label="People in this conversation">
          {others.map((person) => (
            <li key={person.userId}>
              <PresenceDot userId={person.userId} name={person.name} />
              {person.name}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorBanner error={archive.error} />
    </header>
  );
}
