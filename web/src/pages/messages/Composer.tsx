import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { sendMessage } from '../../messaging/actions';
import { useTypingEmitter } from '../../messaging/useTypingEmitter';

interface ComposerProps {
  conversationId: string;
  /** Replying in this message's thread. */
  parentId?: string;
  label: string;
  submitLabel: string;
}

/**
 * Writes a message: Enter sends (Shift+Enter for a new line). It shows at once as "Sending…"
 * until the server has it. The others see "… is typing" meanwhile.
 */
export function Composer({ conversationId, parentId, label, submitLabel }: ComposerProps) {
  const [body, setBody] = useState('');
  const typing = useTypingEmitter(conversationId);
  const id = useId();

  function send() {
    const text = body.trim();
    if (!text) return;
    sendMessage(conversationId, text, parentId ?? null);
    setBody('');
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
    <form className="composer" onSubmit={submit}>
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
        onChange={(event) => {
          setBody(event.target.value);
          typing.changed(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={typing.stop}
      />
      <button className="button button--primary" type="submit" disabled={!body.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
