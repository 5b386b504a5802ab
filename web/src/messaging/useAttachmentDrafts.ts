import { useEffect, useRef, useState } from 'react';
import { uploadConversationFile } from '../api/attachments';
import type { CancellableUpload } from '../api/formUpload';
import type { FileView } from '../api/schema';
import { sendResumable, type UploadHandlers } from '../api/upload';
import { refreshAfterUpload } from '../files/uploads';
import { admitted, nextDrafts, NO_DRAFTS, type AttachPlace, type DraftEvent, type Drafts, type NewDraft } from './attachmentDrafts';

/**
 * The files one composer holds for its next message (attachmentDrafts.ts), and the uploads
 * that make them: started as files are added, stopped when one is removed or the composer
 * goes away. `place` is null until the conversation is known; nothing is taken meanwhile.
 * Project uploads go resumably (upload.ts), conversation ones in a form (formUpload.ts).
 */
export function useAttachmentDrafts(place: AttachPlace | null) {
  const [drafts, setDrafts] = useState<Drafts>(NO_DRAFTS);
  // The drafts as of the last step, for the steps that follow before React renders again.
  const latest = useRef<Drafts>(NO_DRAFTS);
  const uploads = useRef(new Map<number, CancellableUpload>());
  const lastKey = useRef(0);

  useEffect(() => {
    const running = uploads.current;
    return () => {
      for (const upload of running.values()) upload.cancel();
      running.clear();
    };
  }, []);

  function apply(event: DraftEvent): void {
    latest.current = nextDrafts(latest.current, event);
    setDrafts(latest.current);
  }

  function start(key: number, file: File, where: AttachPlace): void {
    const handlers: UploadHandlers<{ id: string }> = {
      onProgress: (sent, total) => apply({ type: 'progressed', key, sent, total }),
      onSuccess: ({ id }) => {
        uploads.current.delete(key);
        apply({ type: 'uploaded', key, id });
      },
      // Kept: removing it then drops what the server holds of a resumable one.
      onError: (error) => apply({ type: 'failed', key, error }),
    };
    const upload =
      'projectId' in where
        ? sendResumable({ projectId: where.projectId }, file, {
            ...handlers,
            onSuccess: (made: FileView) => {
              refreshAfterUpload(made);
              handlers.onSuccess(made);
            },
          })
        : uploadConversationFile(where.conversationId, file, handlers);
    uploads.current.set(key, upload);
  }

  /** Uploads files chosen or dropped, as many as the message has room for. */
  function upload(files: readonly File[]): void {
    if (!place || !files.length) return;
    const chosen = new Map(files.map((file) => [++lastKey.current, file]));
    const added: NewDraft[] = [...chosen].map(([key, file]) => ({ key, name: file.name, size: file.size }));
    const { taken } = admitted(latest.current, added);
    apply({ type: 'added', files: added });
    for (const { key } of taken) start(key, chosen.get(key)!, place);
  }

  /** A project's file, sent as it is (a second pick of the same one changes nothing). */
  function pick(file: FileView): void {
    apply({ type: 'added', files: [{ key: ++lastKey.current, name: file.name, size: file.latest.size, id: file.id }] });
  }

  function stop(key: number): void {
    uploads.current.get(key)?.cancel();
    uploads.current.delete(key);
  }

  function remove(key: number): void {
    stop(key);
    apply({ type: 'removed', key });
  }

  /** Once the message is on its way. */
  function clear(): void {
    for (const key of uploads.current.keys()) stop(key);
    apply({ type: 'cleared' });
  }

  return { drafts, upload, pick, remove, clear };
}
