import { useId, useState, type DragEvent } from 'react';

interface DropZoneProps {
  /** What the file chooser's button says (and the name of its input). */
  label: string;
  hint: string;
  multiple: boolean;
  onFiles: (files: File[]) => void;
}

/** Whether a drag carries files (not text or a link from the page). */
const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Where files are dropped, or chosen with the button (the same input for the keyboard and
 * screen readers). With `multiple` off, only the first file dropped is taken.
 */
export function DropZone({ label, hint, multiple, onFiles }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const hintId = useId();

  const take = (files: FileList | null) => {
    const chosen = [...(files ?? [])];
    if (chosen.length) onFiles(multiple ? chosen : chosen.slice(0, 1));
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    // Without this the browser would open the file instead of dropping it here.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    // Moving over the zone's own children also "leaves" it.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };

  return (
    <div
      className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
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
            take(event.target.files);
            // The same file chosen again (to retry it) must still be a change.
            event.target.value = '';
          }}
        />
      </label>
    </div>
  );
}
