import type { ReactNode } from 'react';
import { formatSize } from '../../files/formatSize';

interface AttachmentChipProps {
  name: string;
  /** Bytes. */
  size: number;
  /** What shows for the name (a link to the file); the name itself by default. */
  label?: ReactNode;
  /** A thumbnail or the kind's tile, before the name. */
  picture?: ReactNode;
  /** Actions and states after the name: progress, an error, Remove, Download. */
  children?: ReactNode;
  className?: string;
}

/** One file with a message, as a list item: its picture, name and size, and what can be done with it. */
export function AttachmentChip({ name, size, label, picture, children, className }: AttachmentChipProps) {
  return (
    <li className={className ? `attachment-chip ${className}` : 'attachment-chip'} aria-label={name}>
      {picture}
      <span className="attachment-chip__text">
        <span className="attachment-chip__name">{label ?? name}</span>
        <span className="attachment-chip__size">{formatSize(size)}</span>
      </span>
      {children}
    </li>
  );
}
