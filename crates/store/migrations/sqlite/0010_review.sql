-- Design review (issue 13): comments on a version of a file, pinned to a point or a
-- rectangle of it (normalized to [0, 1], top-left origin; a PDF's page from 1) and threaded
-- one level deep; each reviewer's current decision on a version; and who was asked to
-- review it. A version's state is read from the decisions (crates/store/src/files.rs).

CREATE TABLE review_comments (
    id              TEXT PRIMARY KEY NOT NULL,
    version_id      TEXT NOT NULL REFERENCES file_versions (id) ON DELETE CASCADE,
    -- The thread's first comment, for a reply; replies carry no pin and are not resolved.
    parent_id       TEXT REFERENCES review_comments (id) ON DELETE CASCADE,
    author_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    mentions        TEXT NOT NULL,
    pin_x           REAL CHECK (pin_x >= 0 AND pin_x <= 1),
    pin_y           REAL CHECK (pin_y >= 0 AND pin_y <= 1),
    pin_width       REAL CHECK (pin_width > 0 AND pin_width <= 1),
    pin_height      REAL CHECK (pin_height > 0 AND pin_height <= 1),
    pin_page        BIGINT CHECK (pin_page >= 1),
    resolved_at     TEXT,
    resolved_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT,
    deleted_at      TEXT,
    CHECK ((pin_x IS NULL) = (pin_y IS NULL)),
    CHECK ((pin_width IS NULL) = (pin_height IS NULL)),
    CHECK (pin_width IS NULL OR pin_x IS NOT NULL),
    CHECK (parent_id IS NULL OR (pin_x IS NULL AND resolved_at IS NULL))
);
CREATE INDEX review_comments_version_idx ON review_comments (version_id, id);

CREATE TABLE review_decisions (
    version_id      TEXT NOT NULL REFERENCES file_versions (id) ON DELETE CASCADE,
    reviewer_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    decision        TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
    note            TEXT,
    decided_at      TEXT NOT NULL,
    PRIMARY KEY (version_id, reviewer_id)
);

CREATE TABLE review_requests (
    version_id      TEXT NOT NULL REFERENCES file_versions (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    requested_at    TEXT NOT NULL,
    PRIMARY KEY (version_id, user_id)
);
