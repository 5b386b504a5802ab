import { useState, type ReactNode } from 'react';

interface ConfirmActionProps {
  /** The first button, and the name of the question it opens. */
  label: string;
  /** What will happen, said before it does. */
  prompt: ReactNode;
  /** The button that does it; `label` when not given. */
  confirmLabel?: string;
  onConfirm: () => void;
  pending?: boolean;
  tone?: 'danger' | 'secondary';
  small?: boolean;
}

/** A button that asks once before doing something that cannot be taken back. */
export function ConfirmAction({ label, prompt, confirmLabel, onConfirm, pending, tone = 'danger', small }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const size = small ? ' button--small' : '';
  if (!asking) {
    return (
      <button className={`button button--${tone}${size}`} type="button" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{prompt}</p>
      <div className="form__actions">
        <button className={`button button--danger${size}`} type="button" onClick={onConfirm} disabled={pending}>
          {confirmLabel ?? label}
        </button>
        <button className={`button button--secondary${size}`} type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
