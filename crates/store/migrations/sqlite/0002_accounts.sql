-- Accounts (issue 3): sessions as their own rows, refresh tokens chained inside a session,
-- single-use email links, and two-factor authentication.

-- A session is one sign-in on one device. Access tokens carry its id (`sid`), so revoking
-- the session stops them on their next request.
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_name     TEXT NOT NULL,
    ip_address      TEXT,
    user_agent      TEXT,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- No refresh token was ever issued before this step, so the table is rebuilt rather than
-- altered: each token now belongs to a session (its family), and device details live there.
DROP TABLE refresh_tokens;
CREATE TABLE refresh_tokens (
    id              TEXT PRIMARY KEY NOT NULL,
    session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash      TEXT NOT NULL,
    -- Set when the token is rotated; presenting it again afterwards is reuse.
    replaced_at     TEXT,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

-- Links sent by email (verify the address, reset the password), stored as SHA-256.
CREATE TABLE email_tokens (
    id              TEXT PRIMARY KEY NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT
);
CREATE UNIQUE INDEX email_tokens_token_hash_key ON email_tokens (token_hash);
CREATE INDEX email_tokens_user_id_idx ON email_tokens (user_id);

-- Two-factor authentication: the confirmed secret, one waiting for confirmation, and the
-- last time step accepted (a code is never accepted twice).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

CREATE TABLE recovery_codes (
    id              TEXT PRIMARY KEY NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash       TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    used_at         TEXT
);
CREATE UNIQUE INDEX recovery_codes_user_code_key ON recovery_codes (user_id, code_hash);

CREATE INDEX security_events_severity_idx ON security_events (severity);
