import { useCallback, useId, useRef, useState } from 'react';
import type { FileView } from '../../api/schema';
import { PaperclipIcon } from '../../components/PaperclipIcon';
import { useDismiss } from '../../components/useDismiss';
import { ProjectFilePicker } from './ProjectFilePicker';

interface AttachControlProps {
  /** A project channel's project: its files are picked, or new ones uploaded into it. */
  projectId: string | null;
  /** Whether files may be uploaded (always in a direct or group conversation). */
  canUpload: boolean;
  onFiles: (files: File[]) => void;
  onPick: (file: FileView) => void;
  picked: ReadonlySet<string>;
}

/**
 * "Attach files" (a paperclip): in a direct or group conversation it opens the file chooser;
 * in a project channel, a picker of the project's files with "Upload new".
 */
export function AttachControl({ projectId, canUpload, onFiles, onPick, picked }: AttachControlProps) {
  const input = useRef<HTMLInputElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const pickerId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(frame, open, close);
  const choose = () => input.current?.click();

  return (
    <div className="attach" ref={frame}>
      <button
        className="button button--secondary attach__button"
        type="button"
        aria-label="Attach files"
        title="Attach files"
        aria-expanded={projectId ? open : undefined}
        aria-controls={projectId && open ? pickerId : undefined}
        onClick={projectId ? () => setOpen((was) => !was) : choose}
      >
        <PaperclipIcon size={18} />
      </button>
      {/* Out of the picker, so that it is still there when the chooser answers. */}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // The same file chosen again must still be a change.
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      {projectId && open ? (
        <ProjectFilePicker
          id={pickerId}
          projectId={projectId}
          canUpload={canUpload}
          onUploadNew={() => {
            close();
            choose();
          }}
          onPick={onPick}
          picked={picked}
        />
      ) : null}
    </div>
  );
}
