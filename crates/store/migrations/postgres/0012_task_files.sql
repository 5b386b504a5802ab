-- Files attached to tasks (issue 13): a task of a project carries files of the same
-- project; the board shows each one's review state.

CREATE TABLE task_files (
    task_id         UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    file_id         UUID NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    attached_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    attached_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (task_id, file_id)
);
CREATE INDEX task_files_file_idx ON task_files (file_id);
