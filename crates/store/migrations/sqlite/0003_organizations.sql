-- The studio's workspace, part 1 (issue 4): organization members, invitations, teams,
-- and the activity log.

CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'client')),
    joined_at       TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user_id_idx ON organization_members (user_id);
-- Exactly one owner per organization: ownership moves only by transfer.
CREATE UNIQUE INDEX organization_members_one_owner ON organization_members (organization_id)
    WHERE role = 'owner';

-- Invitations by email: the link's token is stored as SHA-256, single use, 7 days.
CREATE TABLE invitations (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'member', 'client')),
    token_hash      TEXT NOT NULL,
    invited_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    accepted_at     TEXT,
    accepted_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    revoked_at      TEXT
);
CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash);
CREATE INDEX invitations_organization_id_idx ON invitations (organization_id);

CREATE TABLE teams (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX teams_organization_name_key ON teams (organization_id, name);

CREATE TABLE team_members (
    team_id         TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at        TEXT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id_idx ON team_members (user_id);

ALTER TABLE projects ADD COLUMN team_id TEXT REFERENCES teams (id) ON DELETE SET NULL;

-- Who did what, when, on what: listed per organization and per project, newest first.
CREATE TABLE activities (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      TEXT REFERENCES projects (id) ON DELETE CASCADE,
    actor_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    action          TEXT NOT NULL,
    entity_type     TEXT NOT NULL,
    entity_id       TEXT,
    entity_title    TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX activities_organization_idx ON activities (organization_id, id);
CREATE INDEX activities_project_idx ON activities (project_id, id);
