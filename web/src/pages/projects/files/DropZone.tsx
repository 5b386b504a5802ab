import { useId } from 'react';
import { useFileDrop } from '../../../components/useFileDrop';

interface DropZoneProps {
  /** What the file chooser's button says (and the name of its input). */
  label: string;
  hint: string;
  multiple: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * Where files are dropped, or chosen with the button (the same input for the keyboard and
 * screen readers). With `multiple` off, only the first file dropped is taken.
 */
export function DropZone({ label, hint, multiple, onFiles }: DropZoneProps) {
  const hintId = useId();
  const take = (files: File[]) => {
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  const drop = useFileDrop(take);

  return (
    <div className={drop.over ? 'drop-zone drop-zone--over' : 'drop-zone'} {...drop.handlers}>
      <p className="drop-zone__hint" id={hintId}>
        {hint}
      </p>
      <label className="button button--secondary drop-zone__choose">
        {label}
        <input
          className="visually-hidden"
          type="file"
          multiple={multiple}
          aria-describedby={hintId}
          onChange={(event) => {
            take([...(event.target.files ?? [])]);
            // The same file chosen again (to retry it) must still be a change.
            event.target.value = '';
          }}
        />
      </label>
    </div>
  );
}
