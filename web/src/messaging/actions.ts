import { ApiError } from '../api/errors';
import type { MessageView, ReadPosition } from '../api/schema';
import { request } from '../realtime/request';
import { getSocket } from '../realtime/socketManager';
import { newClientId } from './clientId';
import { addPending, changePending, dropPending, type AttachedFile, type PendingMessage } from './messageLog';
import { getLog, receiveMessage, replaceMessage, updateLog } from './messageStore';

/**
 * What a person does to messages, over the /messaging socket. Each answer is applied at
 * once (the live event that follows merges by seq and changes nothing); a refusal throws
 * an ApiError with the server's words.
 */

const messaging = () => getSocket('/messaging');

interface MessageAnswer {
  message: MessageView;
}

/** Shows the message as pending at once, then sends it; it stays, marked failed, if refused. */
export function sendMessage(
  conversationId: string,
  body: string,
  parentId: string | null = null,
  attachments: readonly AttachedFile[] = [],
): void {
  const pending: PendingMessage = {
    clientId: newClientId(),
    conversationId,
    parentId,
    body,
    attachments,
    status: 'sending',
    error: null,
    createdAt: new Date().toISOString(),
  };
  updateLog(conversationId, (log) => addPending(log, pending));
  void deliver(pending);
}

/** "Retry": the same client id, so a message that did arrive is not posted twice. */
export function retryMessage(conversationId: string, clientId: string): void {
  const pending = getLog(conversationId)?.pending.find((p) => p.clientId === clientId);
  if (!pending) return;
  updateLog(conversationId, (log) => changePending(log, clientId, { status: 'sending', error: null }));
  void deliver(pending);
}

export function discardMessage(conversationId: string, clientId: string): void {
  updateLog(conversationId, (log) => dropPending(log, clientId));
}

async function deliver({ conversationId, body, parentId, clientId, attachments }: PendingMessage): Promise<void> {
  try {
    const answer = await request<MessageAnswer>(messaging(), 'message:send', {
      conversationId,
      body,
      clientId,
      ...(parentId ? { parentId } : {}),
      ...(attachments.length ? { attachments: attachments.map((file) => file.id) } : {}),
    });
    receiveMessage(answer.message);
    // A resent id whose message this tab already held: receive() kept the draft off anyway.
    updateLog(conversationId, (log) => dropPending(log, clientId));
  } catch (error) {
    const message = error instanceof ApiError ? error.message : 'The message could not be sent.';
    updateLog(conversationId, (log) => changePending(log, clientId, { status: 'failed', error: message }));
  }
}

export async function editMessage(messageId: string, body: string): Promise<void> {
  const answer = await request<MessageAnswer>(messaging(), 'message:edit', { messageId, body });
  replaceMessage(answer.message);
}

export async function deleteMessage(messageId: string): Promise<void> {
  const answer = await request<MessageAnswer>(messaging(), 'message:delete', { messageId });
  replaceMessage(answer.message);
}

/** Adds a reaction, or (`on: false`) takes it back. */
export async function reactToMessage(messageId: string, emoji: string, on: boolean): Promise<void> {
  const answer = await request<MessageAnswer>(messaging(), 'message:react', { messageId, emoji, on });
  replaceMessage(answer.message);
}

/**
 * Moves the read position to `seq` (never back); others see the receipt. Answers what
 * `POST /api/conversations/{id}/read` answers.
 */
export const markRead = (conversationId: string, seq: number) =>
  request<ReadPosition>(messaging(), 'conversation:read', { conversationId, seq });

/** Typing is relayed, never stored; dropped rather than queued while offline. */
export function sendTyping(conversationId: string, typing: boolean): void {
  const socket = messaging();
  if (socket.connected) socket.volatile.emit(typing ? 'typing:start' : 'typing:stop', { conversationId });
}
