import type { FileKind } from '../../../api/vocabularies';
import { KIND_LABELS } from '../../../files/vocabulary';

/** A tile for a file with no picture of its own: its extension ("PDF", "MP4") or its kind, in the kind's colour. */
export function KindIcon({ kind, name }: { kind: FileKind; name: string }) {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1];
  return (
    // Decorative: the kind is also said in words next to it.
    <span className={`kind-icon kind-icon--${kind}`} aria-hidden="true">
      {extension ? extension.toUpperCase() : KIND_LABELS[kind]}
    </span>
  );
}
