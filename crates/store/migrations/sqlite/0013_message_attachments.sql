-- Attachments on messages (issue 13). A project channel's messages carry files of its
-- project; a direct or group conversation's carry files sent into it, which only its
-- participants download. Blobs the sweep keeps include these.

CREATE TABLE conversation_files (
    id              TEXT PRIMARY KEY NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    uploaded_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- As the sender typed it, for display; downloads use its safe form.
    name            TEXT NOT NULL,
    family          TEXT NOT NULL CHECK (family IN ('image', 'vector', 'pdf', 'video', 'audio', 'archive', 'design')),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            BIGINT NOT NULL CHECK (size > 0),
    mime            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX conversation_files_conversation_idx ON conversation_files (conversation_id);
CREATE INDEX conversation_files_sha256_idx ON conversation_files (sha256);

-- A message's attachments in order: each a project file or a conversation file, and a
-- conversation file on one message at most.
CREATE TABLE message_attachments (
    message_id           TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    file_id              TEXT REFERENCES files (id) ON DELETE CASCADE,
    conversation_file_id TEXT UNIQUE REFERENCES conversation_files (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, position),
    CHECK ((file_id IS NULL) <> (conversation_file_id IS NULL))
);
CREATE INDEX message_attachments_file_idx ON message_attachments (file_id);
