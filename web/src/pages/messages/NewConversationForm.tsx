import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { startConversation } from '../../api/conversations';
import type { NewConversationBody } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { usePeople } from '../../messaging/queries';
import { messagingKeys } from '../../messaging/queryKeys';

/**
 * "New message": pick one person for a direct conversation, or several (and perhaps a name)
 * for a group, among everyone who shares an organization with the caller.
 */
export function NewConversationForm({ me, onClose }: { me: string; onClose: () => void }) {
  const people = usePeople(true);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const start = useMutation({
    mutationFn: (input: NewConversationBody) => startConversation(input),
    onSuccess: (conversation) => {
      queryClient.setQueryData(messagingKeys.one(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: messagingKeys.lists() });
      onClose();
      navigate(`/messages/${conversation.id}`);
    },
  });
  const others = (people.data ?? []).filter((person) => person.userId !== me);

  function toggle(userId: string) {
    setChosen((was) => {
      const next = new Set(was);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const participantIds = [...chosen];
    if (participantIds.length === 0) return;
    start.mutate(
      participantIds.length === 1
        ? { kind: 'direct', participantIds }
        : { kind: 'group', participantIds, ...(name.trim() ? { name: name.trim() } : {}) },
    );
  }

  return (
    <form className="form new-conversation" aria-label="New conversation" onSubmit={submit}>
      <ErrorBanner error={people.error ?? start.error} />
      {people.isPending ? <p aria-busy="true">Loading people…</p> : null}
      {people.isSuccess && others.length === 0 ? (
        <p>Nobody shares an organization with you yet. Invite people from your organization’s page.</p>
      ) : null}
      {others.length ? (
        <fieldset className="new-conversation__people">
          <legend>To</legend>
          {others.map((person) => (
            <label key={person.userId} className="checkbox" title={person.email}>
              <input type="checkbox" checked={chosen.has(person.userId)} onChange={() => toggle(person.userId)} />
              {person.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {chosen.size > 1 ? (
        <TextField label="Group name" hint="Optional." value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      ) : null}
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={chosen.size === 0 || start.isPending}>
          {chosen.size > 1 ? 'Start group' : 'Start conversation'}
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
