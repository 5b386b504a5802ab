-- Messaging (issue 5): conversations, participants with their read position, messages
-- with a per-conversation sequence number, reactions, and full-text search (tsvector).
-- The conversations and messages tables of 0001 were never written; they are rebuilt.

DROP TABLE messages;
DROP TABLE conversations;

-- A project's channel has the project's id, so it needs no id of its own and its
-- membership is the project's (see crates/store/src/messaging/access.rs).
CREATE TABLE conversations (
    id              UUID PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'group', 'project')),
    name            TEXT,
    project_id      UUID UNIQUE REFERENCES projects (id) ON DELETE CASCADE,
    -- "smaller-id:larger-id" for a direct conversation: one per pair of people.
    direct_key      TEXT UNIQUE,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    -- The newest message's id (time-ordered), or the conversation's own: lists sort on it.
    activity_id     UUID NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
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
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    last_read_seq   BIGINT NOT NULL DEFAULT 0,
    muted           BOOLEAN NOT NULL DEFAULT FALSE,
    archived        BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id);

CREATE TABLE messages (
    id              UUID PRIMARY KEY NOT NULL,
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    author_id       UUID REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    parent_id       UUID REFERENCES messages (id) ON DELETE SET NULL,
    reply_count     BIGINT NOT NULL DEFAULT 0,
    mentions        JSONB NOT NULL,
    -- The sender's own id for the message, so a resend after a lost acknowledgement
    -- finds the first one instead of posting twice.
    client_id       TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    edited_at       TIMESTAMPTZ,
    deleted_at      TIMESTAMPTZ,
    -- 'simple': no stemming and no accent folding, the matching of SQLite's tokenizer.
    search          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_client_id_key ON messages (author_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;
CREATE INDEX messages_search_idx ON messages USING GIN (search);

CREATE TABLE message_reactions (
    message_id      UUID NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji           TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
