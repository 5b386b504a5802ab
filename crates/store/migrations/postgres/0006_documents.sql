-- Collaborative documents (issue 6): a project's documents, the Yjs updates they are
-- made of, and their history. A document's content is its compacted state (every update
-- up to state_seq merged) followed by the updates after it, in order.

CREATE TABLE documents (
    id              UUID PRIMARY KEY NOT NULL,
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    -- Every update up to state_seq, merged (a Yjs v1 update); empty before the first compaction.
    state           BYTEA NOT NULL,
    state_seq       BIGINT NOT NULL DEFAULT 0,
    -- The number of the newest update stored.
    last_seq        BIGINT NOT NULL DEFAULT 0,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX documents_project_idx ON documents (project_id, updated_at);

-- Updates not yet compacted into documents.state, numbered per document.
CREATE TABLE document_updates (
    document_id     UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    data            BYTEA NOT NULL,
    PRIMARY KEY (document_id, seq)
);

-- History: the whole content as it was after update upto_seq, named by someone or taken
-- automatically.
CREATE TABLE document_snapshots (
    id              UUID PRIMARY KEY NOT NULL,
    document_id     UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    automatic       BOOLEAN NOT NULL DEFAULT FALSE,
    state           BYTEA NOT NULL,
    upto_seq        BIGINT NOT NULL,
    created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX document_snapshots_document_idx ON document_snapshots (document_id, created_at);
