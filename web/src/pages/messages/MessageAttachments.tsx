import { attachmentsOf, type AttachmentView } from '../../api/attachments';
import type { MessageView } from '../../api/schema';
import { useConversation } from '../../messaging/queries';
import { MessageAttachment } from './MessageAttachment';

/** The files on a message, under its text (none on a deleted one). */
export function MessageAttachments({ message }: { message: MessageView }) {
  const attachments = attachmentsOf(message);
  if (message.deleted || attachments.length === 0) return null;
  return <AttachmentList conversationId={message.conversationId} attachments={attachments} />;
}

function AttachmentList({ conversationId, attachments }: { conversationId: string; attachments: readonly AttachmentView[] }) {
  // Held already: the conversation on screen.
  const projectId = useConversation(conversationId).data?.projectId ?? null;
  return (
    <ul className="attachment-chips message__attachments" aria-label="Attachments">
      {attachments.map((attachment) => (
        <MessageAttachment key={attachment.id} attachment={attachment} projectId={projectId} />
      ))}
    </ul>
  );
}
