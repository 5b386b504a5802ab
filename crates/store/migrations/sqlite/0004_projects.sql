-- The studio's workspace, part 2 (issue 4): project members, milestones, tasks on a
-- board, task comments.

-- Lists are newest first within an organization: this index gives that order without a
-- sort, and replaces the single-column one.
DROP INDEX projects_organization_id_idx;
CREATE INDEX projects_organization_order_idx ON projects (organization_id, id);
CREATE INDEX projects_team_id_idx ON projects (team_id);

CREATE TABLE project_members (
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('lead', 'editor', 'reviewer', 'viewer')),
    added_at        TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user_id_idx ON project_members (user_id);

CREATE TABLE milestones (
    id              TEXT PRIMARY KEY NOT NULL,
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT,
    due_date        TEXT,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX milestones_project_id_idx ON milestones (project_id);

-- A task's place on the board: its column (status) and its position in the column.
-- Positions leave gaps so a move usually writes one row.
CREATE TABLE tasks (
    id              TEXT PRIMARY KEY NOT NULL,
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    milestone_id    TEXT REFERENCES milestones (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    description     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'review', 'done', 'blocked')),
    priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    position        BIGINT NOT NULL,
    assignee_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    due_date        TEXT,
    tags            TEXT NOT NULL,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    completed_at    TEXT
);
CREATE INDEX tasks_board_idx ON tasks (project_id, status, position);
CREATE INDEX tasks_assignee_id_idx ON tasks (assignee_id);
CREATE INDEX tasks_milestone_id_idx ON tasks (milestone_id);

CREATE TABLE task_comments (
    id              TEXT PRIMARY KEY NOT NULL,
    task_id         TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    mentions        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT,
    deleted_at      TEXT
);
CREATE INDEX task_comments_task_idx ON task_comments (task_id, id);

CREATE INDEX notifications_user_unread_idx ON notifications (user_id, read_at);
