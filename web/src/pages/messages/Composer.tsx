import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useFileDrop } from '../../components/useFileDrop';
import { sendMessage } from '../../messaging/actions';
import { attachPlace, leftOutNotice, readyFiles, sendability } from '../../messaging/attachmentDrafts';
import { useConversation } from '../../messaging/queries';
import { useAttachmentDrafts } from '../../messaging/useAttachmentDrafts';
import { useTypingEmitter } from '../../messaging/useTypingEmitter';
import { useProject } from '../../projects/queries';
import { AttachControl } from './AttachControl';
import { AttachmentDraftList } from './AttachmentDraftList';

interface ComposerProps {
  conversationId: string;
  /** Replying in this message's thread. */
  parentId?: string;
  label: string;
  submitLabel: string;
}

/**
 * Writes a message: Enter sends (Shift+Enter for a new line). It shows at once as "Sending…"
 * until the server has it. The others see "… is typing" meanwhile. Files go with it: chosen
 * with "Attach files" or dropped on it, uploaded as they come (in a project channel, into the
 * project, or picked from its files); the message waits for them.
 */
export function Composer({ conversationId, parentId, label, submitLabel }: ComposerProps) {
  const [body, setBody] = useState('');
  const typing = useTypingEmitter(conversationId);
  const id = useId();
  const hintId = useId();

  const place = attachPlace(useConversation(conversationId).data);
  const projectId = place && 'projectId' in place ? place.projectId : null;
  const project = useProject(projectId ?? '', projectId !== null);
  const canUpload = projectId ? project.data?.can.manageFiles === true : place !== null;

  const attachments = useAttachmentDrafts(place);
  const drop = useFileDrop(attachments.upload);
  const { canSend, hint } = sendability(body, attachments.drafts);
  const { items, leftOut } = attachments.drafts;

  function send() {
    if (!canSend) return;
    sendMessage(conversationId, body.trim(), parentId ?? null, readyFiles(attachments.drafts));
    setBody('');
    attachments.clear();
    typing.stop();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form
      className={drop.over && canUpload ? 'composer composer--over' : 'composer'}
      onSubmit={submit}
      {...(canUpload ? drop.handlers : {})}
    >
      {items.length ? <AttachmentDraftList items={items} onRemove={attachments.remove} /> : null}
      {leftOut ? (
        <p className="composer__notice" role="alert">
          {leftOutNotice(leftOut)}
        </p>
      ) : null}
      <div className="composer__row">
        {place ? (
          <AttachControl
            projectId={projectId}
            canUpload={canUpload}
            onFiles={attachments.upload}
            onPick={attachments.pick}
            picked={new Set(items.flatMap((item) => (item.id ? [item.id] : [])))}
          />
        ) : null}
        <label className="visually-hidden" htmlFor={id}>
          {label}
        </label>
        <textarea
          className="field__control composer__input"
          id={id}
          rows={2}
          maxLength={10_000}
          placeholder={`${label}…`}
          value={body}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => {
            setBody(event.target.value);
            typing.changed(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={typing.stop}
        />
        <button className="button button--primary" type="submit" disabled={!canSend}>
          {submitLabel}
        </button>
      </div>
      {hint ? (
        <p className="composer__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </form>
  );
}
