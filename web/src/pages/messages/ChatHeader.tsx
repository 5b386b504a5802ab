import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ConversationView } from '../../api/schema';
import { AddPeopleForm } from './AddPeopleForm';
import { ChatActions, type ChatPanel } from './ChatActions';
import { PresenceDot } from './PresenceDot';
import { RenameGroupForm } from './RenameGroupForm';

/** The open conversation's title, its people with their presence, and what one can do with it. */
export function ChatHeader({ conversation, titleId, me }: { conversation: ConversationView; titleId: string; me: string }) {
  const [panel, setPanel] = useState<ChatPanel>(null);
  const others = conversation.participants.filter((p) => p.userId !== me);
  const close = () => setPanel(null);

  return (
    <header className="chat__head">
      <h3 className="chat__title" id={titleId}>
        {conversation.title}
      </h3>
      <ChatActions conversation={conversation} me={me} panel={panel} onPanel={setPanel} />
      {panel === 'rename' ? <RenameGroupForm conversation={conversation} onDone={close} /> : null}
      {panel === 'add' ? <AddPeopleForm conversation={conversation} me={me} onDone={close} /> : null}
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
    </header>
  );
}
