import type { Viewer } from '../../projects/useProjectLive';

/** "Also here: …": the others looking at this project now (one entry per person). */
export function BoardViewers({ viewers, me }: { viewers: readonly Viewer[]; me: string | undefined }) {
  const others = viewers.filter((viewer) => viewer.userId !== me).map((viewer) => viewer.name);
  return (
    <p className="board-viewers" aria-live="polite">
      {others.length ? `Also here: ${others.join(', ')}` : null}
    </p>
  );
}
