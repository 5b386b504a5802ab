-- Files (issue 13): a project's files and their versions. A version's bytes are a blob in
-- the file store (crates/files), named by their SHA-256: never by anything a person typed.
-- Blobs no version names are removed by the sweep.

CREATE TABLE files (
    id              UUID PRIMARY KEY NOT NULL,
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- As the uploader typed it, for display; downloads use its safe form.
    name            TEXT NOT NULL,
    family          TEXT NOT NULL CHECK (family IN ('image', 'vector', 'pdf', 'video', 'audio', 'archive', 'design')),
    -- The number of the newest version: versions are numbered 1, 2, 3... per file.
    latest_version  BIGINT NOT NULL,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX files_project_idx ON files (project_id, id);

CREATE TABLE file_versions (
    id              UUID PRIMARY KEY NOT NULL,
    file_id         UUID NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    number          BIGINT NOT NULL,
    -- Lower-case hex; the blob's key in the file store.
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            BIGINT NOT NULL CHECK (size > 0),
    mime            TEXT NOT NULL,
    uploaded_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (file_id, number)
);
CREATE INDEX file_versions_sha256_idx ON file_versions (sha256);
