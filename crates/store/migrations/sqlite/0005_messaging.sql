-- Messaging (issue 5): conversations, participants with their read position, messages
-- with a per-conversation sequence number, reactions, and full-text search (FTS5).
-- The conversations and messages tables of 0001 were never written; they are rebuilt.

DROP TABLE messages;
DROP TABLE conversations;

-- A project's channel has the project's id, so it needs no id of its own and its
-- membership is the project's (see crates/store/src/messaging/access.rs).
CREATE TABLE conversations (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'group', 'project')),
    name            TEXT,
    project_id      TEXT UNIQUE REFERENCES projects (id) ON DELETE CASCADE,
    -- "smaller-id:larger-id" for a direct conversation: one per pair of people.
    direct_key      TEXT UNIQUE,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    -- The newest message's id (time-ordered), or the conversation's own: lists sort on it.
    activity_id     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((kind = 'project') = (project_id IS NOT NULL)),
    CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
);
CREATE INDEX conversations_activity_idx ON conversations (activity_id);

INSERT INTO conversations (id, kind, name, project_id, created_by, activity_id, created_at, updated_at)
SELECT id, 'project', NULL, id, created_by, id, created_at, updated_at FROM projects;

-- For a direct or group conversation, a row is a participant. For a project channel,
-- where membership follows the project, a row only keeps that person's read position,
-- mute and archive.
CREATE TABLE conversation_participants (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    last_read_seq   BIGINT NOT NULL DEFAULT 0,
    muted           BOOLEAN NOT NULL DEFAULT FALSE,
    archived        BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at       TEXT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id);

-- `search_id` is the rowid FTS5 indexes by: an INTEGER PRIMARY KEY, so VACUUM keeps it.
CREATE TABLE messages (
    search_id       INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    author_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    parent_id       TEXT REFERENCES messages (id) ON DELETE SET NULL,
    reply_count     BIGINT NOT NULL DEFAULT 0,
    mentions        TEXT NOT NULL,
    -- The sender's own id for the message, so a resend after a lost acknowledgement
    -- finds the first one instead of posting twice.
    client_id       TEXT,
    created_at      TEXT NOT NULL,
    edited_at       TEXT,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_client_id_key ON messages (author_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;

CREATE TABLE message_reactions (
    message_id      TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);

-- No accent folding: PostgreSQL's 'simple' configuration does none, and both engines must
-- find the same messages.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    body, content = 'messages', content_rowid = 'search_id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, body) VALUES (new.search_id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.search_id, old.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.search_id, old.body);
    INSERT INTO messages_fts (rowid, body) VALUES (new.search_id, new.body);
END;
