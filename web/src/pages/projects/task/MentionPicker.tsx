import { useId, useState } from 'react';
import type { ProjectMemberView } from '../../../api/schema';

interface MentionPickerProps {
  members: readonly ProjectMemberView[];
  onPick: (member: ProjectMemberView) => void;
}

/** Choose someone on the project and "Mention" writes `@Name` into the comment; they are notified. */
export function MentionPicker({ members, onPick }: MentionPickerProps) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const member = members.find((candidate) => candidate.userId === chosen);
  if (members.length === 0) return null;
  return (
    <div className="mention-picker">
      <label className="field__label" htmlFor={id}>
        Mention
      </label>
      <select className="field__control" id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Someone on the project…</option>
        {members.map((candidate) => (
          <option key={candidate.userId} value={candidate.userId}>
            {candidate.name}
          </option>
        ))}
      </select>
      <button
        className="button button--secondary button--small"
        type="button"
        disabled={!member}
        onClick={() => {
          if (member) onPick(member);
          setChosen('');
        }}
      >
        Insert mention
      </button>
    </div>
  );
}
