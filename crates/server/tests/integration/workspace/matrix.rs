//! Every action of the permission matrix (docs/PERMISSIONS.md), attempted over HTTP by
//! each role that must not do it: refused with 403, or 404 where the rules hide the
//! resource, and nothing changes.

use reqwest::Method;
use serde_json::{Value, json};

use super::{organizations::workspace_rows, projects::project, studio::*};
use crate::{accounts::client::*, both_backends, support::*};

struct Cast {
    owner: Value,
    admin: Value,
    member: Value,
    client: Value,
    outsider: Value,
    lead: Value,
    editor: Value,
    reviewer: Value,
    viewer: Value,
}

/// One refused attempt: what, the actor's token and email, the request, the status expected.
type Attempt = (
    &'static str,
    String,
    String,
    Method,
    String,
    Option<Value>,
    u16,
);

async fn cast(studio: &Studio, api: &Api<'_>) -> (Cast, String, String, String) {
    let owner = api.signup("owner@studio.example", "Owner").await;
    let org = organization(api, token(&owner), "Studio").await;
    let t = token(&owner).to_owned();
    let admin = join(studio, api, &t, &org, "admin@studio.example", "admin").await;
    let member = join(studio, api, &t, &org, "member@studio.example", "member").await;
    let client = join(studio, api, &t, &org, "client@brand.example", "client").await;
    let lead = join(studio, api, &t, &org, "lead@studio.example", "member").await;
    let editor = join(studio, api, &t, &org, "editor@studio.example", "member").await;
    let reviewer = join(studio, api, &t, &org, "reviewer@brand.example", "client").await;
    let viewer = join(studio, api, &t, &org, "viewer@studio.example", "member").await;
    let outsider = api.signup("outsider@studio.example", "Outsider").await;
    let created = project(api, token(&lead), &org, json!({"name": "Show"}))
        .await
        .expect(201);
    let project_id = created.body["id"].as_str().unwrap().to_owned();
    for (who, role) in [
        (&editor, "editor"),
        (&reviewer, "reviewer"),
        (&viewer, "viewer"),
    ] {
        api.with_token(
            Method::PUT,
            &format!("/api/projects/{project_id}/members/{}", user_id(who)),
            token(&lead),
            Some(json!({ "role": role })),
        )
        .await
        .expect(200);
    }
    let task = api
        .with_token(
            Method::POST,
            &format!("/api/projects/{project_id}/tasks"),
            token(&lead),
            Some(json!({"title": "T"})),
        )
        .await
        .expect(201);
    let task_id = task.body["id"].as_str().unwrap().to_owned();
    let cast = Cast {
        owner,
        admin,
        member,
        client,
        outsider,
        lead,
        editor,
        reviewer,
        viewer,
    };
    (cast, org, project_id, task_id)
}

