import { useState, type FormEvent } from 'react';
import type { ConversationView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { useChangeConversation } from '../../messaging/conversationMutations';

/** Renames a group (anyone in it may); a blank name calls it after its people again. */
export function RenameGroupForm({ conversation, onDone }: { conversation: ConversationView; onDone: () => void }) {
  const [name, setName] = useState(conversation.name ?? '');
  const rename = useChangeConversation(conversation.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ name: name.trim() }, { onSuccess: onDone });
  }

  return (
    <form className="form chat__panel" aria-label="Rename group" onSubmit={submit}>
      <ErrorBanner error={rename.error} />
      <TextField
        label="Group name"
        hint="Leave it blank to name the group after its people."
        value={name}
        maxLength={100}
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={rename.isPending}>
          Save name
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
