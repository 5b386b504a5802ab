/** The shapes the messaging API answers with, over REST and Socket.IO alike (crates/messaging/src/views.rs). */

export interface ReactionView {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface MessageView {
  id: string;
  conversationId: string;
  /** The message's number in its conversation: 1, 2, 3… with no gaps (replies included). */
  seq: number;
  authorId: string | null;
  authorName: string | null;
  /** Markdown; empty once deleted. */
  body: string;
  /** The message this one replies to (threads are one level deep). */
  parentId: string | null;
  replyCount: number;
  mentions: string[];
  reactions: ReactionView[];
  /** The sender's own id for the message, echoed back so it can match its draft. */
  clientId: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export type ConversationKind = 'direct' | 'group' | 'project';

export interface LastMessageView {
  id: string;
  authorId: string | null;
  preview: string;
  createdAt: string;
  deleted: boolean;
}

export interface ParticipantView {
  userId: string;
  name: string;
  /** `owner` (who made a group) or `member`. */
  role: string;
  lastReadSeq: number;
  joinedAt: string;
}

export interface ConversationView {
  id: string;
  kind: ConversationKind;
  title: string;
  name: string | null;
  projectId: string | null;
  createdBy: string | null;
  lastSeq: number;
  /** The caller's read position: messages after it are unread. */
  lastReadSeq: number;
  unreadCount: number;
  muted: boolean;
  archived: boolean;
  lastMessage: LastMessageView | null;
  participants: ParticipantView[];
  createdAt: string;
  updatedAt: string;
}

export interface ConversationList {
  items: ConversationView[];
  nextCursor: string | null;
}

/** A page of history, ascending by `seq` whichever way it was read. */
export interface MessagePage {
  items: MessageView[];
  hasMore: boolean;
  lastSeq: number;
}

export interface SearchResults {
  items: MessageView[];
  nextCursor: string | null;
}

export interface NewConversation {
  kind: 'direct' | 'group';
  participantIds: string[];
  name?: string;
}

export interface ConversationChange {
  name?: string;
  muted?: boolean;
  archived?: boolean;
}
