import { ConfirmAction } from './ConfirmAction';

interface EditDeleteActionsProps {
  /** The first button: "Edit", "Rename". */
  editLabel: string;
  onEdit: () => void;
  /** The delete button, and the name of the question it opens: "Delete", "Delete team". */
  deleteLabel: string;
  /** What deleting does, asked before it happens. */
  deletePrompt: string;
  onDelete: () => void;
  /** A delete is under way: its "Yes, delete" is disabled. */
  deletePending: boolean;
}

/**
 * The small "Edit" (or "Rename") button and the "Delete …" that asks "Yes, delete" first,
 * side by side, as comments, teams, milestones, documents and files all show them. One
 * component so their markup, which the browser tests find by its texts, stays the same
 * everywhere. Whether to show it at all is the caller's: wrap it in its condition.
 */
export function EditDeleteActions({
  editLabel,
  onEdit,
  deleteLabel,
  deletePrompt,
  onDelete,
  deletePending,
}: EditDeleteActionsProps) {
  return (
    <div className="item-list__actions">
      <button className="button button--secondary button--small" type="button" onClick={onEdit}>
        {editLabel}
      </button>
      <ConfirmAction
        label={deleteLabel}
        prompt={deletePrompt}
        confirmLabel="Yes, delete"
        onConfirm={onDelete}
        pending={deletePending}
        small
      />
    </div>
  );
}