async fn every_forbidden_action_is_refused(backend: Backend) {
    let studio = Studio::start(backend, &[("AUTH_RATE_LIMIT_MAX", "1000")]).await;
    let api = Api::new(&studio.server).await;
    let (c, org, project, task) = cast(&studio, &api).await;
    let o = format!("/api/organizations/{org}");
    let p = format!("/api/projects/{project}");
    let member_path = format!("{o}/members/{}", user_id(&c.member));
    let invite = |role: &str| Some(json!({"email": "new@studio.example", "role": role}));

    let mut attempts: Vec<Attempt> = vec![];
    let mut refuse = |who: &'static str,
                      cast: &[&Value],
                      method: Method,
                      path: &str,
                      body: Option<Value>,
                      status: u16| {
        for actor in cast {
            let email = actor["user"]["email"].as_str().unwrap().to_owned();
            let access = token(actor).to_owned();
            attempts.push((
                who,
                access,
                email,
                method.clone(),
                path.to_owned(),
                body.clone(),
                status,
            ));
        }
    };
    // Organization actions (the outsider may not even know it exists).
    refuse("view", &[&c.outsider], Method::GET, &o, None, 404);
    refuse(
        "list members",
        &[&c.outsider],
        Method::GET,
        &format!("{o}/members"),
        None,
        404,
    );
    refuse(
        "activity",
        &[&c.outsider],
        Method::GET,
        &format!("{o}/activities"),
        None,
        404,
    );
    refuse(
        "update",
        &[&c.member, &c.client],
        Method::PATCH,
        &o,
        Some(json!({"name": "X"})),
        403,
    );
    refuse(
        "update",
        &[&c.outsider],
        Method::PATCH,
        &o,
        Some(json!({"name": "X"})),
        404,
    );
    refuse(
        "delete",
        &[&c.admin, &c.member, &c.client],
        Method::DELETE,
        &o,
        None,
        403,
    );
    refuse("delete", &[&c.outsider], Method::DELETE, &o, None, 404);
    refuse(
        "invite admin",
        &[&c.admin, &c.member, &c.client],
        Method::POST,
        &format!("{o}/invitations"),
        invite("admin"),
        403,
    );
    refuse(
        "invite member",
        &[&c.member, &c.client],
        Method::POST,
        &format!("{o}/invitations"),
        invite("member"),
        403,
    );
    refuse(
        "invite owner",
        &[&c.owner, &c.admin],
        Method::POST,
        &format!("{o}/invitations"),
        invite("owner"),
        403,
    );
    refuse(
        "list invitations",
        &[&c.member, &c.client],
        Method::GET,
        &format!("{o}/invitations"),
        None,
        403,
    );
    refuse(
        "change role",
        &[&c.member, &c.client],
        Method::PATCH,
        &member_path,
        Some(json!({"role": "client"})),
        403,
    );
    refuse(
        "promote to admin",
        &[&c.admin],
        Method::PATCH,
        &member_path,
        Some(json!({"role": "admin"})),
        403,
    );
    refuse(
        "remove member",
        &[&c.client, &c.lead],
        Method::DELETE,
        &member_path,
        None,
        403,
    );
    refuse(
        "remove owner",
        &[&c.admin],
        Method::DELETE,
        &format!("{o}/members/{}", user_id(&c.owner)),
        None,
        403,
    );
    refuse(
        "transfer",
        &[&c.admin, &c.member, &c.client],
        Method::POST,
        &format!("{o}/transfer-ownership"),
        Some(json!({"userId": user_id(&c.admin)})),
        403,
    );
    refuse(
        "manage teams",
        &[&c.member, &c.client],
        Method::POST,
        &format!("{o}/teams"),
        Some(json!({"name": "T"})),
        403,
    );
    refuse(
        "create project",
        &[&c.client, &c.reviewer],
        Method::POST,
        "/api/projects",
        Some(json!({"organizationId": org, "name": "P"})),
        403,
    );
    refuse(
        "create project",
        &[&c.outsider],
        Method::POST,
        "/api/projects",
        Some(json!({"organizationId": org, "name": "P"})),
        404,
    );
    // Project actions: the client who is not on it, and outsiders, may not know it.
    let hidden = [&c.client, &c.outsider];
    refuse("view project", &hidden, Method::GET, &p, None, 404);
    refuse(
        "view board",
        &hidden,
        Method::GET,
        &format!("{p}/tasks"),
        None,
        404,
    );
    refuse(
        "project activity",
        &hidden,
        Method::GET,
        &format!("{p}/activities"),
        None,
        404,
    );
    let not_leads = [&c.editor, &c.reviewer, &c.viewer, &c.member];
    refuse(
        "update project",
        &not_leads,
        Method::PATCH,
        &p,
        Some(json!({"name": "X"})),
        403,
    );
    refuse(
        "update project",
        &hidden,
        Method::PATCH,
        &p,
        Some(json!({"name": "X"})),
        404,
    );
    refuse("delete project", &not_leads, Method::DELETE, &p, None, 403);
    refuse(
        "manage project members",
        &not_leads,
        Method::PUT,
        &format!("{p}/members/{}", user_id(&c.member)),
        Some(json!({"role": "viewer"})),
        403,
    );
    let lookers = [&c.reviewer, &c.viewer, &c.member];
    refuse(
        "create task",
        &lookers,
        Method::POST,
        &format!("{p}/tasks"),
        Some(json!({"title": "X"})),
        403,
    );
    refuse(
        "create task",
        &hidden,
        Method::POST,
        &format!("{p}/tasks"),
        Some(json!({"title": "X"})),
        404,
    );
    refuse(
        "edit task",
        &lookers,
        Method::PATCH,
        &format!("{p}/tasks/{task}"),
        Some(json!({"title": "X"})),
        403,
    );
    refuse(
        "move task",
        &lookers,
        Method::POST,
        &format!("{p}/tasks/{task}/move"),
        Some(json!({"status": "done", "index": 0})),
        403,
    );
    refuse(
        "delete task",
        &lookers,
        Method::DELETE,
        &format!("{p}/tasks/{task}"),
        None,
        403,
    );
    refuse(
        "comment",
        &[&c.viewer, &c.member],
        Method::POST,
        &format!("{p}/tasks/{task}/comments"),
        Some(json!({"body": "hi"})),
        403,
    );
    refuse(
        "comment",
        &hidden,
        Method::POST,
        &format!("{p}/tasks/{task}/comments"),
        Some(json!({"body": "hi"})),
        404,
    );
    refuse(
        "milestones",
        &lookers,
        Method::POST,
        &format!("{p}/milestones"),
        Some(json!({"title": "M"})),
        403,
    );

    let before = workspace_rows(&studio.server).await;
    let board_before = api
        .get(&format!("{p}/tasks"), token(&c.lead))
        .await
        .expect(200)
        .body;
    for (what, access, who, method, path, body, status) in attempts {
        let answer = api.with_token(method.clone(), &path, &access, body).await;
        assert_eq!(
            answer.status, status,
            "{what}: {method} {path} by {who}: {:#}",
            answer.body
        );
        let code = if status == 404 {
            "not_found"
        } else {
            "forbidden"
        };
        assert_eq!(answer.code(), code, "{what} by {who}");
    }
    assert_eq!(
        workspace_rows(&studio.server).await,
        before,
        "nothing changed"
    );
    let board_after = api
        .get(&format!("{p}/tasks"), token(&c.lead))
        .await
        .expect(200)
        .body;
    assert_eq!(board_after, board_before, "the board is as it was");
}

both_backends!(every_forbidden_action_is_refused);
