import { useState, type FormEvent } from 'react';
import type { ConversationView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAddPeople } from '../../messaging/conversationMutations';
import { usePeople } from '../../messaging/queries';

/** Adds people (among those who share an organization with the caller) to a group. */
export function AddPeopleForm({ conversation, me, onDone }: { conversation: ConversationView; me: string; onDone: () => void }) {
  const people = usePeople(true);
  const add = useAddPeople(conversation.id);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const present = new Set(conversation.participants.map((p) => p.userId));
  const candidates = (people.data ?? []).filter((person) => person.userId !== me && !present.has(person.userId));

  function toggle(userId: string) {
    setChosen((was) => {
      const next = new Set(was);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.size) add.mutate([...chosen], { onSuccess: onDone });
  }

  return (
    <form className="form chat__panel" aria-label="Add people" onSubmit={submit}>
      <ErrorBanner error={people.error ?? add.error} />
      {people.isPending ? <p aria-busy="true">Loading people…</p> : null}
      {people.isSuccess && candidates.length === 0 ? <p>Everyone you share an organization with is in this group.</p> : null}
      {candidates.length ? (
        <fieldset className="new-conversation__people">
          <legend>Add to the group</legend>
          {candidates.map((person) => (
            <label key={person.userId} className="checkbox" title={person.email}>
              <input type="checkbox" checked={chosen.has(person.userId)} onChange={() => toggle(person.userId)} />
              {person.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="form__actions">
        <button className="button button--primary button--small" type="submit" disabled={chosen.size === 0 || add.isPending}>
          Add to group
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
