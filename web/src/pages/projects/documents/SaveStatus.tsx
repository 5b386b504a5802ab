import { SAVE_STATE_LABELS, type SaveState } from '../../../documents/collab/saveState';

interface SaveStatusProps {
  state: SaveState;
  /** Live editing stopped for good (see the banner for why). */
  stopped: boolean;
}

/** "Saved", "Saving…", "Offline — changes kept" or "Connecting…", announced as it changes. */
export function SaveStatus({ state, stopped }: SaveStatusProps) {
  const modifier = stopped ? 'stopped' : state;
  return (
    <p className={`save-status save-status--${modifier}`} role="status">
      {stopped ? 'Not connected' : SAVE_STATE_LABELS[state]}
    </p>
  );
}
