-- The seed's essential tables. Times are bound from Rust (TIMESTAMPTZ here, RFC 3339
-- text on SQLite); ids are native uuid (hyphenated text on SQLite).

CREATE TABLE users (
    id              UUID PRIMARY KEY NOT NULL,
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    password_hash   TEXT,
    user_type       TEXT NOT NULL CHECK (user_type IN ('client', 'designer')),
    is_admin        BOOLEAN NOT NULL DEFAULT FALSE,
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    avatar_url      TEXT,
    timezone        TEXT,
    email_verified  BOOLEAN NOT NULL DEFAULT FALSE,
    last_login_at   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- Emails are unique case-insensitively: the store lower-cases them and the index enforces it.
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE refresh_tokens (
    id              UUID PRIMARY KEY NOT NULL,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id       UUID NOT NULL,
    token_hash      TEXT NOT NULL,
    replaced_by     UUID,
    device_name     TEXT,
    ip_address      TEXT,
    user_agent      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    last_used_at    TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_reason  TEXT
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);

CREATE TABLE security_events (
    id              UUID PRIMARY KEY NOT NULL,
    event_type      TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    user_id         UUID REFERENCES users (id) ON DELETE SET NULL,
    session_id      UUID,
    ip_address      TEXT,
    user_agent      TEXT,
    metadata        JSONB,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX security_events_created_at_idx ON security_events (created_at);
CREATE INDEX security_events_user_id_idx ON security_events (user_id);
CREATE INDEX security_events_event_type_idx ON security_events (event_type);

CREATE TABLE organizations (
    id              UUID PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    slug            TEXT NOT NULL,
    description     TEXT,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);

CREATE TABLE projects (
    id              UUID PRIMARY KEY NOT NULL,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('planning', 'active', 'on_hold', 'completed', 'archived')),
    priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    start_date      DATE,
    due_date        DATE,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX projects_organization_id_idx ON projects (organization_id);

CREATE TABLE conversations (
    id              UUID PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'group', 'project')),
    name            TEXT,
    organization_id UUID REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      UUID REFERENCES projects (id) ON DELETE CASCADE,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversations_project_id_idx ON conversations (project_id);

CREATE TABLE messages (
    id              UUID PRIMARY KEY NOT NULL,
    conversation_id UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    author_id       UUID REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    reply_to_id     UUID REFERENCES messages (id) ON DELETE SET NULL,
    edited_at       TIMESTAMPTZ,
    deleted_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
-- The per-conversation sequence number is what reconnecting clients catch up from.
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq);

CREATE TABLE notifications (
    id              UUID PRIMARY KEY NOT NULL,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT,
    data            JSONB,
    read_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at);

CREATE TABLE oauth_tokens (
    id                       UUID PRIMARY KEY NOT NULL,
    user_id                  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider                 TEXT NOT NULL,
    provider_user_id         TEXT,
    access_token_encrypted   BYTEA NOT NULL,
    refresh_token_encrypted  BYTEA,
    token_type               TEXT,
    scope                    TEXT,
    expires_at               TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX oauth_tokens_user_provider_key ON oauth_tokens (user_id, provider);
