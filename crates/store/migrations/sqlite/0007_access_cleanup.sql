-- Security fixes (issue 11): leaving or being removed from an organization used to keep
-- the person's project roles in it, and leaving a project kept their task assignments, so
-- a former member could still be mentioned, assigned or told about its projects (and got
-- their old roles back on rejoining). The services now remove both; this step removes
-- what earlier releases left behind.

DELETE FROM project_members
WHERE NOT EXISTS (
    SELECT 1 FROM projects p
    JOIN organization_members m ON m.organization_id = p.organization_id
    WHERE p.id = project_members.project_id AND m.user_id = project_members.user_id
);

UPDATE tasks SET assignee_id = NULL
WHERE assignee_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM project_members pm
    WHERE pm.project_id = tasks.project_id AND pm.user_id = tasks.assignee_id
);
