import { useEffect, useRef, useState } from 'react';
import type { MoveBody } from '../../../api/schema';
import type { TaskStatus } from '../../../api/vocabularies';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '../../../projects/vocabulary';

interface TaskMoveControlsProps {
  title: string;
  status: TaskStatus;
  /** The card's place in its column, and how many cards the column holds. */
  index: number;
  count: number;
  onMove: (move: MoveBody) => void;
  /** The last move came from these buttons: keep them open and focused wherever the card went. */
  refocus: boolean;
}

/** The keyboard's way to do what dragging does: up, down, or to the top of the next column either side. */
export function TaskMoveControls({ title, status, index, count, onMove, refocus }: TaskMoveControlsProps) {
  // A card moved to another column is a new element there: it opens again if it was open.
  const [open, setOpen] = useState(refocus);
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!refocus || !open || group.current?.contains(document.activeElement)) return;
    group.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [refocus, open, status, index]);
  const column = TASK_STATUSES.indexOf(status);
  const previous = TASK_STATUSES[column - 1];
  const next = TASK_STATUSES[column + 1];

  if (!open) {
    return (
      <button
        className="task-card__move button button--secondary button--small"
        type="button"
        aria-label={`Move ${title}`}
        aria-expanded={false}
        onClick={() => setOpen(true)}
      >
        Move
      </button>
    );
  }
  return (
    <div className="task-card__moves" role="group" aria-label={`Move ${title}`} ref={group}>
      <button className="button button--secondary button--small" type="button" aria-label="Move up" disabled={index === 0} onClick={() => onMove({ status, index: index - 1 })}>
        ↑
      </button>
      <button
        className="button button--secondary button--small"
        type="button"
        aria-label="Move down"
        disabled={index >= count - 1}
        onClick={() => onMove({ status, index: index + 1 })}
      >
        ↓
      </button>
      {previous ? (
        <button className="button button--secondary button--small" type="button" onClick={() => onMove({ status: previous, index: 0 })}>
          ← {TASK_STATUS_LABELS[previous]}
        </button>
      ) : null}
      {next ? (
        <button className="button button--secondary button--small" type="button" onClick={() => onMove({ status: next, index: 0 })}>
          {TASK_STATUS_LABELS[next]} →
        </button>
      ) : null}
      <button className="button button--secondary button--small" type="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </div>
  );
}
